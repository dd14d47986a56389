package io.wirewrap.sql.pgcatalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The types pg_type lists: every type wirewrap sends plus the ones psql, pgjdbc and BI tools look up, with
 * their real PostgreSQL 15 OIDs, lengths and array types.
 */
public final class PgTypes {
    /** One pg_type row's essentials; arrays are derived from their element. */
    public record Type(int oid, String name, int len, boolean byVal, char type, char category, boolean preferred,
                       int elem, int array, char align, char storage, int collation, String io) {}

    private static final Map<Integer, Type> BY_OID = new LinkedHashMap<>();
    public static final int C_COLLATION = 950;
    public static final int DEFAULT_COLLATION = 100;

    static {
        base(16, "bool", 1, true, 'B', true, 1000, 'c', 'p', 0, "bool");
        base(17, "bytea", -1, false, 'U', false, 1001, 'i', 'x', 0, "bytea");
        base(18, "char", 1, true, 'Z', false, 1002, 'c', 'p', 0, "char");
        base(19, "name", 64, false, 'S', false, 1003, 'c', 'p', C_COLLATION, "name");
        base(20, "int8", 8, true, 'N', false, 1016, 'd', 'p', 0, "int8");
        base(21, "int2", 2, true, 'N', false, 1005, 's', 'p', 0, "int2");
        add(new Type(22, "int2vector", -1, false, 'b', 'A', false, 21, 1006, 'i', 'p', 0, "int2vector"));
        base(23, "int4", 4, true, 'N', false, 1007, 'i', 'p', 0, "int4");
        base(24, "regproc", 4, true, 'N', false, 1008, 'i', 'p', 0, "regproc");
        base(25, "text", -1, false, 'S', true, 1009, 'i', 'x', DEFAULT_COLLATION, "text");
        base(26, "oid", 4, true, 'N', true, 1028, 'i', 'p', 0, "oid");
        base(27, "tid", 6, false, 'U', false, 1010, 's', 'p', 0, "tid");
        base(28, "xid", 4, true, 'U', false, 1011, 'i', 'p', 0, "xid");
        base(29, "cid", 4, true, 'U', false, 1012, 'i', 'p', 0, "cid");
        add(new Type(30, "oidvector", -1, false, 'b', 'A', false, 26, 1013, 'i', 'p', 0, "oidvector"));
        base(114, "json", -1, false, 'U', false, 199, 'i', 'x', 0, "json");
        base(142, "xml", -1, false, 'U', false, 143, 'i', 'x', 0, "xml");
        base(194, "pg_node_tree", -1, false, 'Z', false, 0, 'i', 'x', DEFAULT_COLLATION, "pg_node_tree");
        base(600, "point", 16, false, 'G', false, 1017, 'd', 'p', 0, "point");
        base(650, "cidr", -1, false, 'I', false, 651, 'i', 'm', 0, "cidr");
        base(700, "float4", 4, true, 'N', false, 1021, 'i', 'p', 0, "float4");
        base(701, "float8", 8, true, 'N', true, 1022, 'd', 'p', 0, "float8");
        base(790, "money", 8, true, 'N', false, 791, 'd', 'p', 0, "cash");
        base(829, "macaddr", 6, false, 'U', false, 1040, 'i', 'p', 0, "macaddr");
        base(869, "inet", -1, false, 'I', true, 1041, 'i', 'm', 0, "inet");
        base(1033, "aclitem", 12, false, 'U', false, 1034, 'd', 'p', 0, "aclitem");
        base(1042, "bpchar", -1, false, 'S', false, 1014, 'i', 'x', DEFAULT_COLLATION, "bpchar");
        base(1043, "varchar", -1, false, 'S', false, 1015, 'i', 'x', DEFAULT_COLLATION, "varchar");
        base(1082, "date", 4, true, 'D', false, 1182, 'i', 'p', 0, "date");
        base(1083, "time", 8, true, 'D', false, 1183, 'd', 'p', 0, "time");
        base(1114, "timestamp", 8, true, 'D', false, 1115, 'd', 'p', 0, "timestamp");
        base(1184, "timestamptz", 8, true, 'D', true, 1185, 'd', 'p', 0, "timestamptz");
        base(1186, "interval", 16, false, 'T', true, 1187, 'd', 'p', 0, "interval");
        base(1266, "timetz", 12, false, 'D', false, 1270, 'd', 'p', 0, "timetz");
        base(1560, "bit", -1, false, 'V', false, 1561, 'i', 'x', 0, "bit");
        base(1562, "varbit", -1, false, 'V', true, 1563, 'i', 'x', 0, "varbit");
        base(1700, "numeric", -1, false, 'N', false, 1231, 'i', 'm', 0, "numeric");
        base(2202, "regprocedure", 4, true, 'N', false, 2207, 'i', 'p', 0, "regprocedure");
        base(2205, "regclass", 4, true, 'N', false, 2210, 'i', 'p', 0, "regclass");
        base(2206, "regtype", 4, true, 'N', false, 2211, 'i', 'p', 0, "regtype");
        base(2950, "uuid", 16, false, 'U', false, 2951, 'c', 'p', 0, "uuid");
        base(3614, "tsvector", -1, false, 'U', false, 3643, 'i', 'x', 0, "tsvector");
        base(3802, "jsonb", -1, false, 'U', false, 3807, 'i', 'x', 0, "jsonb");
        base(4089, "regnamespace", 4, true, 'N', false, 4090, 'i', 'p', 0, "regnamespace");
        base(4096, "regrole", 4, true, 'N', false, 4097, 'i', 'p', 0, "regrole");
        pseudo(705, "unknown", -2, 'X');
        pseudo(2249, "record", -1, 'P');
        pseudo(2275, "cstring", -2, 'P');
        pseudo(2276, "any", 4, 'P');
        pseudo(2277, "anyarray", -1, 'P');
        pseudo(2278, "void", 4, 'P');
        pseudo(2279, "trigger", 4, 'P');
        pseudo(3115, "fdw_handler", 4, 'P');
        pseudo(2283, "anyelement", 4, 'P');
        // array types, derived from their elements
        for (Type t : new ArrayList<>(BY_OID.values())) {
            if (t.array() != 0 && t.type() == 'b') {
                add(new Type(t.array(), "_" + t.name(), -1, false, 'b', 'A', false, t.oid(), 0,
                        t.align() == 'd' ? 'd' : 'i', 'x', t.collation(), "array"));
            }
        }
    }

