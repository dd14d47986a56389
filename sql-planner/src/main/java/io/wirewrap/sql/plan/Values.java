package io.wirewrap.sql.plan;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.sql.api.SqlError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Converts literal and parameter values to the Java type a column type carries (see {@link ColumnType}). */
public final class Values {
    private Values() {}

    private static final DateTimeFormatter TS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[['T'][' ']HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    public static Object coerce(Object v, ColumnType type) {
        if (v == null) return null;
        try {
            return switch (type) {
                case BOOL -> v instanceof Boolean ? v : parseBool(v.toString());
                case INT2 -> v instanceof Number n ? n.shortValue() : Short.parseShort(v.toString().trim());
                case INT4 -> v instanceof Number n ? exactInt(n) : Integer.parseInt(v.toString().trim());
                case INT8 -> v instanceof Number n && !(n instanceof BigDecimal) && !(n instanceof Double) ? n.longValue()
                        : new BigDecimal(v.toString().trim()).longValueExact();
                case FLOAT4 -> v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString().trim());
                case FLOAT8 -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
                case NUMERIC -> v instanceof BigDecimal b ? b : new BigDecimal(v.toString().trim());
                case TEXT, VARCHAR, JSON, JSONB -> v.toString();
                case TIMESTAMP -> timestamp(v);
                case TIMESTAMPTZ -> timestamptz(v);
                case DATE -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString().trim().substring(0, 10));
                case UUID -> v instanceof java.util.UUID u ? u : java.util.UUID.fromString(v.toString().trim());
                case BYTEA -> v instanceof byte[] ? v : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            };
        } catch (RuntimeException e) {
            if (e instanceof SqlError se) throw se;
            throw new SqlError("22P02", "invalid input syntax for type " + type.sqlName() + ": \"" + v + "\"");
        }
    }

    private static int exactInt(Number n) {
        long l = n.longValue();
        if (l != (int) l) throw new SqlError("22003", "integer out of range");
        return (int) l;
    }

    private static Boolean parseBool(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "t", "true", "yes", "on", "1", "y" -> true;
            case "f", "false", "no", "off", "0", "n" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof OffsetDateTime o) return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        if (v instanceof LocalDate d) return d.atStartOfDay();
        var parsed = TS.parseBest(v.toString().trim(), OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        return timestamp(parsed);
    }

    private static OffsetDateTime timestamptz(Object v) {
        if (v instanceof OffsetDateTime o) return o;
        if (v instanceof LocalDateTime t) return t.atOffset(ZoneOffset.UTC); // sessions run in UTC
        if (v instanceof LocalDate d) return d.atStartOfDay().atOffset(ZoneOffset.UTC);
        var parsed = TS.parseBest(v.toString().trim(), OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        return timestamptz(parsed);
    }
}
