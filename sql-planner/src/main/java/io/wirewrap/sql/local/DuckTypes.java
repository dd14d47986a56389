package io.wirewrap.sql.local;

import io.wirewrap.fdw.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Type correspondence between wirewrap's column types, DuckDB's types and the PostgreSQL OIDs clients see. */
public final class DuckTypes {
    private DuckTypes() {}

    public static final int INTERVAL_OID = 1186;
    public static final int TIME_OID = 1083;
    public static final int OID_OID = 26;

    /** The DuckDB column type that holds values of {@code type}. */
    public static String duckType(ColumnType type) {
        return switch (type) {
            case BOOL -> "BOOLEAN";
            case INT2 -> "SMALLINT";
            case INT4 -> "INTEGER";
            case INT8 -> "BIGINT";
            case FLOAT4 -> "REAL";
            case FLOAT8 -> "DOUBLE";
            // PostgreSQL numeric is arbitrary precision; DuckDB's widest fixed decimal is the closest fit.
            case NUMERIC -> "DECIMAL(38,10)";
            case TEXT, VARCHAR -> "VARCHAR";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case JSON, JSONB -> "JSON";
            case UUID -> "UUID";
            case BYTEA -> "BLOB";
        };
    }

    /** The PostgreSQL type OID for a DuckDB result column type name (as JDBC metadata reports it). */
    public static int pgOid(String duckTypeName) {
        String t = duckTypeName.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) return arrayOid(pgOid(t.substring(0, t.length() - 2)));
        if (t.startsWith("DECIMAL") || t.equals("HUGEINT") || t.equals("UHUGEINT") || t.equals("UBIGINT")) return 1700;
        return switch (t) {
            case "BOOLEAN" -> 16;
            case "TINYINT", "SMALLINT", "UTINYINT" -> 21;
            case "INTEGER", "USMALLINT" -> 23;
            case "BIGINT", "UINTEGER" -> 20;
            case "FLOAT" -> 700;
            case "DOUBLE" -> 701;
            case "DATE" -> 1082;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> 1114;
            case "TIMESTAMP WITH TIME ZONE" -> 1184;
            case "TIME" -> TIME_OID;
            case "INTERVAL" -> INTERVAL_OID;
            case "JSON" -> 3802;
            case "UUID" -> 2950;
            case "BLOB" -> 17;
            default -> 25;
        };
    }

    /** The array type OID of an element type OID (text[] for anything without a dedicated array type). */
    public static int arrayOid(int element) {
        return switch (element) {
            case 16 -> 1000;
            case 21 -> 1005;
            case 23 -> 1007;
            case 20 -> 1016;
            case 700 -> 1021;
            case 701 -> 1022;
            case 1700 -> 1231;
            case 1082 -> 1182;
            case 1114 -> 1115;
            case 1184 -> 1185;
            case 3802 -> 3807;
            case 2950 -> 2951;
            default -> 1009;
        };
    }

    /**
     * Converts a value read from DuckDB into the Java type {@link ColumnType} documents for {@code pgOid}. Types
     * ColumnType does not cover (interval, arrays, time) travel as their PostgreSQL text form.
     */
    public static Object toPg(Object v, int pgOid) {
        if (v == null) return null;
        return switch (pgOid) {
            case 16 -> v instanceof Boolean ? v : Boolean.valueOf(v.toString());
            case 21 -> ((Number) v).shortValue();
            case 23 -> ((Number) v).intValue();
            case 20 -> ((Number) v).longValue();
            case 700 -> ((Number) v).floatValue();
            case 701 -> ((Number) v).doubleValue();
            case 1700 -> numeric(v);
            case 1082 -> v instanceof LocalDate d ? d : v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(v.toString());
            case 1114 -> timestamp(v);
            case 1184 -> timestamptz(v);
            case 3802, 114 -> JsonbText.normalize(v.toString());
            case 2950 -> v instanceof java.util.UUID u ? u : java.util.UUID.fromString(v.toString());
            case 17 -> v instanceof byte[] b ? b : blob(v);
            case INTERVAL_OID -> PgText.interval(v.toString());
            case TIME_OID -> v instanceof java.time.LocalTime t ? t.format(TIME_TEXT) + fraction(t.getNano()) : v.toString();
            default -> arrayOrText(v, pgOid);
        };
    }

    private static Object arrayOrText(Object v, int pgOid) {
        if (v instanceof java.sql.Array a) {
            try {
                return PgText.array((Object[]) a.getArray(), elementOf(pgOid));
            } catch (java.sql.SQLException e) {
                return v.toString();
            }
        }
        return v.toString();
    }

    public static boolean isArrayOid(int oid) {
        return elementOf(oid) != 25 || oid == 1009;
    }

    public static int elementOf(int arrayOid) {
        return switch (arrayOid) {
            case 1000 -> 16;
            case 1005 -> 21;
            case 1007 -> 23;
            case 1016 -> 20;
            case 1021 -> 700;
            case 1022 -> 701;
            case 1231 -> 1700;
            case 1182 -> 1082;
            case 1115 -> 1114;
            case 1185 -> 1184;
            case 3807 -> 3802;
            case 2951 -> 2950;
            default -> 25;
        };
    }

    private static final java.time.format.DateTimeFormatter TIME_TEXT = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    /** PostgreSQL prints time as 10:00:00 (seconds always, fraction only when non-zero). */
    private static String fraction(int nanos) {
        if (nanos == 0) return "";
        return "." + String.format("%09d", nanos).substring(0, 6).replaceAll("0+$", "");
    }

    private static BigDecimal numeric(Object v) {
        BigDecimal d = switch (v) {
            case BigDecimal b -> b;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double x -> BigDecimal.valueOf(x);
            default -> new BigDecimal(v.toString());
        };
        // DECIMAL(38,10) stands in for unconstrained numeric: drop the padding zeros PostgreSQL would not print.
        // Other scales came from DuckDB's own arithmetic on literals and are kept.
        if (d.scale() == 10) {
            d = d.stripTrailingZeros();
            if (d.scale() < 0) d = d.setScale(0);
        }
        // DECIMAL(38,20) is what numeric division (ww_numeric_div) yields: show PostgreSQL's display scale,
        // 16 significant decimals counted from the quotient's first base-10000 digit (20 below 1, 12 from 10^4, ...)
        if (d.scale() == 20) d = d.setScale(divisionScale(d), java.math.RoundingMode.HALF_UP);
        return d;
    }

    /** PostgreSQL's select_div_scale for a quotient of this size: 16 - 4 * (its weight in base-10000 digits). */
    static int divisionScale(BigDecimal q) {
        if (q.signum() == 0) return 20;
        int intDigits = q.precision() - q.scale(); // decimal digits before the point (<= 0 below 1)
        int weight = intDigits > 0 ? (intDigits - 1) / 4 : -((-intDigits) / 4) - 1;
        return Math.max(0, Math.min(20, 16 - 4 * weight));
    }

    private static LocalDateTime timestamp(Object v) {
        return switch (v) {
            case LocalDateTime t -> t;
            case Timestamp t -> t.toLocalDateTime();
            case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            default -> LocalDateTime.parse(v.toString().replace(' ', 'T'));
        };
    }

    private static OffsetDateTime timestamptz(Object v) {
        return switch (v) {
            case OffsetDateTime o -> o;
            case Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            case LocalDateTime t -> t.atOffset(ZoneOffset.UTC);
            default -> OffsetDateTime.parse(v.toString());
        };
    }

    private static byte[] blob(Object v) {
        try {
            if (v instanceof java.sql.Blob b) return b.getBytes(1, (int) b.length());
        } catch (java.sql.SQLException ignored) {
            // fall through
        }
        return v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
