package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.StripeSpec;

/**
 * Turns form strings into JSON types using the operation's body schema: integers, numbers and booleans become
 * JSON numbers and booleans, and the empty string becomes null (Stripe's "unset").
 */
final class Coercion {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final StripeSpec spec;

    Coercion(StripeSpec spec) { this.spec = spec; }

    /**
     * Re-types a parameter for the object field it lands in (a form's {@code card[exp_month]=12} is a string in
     * the request schema but an integer on the object); text that does not fit stays text.
     */
    JsonNode toField(JsonNode value, JsonNode schema) {
        try {
            return coerce(value, schema, "");
        } catch (ApiError e) {
            return value;
        }
    }

    JsonNode coerce(JsonNode value, JsonNode schema, String param) {
        schema = spec.resolve(schema);
        if (value.isTextual()) return scalar(value.asText(), schema, param);
        if (value instanceof ObjectNode obj) {
            JsonNode objSchema = option(schema, "object");
            ObjectNode out = F.objectNode();
            obj.fields().forEachRemaining(e -> {
                JsonNode child = objSchema == null ? null : objSchema.path("properties").get(e.getKey());
                if (child == null && objSchema != null) child = objSchema.get("additionalProperties");
                out.set(e.getKey(), coerce(e.getValue(), child, param + "[" + e.getKey() + "]"));
            });
            return out;
        }
        if (value instanceof ArrayNode arr) {
            JsonNode arrSchema = option(schema, "array");
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < arr.size(); i++) {
                out.add(coerce(arr.get(i), arrSchema == null ? null : arrSchema.get("items"), param + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private JsonNode scalar(String text, JsonNode schema, String param) {
        if (text.isEmpty()) return F.nullNode();
        if (schema == null) return F.textNode(text);
        JsonNode options = schema.get("anyOf");
        if (options != null) {
            for (JsonNode o : options) {
                JsonNode c = typed(text, spec.resolve(o));
                if (c != null) return c;
            }
            return F.textNode(text);
        }
        JsonNode c = typed(text, schema);
        if (c != null) return c;
        String type = schema.path("type").asText();
        if ("integer".equals(type)) throw ApiError.invalid("parameter_invalid_integer", "Invalid integer: " + text, param);
        if ("boolean".equals(type)) throw ApiError.invalid("parameter_invalid_boolean", "Invalid boolean: " + text, param);
        if ("number".equals(type)) throw ApiError.invalid("parameter_invalid_decimal", "Invalid decimal: " + text, param);
        return F.textNode(text);
    }

    private static JsonNode typed(String text, JsonNode schema) {
        switch (schema.path("type").asText()) {
            case "integer":
                try {
                    return F.numberNode(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    return null;
                }
            case "number":
                try {
                    return F.numberNode(new java.math.BigDecimal(text));
                } catch (NumberFormatException e) {
                    return null;
                }
            case "boolean":
                return "true".equals(text) ? F.booleanNode(true) : "false".equals(text) ? F.booleanNode(false) : null;
            case "string":
                JsonNode e = schema.get("enum");
                if (e != null && e.size() == 1 && "".equals(e.get(0).asText())) return null; // the "unset" option
                return F.textNode(text);
            default:
                return null;
        }
    }

    private JsonNode option(JsonNode schema, String type) {
        if (schema == null) return null;
        if (type.equals(schema.path("type").asText())) return schema;
        for (JsonNode o : schema.path("anyOf")) {
            JsonNode r = spec.resolve(o);
            if (type.equals(r.path("type").asText())) return r;
        }
        return null;
    }
}
