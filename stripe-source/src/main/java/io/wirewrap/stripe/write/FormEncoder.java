package io.wirewrap.stripe.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.plan.Encoding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stripe's request bodies: {@code application/x-www-form-urlencoded} with nested values in bracket notation
 * ({@code metadata[plan]=pro}, {@code items[0][price]=price_1}). Names are checked so that nothing user-supplied can
 * inject another field; values are percent-encoded.
 */
public final class FormEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code name}, {@code name[key]}, {@code name[0][key]}: no '&', '=', '%' or control characters anywhere. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(\\[[A-Za-z0-9_\\-. :/@]*])*");

    /** One key of a JSON object: it becomes one {@code [key]} part, so it may not open or close another. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-. :/@]*");

    private final StringBuilder out = new StringBuilder();

    public static String baseName(String name) {
        int b = name.indexOf('[');
        return b < 0 ? name : name.substring(0, b);
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "invalid Stripe field name \"" + name.replaceAll("\\p{Cntrl}", "?") + "\"",
                    null, "field names are letters, digits and _ with optional [key] parts", null);
        }
    }

    /** Adds a column value; {@code unset} sends {@code name=} for a NULL (Stripe clears the field). */
    public FormEncoder add(String name, Object value, boolean jsonColumn, boolean unset) {
        if (value == null && !unset) return this; // nothing is sent, so any column name is harmless
        checkName(name);
        if (value == null) {
            if (unset) pair(name, "");
            return this;
        }
        if (jsonColumn) {
            JsonNode n = parse(name, value.toString());
            if (name.equals("attrs")) {
                // attrs holds top-level fields: {"metadata": {...}} or wrappers' {"metadata[foo]": "bar"}
                if (!n.isObject()) throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "attrs must be a JSON object to be written");
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    var e = it.next();
                    checkName(e.getKey());
                    json(e.getKey(), e.getValue(), unset);
                }
            } else {
                json(name, n, unset);
            }
            return this;
        }
        pair(name, scalar(value));
        return this;
    }

    private void json(String name, JsonNode n, boolean unset) {
        if (n.isObject()) {
            if (n.isEmpty() && unset) pair(name, "");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!KEY.matcher(e.getKey()).matches()) {
                    // {"a][b": 1} would otherwise become metadata[a][b]: a nested field the JSON never had
                    throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "invalid key \"" + e.getKey().replaceAll("\\p{Cntrl}", "?")
                            + "\" in column \"" + baseName(name) + "\"", null, "JSON keys sent to Stripe are letters, digits and _ - . : / @ or space", null);
                }
                String key = name + "[" + e.getKey() + "]";
                checkName(key);
                json(key, e.getValue(), unset);
            }
        } else if (n.isArray()) {
            if (n.isEmpty() && unset) pair(name, "");
            for (int i = 0; i < n.size(); i++) json(name + "[" + i + "]", n.get(i), unset);
        } else if (n.isNull()) {
            if (unset) pair(name, "");
        } else {
            pair(name, n.isTextual() ? n.asText() : n.toString());
        }
    }

    private static JsonNode parse(String name, String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new FdwException(SqlState.INVALID_TEXT_REPRESENTATION, "column \"" + name + "\" is not valid JSON");
        }
    }

    static String scalar(Object v) {
        return switch (v) {
            case Boolean b -> b.toString();
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> Long.toString(t.toEpochSecond(ZoneOffset.UTC));
            case OffsetDateTime t -> Long.toString(t.toEpochSecond());
            case Instant t -> Long.toString(t.getEpochSecond());
            case LocalDate d -> Long.toString(d.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            default -> v.toString();
        };
    }

    private void pair(String name, String value) {
        if (!out.isEmpty()) out.append('&');
        out.append(name).append('=').append(Encoding.pct(value));
    }

    public String encode() {
        return out.toString();
    }
}
