package io.wirewrap.sql.exec;

import io.wirewrap.sql.local.PgMacros;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Loads a {@code pg_catalog}/{@code information_schema} relation's rows into a DuckDB temp table. Array-typed
 * catalog columns ({@code relacl}, {@code srvoptions}, ...) are staged as PostgreSQL array text and turned into
 * DuckDB lists, so {@code unnest}/{@code array_to_string} work on them.
 */
final class SystemLoader {
    private SystemLoader() {}

    static void load(DuckDBConnection c, String table, SystemRelations.Relation rel, SessionContext session, boolean empty) {
        List<ResultColumn> cols = rel.columns();
        List<ScanLoader.Col> staged = new ArrayList<>();
        boolean anyArray = false;
        for (ResultColumn rc : cols) {
            boolean array = isArray(rc.typeOid());
            anyArray |= array;
            staged.add(new ScanLoader.Col(rc.name(), array ? ColumnType.TEXT : typeOf(rc.typeOid())));
        }
        String stage = anyArray ? table + "_stage" : table;
        if (!anyArray && cols.stream().noneMatch(rc -> rc.name().equals("tableoid"))) {
            // system column every catalog table has; psql joins pg_description on it
            staged.add(new ScanLoader.Col("tableoid", ColumnType.INT8));
        }
        ScanLoader.create(c, stage, staged);
        if (!empty) {
            List<Object[]> rows = new ArrayList<>();
            for (Object[] r : rel.rows(session)) {
                Object[] copy = java.util.Arrays.copyOf(r, staged.size());
                if (staged.size() > cols.size()) copy[cols.size()] = 0L;
                for (int i = 0; i < copy.length && i < cols.size(); i++) {
                    if (isArray(cols.get(i).typeOid())) copy[i] = arrayText(copy[i]);
                    else copy[i] = io.wirewrap.sql.plan.Values.coerce(copy[i], staged.get(i).type());
                }
                rows.add(copy);
            }
            ScanLoader.load(c, stage, staged, RowStream.of(rows), new CancelToken());
        }
        if (anyArray) {
            StringBuilder sql = new StringBuilder("CREATE TEMP TABLE ").append(table).append(" AS SELECT ");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) sql.append(", ");
                String q = ScanLoader.quote(cols.get(i).name());
                if (isArray(cols.get(i).typeOid())) {
                    String element = switch (cols.get(i).typeOid()) {
                        case 22, 30, 1005, 1007, 1016, 1028 -> "BIGINT";
                        case 1000 -> "BOOLEAN";
                        default -> "VARCHAR";
                    };
                    sql.append("CAST(CASE WHEN ").append(q).append(" IS NULL THEN NULL WHEN ").append(q).append(" = '{}' THEN CAST([] AS VARCHAR[]) ELSE ")
                            .append("list_transform(string_split(substr(").append(q).append(", 2, length(").append(q)
                            .append(") - 2), ','), x -> trim(x, '\"')) END AS ").append(element).append("[]) AS ").append(q);
                } else {
                    sql.append(q);
                }
            }
            sql.append(", CAST(0 AS BIGINT) AS tableoid FROM ").append(stage);
            ScanLoader.exec(c, sql.toString());
            ScanLoader.exec(c, "DROP TABLE " + stage);
        }
        if (!empty && cols.stream().anyMatch(rc -> rc.name().equals("ww_result"))) {
            // pg_proc: what pg_get_function_result/_arguments print for these rows (macros read this table)
            ScanLoader.exec(c, "DELETE FROM " + PgMacros.FUNCTION_TEXTS);
            ScanLoader.exec(c, "INSERT INTO " + PgMacros.FUNCTION_TEXTS + " SELECT oid, ww_result, ww_arguments FROM " + table);
        }
    }

    static boolean isArray(int oid) {
        return switch (oid) {
            case 22, 30, 1000, 1002, 1003, 1005, 1007, 1009, 1016, 1028, 1034, 1015, 1021, 1022, 1231, 1263 -> true;
            default -> false;
        };
    }

    static ColumnType typeOf(int oid) {
        return switch (oid) {
            case 16 -> ColumnType.BOOL;
            case 21 -> ColumnType.INT2;
            case 23 -> ColumnType.INT4;
            case 20, 26, 28, 24 -> oid == 24 ? ColumnType.TEXT : ColumnType.INT8;
            case 700 -> ColumnType.FLOAT4;
            case 701 -> ColumnType.FLOAT8;
            case 1700 -> ColumnType.NUMERIC;
            case 1114 -> ColumnType.TIMESTAMP;
            case 1184 -> ColumnType.TIMESTAMPTZ;
            case 1082 -> ColumnType.DATE;
            case 114, 3802 -> ColumnType.JSONB;
            case 2950 -> ColumnType.UUID;
            default -> ColumnType.TEXT;
        };
    }

    private static String arrayText(Object v) {
        if (v == null) return null;
        List<?> items;
        if (v instanceof List<?> l) items = l;
        else if (v instanceof Object[] a) items = List.of(a);
        else if (v instanceof short[] s) {
            var l = new ArrayList<Object>();
            for (short x : s) l.add(x);
            items = l;
        } else if (v instanceof int[] s) {
            var l = new ArrayList<Object>();
            for (int x : s) l.add(x);
            items = l;
        } else if (v instanceof long[] s) {
            var l = new ArrayList<Object>();
            for (long x : s) l.add(x);
            items = l;
        } else {
            String s = v.toString().trim();
            if (s.startsWith("{")) return s;
            // int2vector/oidvector text form is space separated
            return "{" + String.join(",", s.isEmpty() ? List.of() : List.of(s.split("\\s+"))) + "}";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) b.append(',');
            Object o = items.get(i);
            String s = o == null ? "NULL" : o.toString();
            b.append(s.contains(",") ? "\"" + s.replace("\"", "\\\"") + "\"" : s);
        }
        return b.append('}').toString();
    }
}
