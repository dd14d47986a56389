package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.SqlState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one Stripe JSON object into a row: a column is the top-level field of the same name converted to the
 * declared type, {@code attrs} is the whole object, and a column the object lacks but an equality qual pinned
 * (a parent id in the path, a filter-only parameter) takes the qual's value. A column named after a reference
 * field ({@code customer}) holds the id even when {@code expand[]} embedded the object, which only {@code attrs} shows.
 */
public final class RowMapper {
    private final List<String> columns;
    private final List<ColumnType> types;
    private final Map<String, Object> pinned;
    private final Set<String> references;

    public RowMapper(List<String> columns, List<ColumnType> types, Map<String, Object> pinned) {
        this(columns, types, pinned, Set.of());
    }

    /** @param references the object's expandable reference fields, whose columns keep the id of an expanded object */
    public RowMapper(List<String> columns, List<ColumnType> types, Map<String, Object> pinned, Set<String> references) {
        this.columns = List.copyOf(columns);
        this.types = List.copyOf(types);
        this.pinned = Map.copyOf(pinned);
        this.references = Set.copyOf(references);
    }

    public Object[] map(JsonNode obj) {
        return mapWithAttrs(obj, obj);
    }

    /** Like {@link #map} but {@code attrs} holds {@code attrs} rather than the object itself (balance rows). */
    public Object[] mapWithAttrs(JsonNode obj, JsonNode attrs) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String c = columns.get(i);
            if (c.equals("attrs")) {
                row[i] = convert(attrs, types.get(i), c);
                continue;
            }
            JsonNode v = obj.get(c);
            if (v != null && v.isObject() && references.contains(c)) v = v.get("id");
            if ((v == null || v.isNull()) && pinned.containsKey(c)) row[i] = pinned.get(c);
            else row[i] = v == null ? null : convert(v, types.get(i), c);
        }
        return row;
    }

    /** Converts a JSON value to the Java type {@link ColumnType} documents for {@code type}. */
    public static Object convert(JsonNode v, ColumnType type, String column) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        try {
            return switch (type) {
                case TEXT, VARCHAR -> v.isTextual() ? v.asText() : v.toString();
                case JSON, JSONB -> v.toString();
                case BOOL -> v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
                case INT2 -> (short) number(v).longValueExact();
                case INT4 -> number(v).intValueExact();
                case INT8 -> number(v).longValueExact();
                case FLOAT4 -> number(v).floatValue();
                case FLOAT8 -> number(v).doubleValue();
                case NUMERIC -> number(v);
                case TIMESTAMP -> LocalDateTime.ofEpochSecond(number(v).longValueExact(), 0, ZoneOffset.UTC);
                case TIMESTAMPTZ -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(number(v).longValueExact()), ZoneOffset.UTC);
                case DATE -> LocalDate.ofInstant(Instant.ofEpochSecond(number(v).longValueExact()), ZoneOffset.UTC);
                case UUID -> java.util.UUID.fromString(v.asText());
                case BYTEA -> v.isTextual() ? v.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8) : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            };
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            throw new FdwException(SqlState.FDW_INVALID_DATA_TYPE, "Stripe field \"" + column + "\" value " + abbreviate(v)
                    + " does not fit column type " + type.sqlName(), null, "declare the column as text or jsonb", e);
        } catch (IllegalArgumentException e) {
            throw new FdwException(SqlState.FDW_INVALID_DATA_TYPE, "Stripe field \"" + column + "\" value " + abbreviate(v)
                    + " does not fit column type " + type.sqlName(), null, null, e);
        }
    }

    private static BigDecimal number(JsonNode v) {
        if (v.isNumber()) return v.decimalValue();
        if (v.isTextual()) return new BigDecimal(v.asText().trim());
        if (v.isBoolean()) return v.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        throw new NumberFormatException("not a number");
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