    private PgTypes() {}

    private static void base(int oid, String name, int len, boolean byVal, char cat, boolean preferred, int array,
                             char align, char storage, int collation, String io) {
        add(new Type(oid, name, len, byVal, 'b', cat, preferred, 0, array, align, storage, collation, io));
    }

    private static void pseudo(int oid, String name, int len, char cat) {
        add(new Type(oid, name, len, len == 4, 'p', cat, false, 0, oid == 2249 ? 2287 : 0, len == -1 ? 'd' : 'i', 'p', 0, name));
    }

    private static void add(Type t) {
        BY_OID.put(t.oid(), t);
    }

    public static List<Type> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_OID.values()));
    }

    public static Optional<Type> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** The SQL name {@code format_type(oid, typmod)} prints. */
    public static String formatType(int oid, int typmod) {
        Type t = BY_OID.get(oid);
        if (t == null) return oid == 0 ? "-" : "???";
        if (t.category() == 'A' && t.elem() != 0 && t.name().startsWith("_")) return formatType(t.elem(), typmod) + "[]";
        return switch (oid) {
            case 16 -> "boolean";
            case 18 -> "\"char\"";
            case 20 -> "bigint";
            case 21 -> "smallint";
            case 23 -> "integer";
            case 700 -> "real";
            case 701 -> "double precision";
            case 1042 -> typmod > 4 ? "character(" + (typmod - 4) + ")" : "character";
            case 1043 -> typmod > 4 ? "character varying(" + (typmod - 4) + ")" : "character varying";
            case 1083 -> typmod >= 0 ? "time(" + typmod + ") without time zone" : "time without time zone";
            case 1114 -> typmod >= 0 ? "timestamp(" + typmod + ") without time zone" : "timestamp without time zone";
            case 1184 -> typmod >= 0 ? "timestamp(" + typmod + ") with time zone" : "timestamp with time zone";
            case 1266 -> typmod >= 0 ? "time(" + typmod + ") with time zone" : "time with time zone";
            case 1186 -> "interval";
            case 1560 -> typmod > 0 ? "bit(" + typmod + ")" : "bit";
            case 1562 -> typmod > 0 ? "bit varying(" + typmod + ")" : "bit varying";
            case 1700 -> typmod >= 4 ? "numeric(" + (((typmod - 4) >> 16) & 0xffff) + "," + ((typmod - 4) & 0xffff) + ")" : "numeric";
            default -> t.name();
        };
    }
}
