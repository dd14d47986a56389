package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.emulator.spec.StripeSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON-schema checker over the OpenAPI spec's component schemas: $ref, anyOf, nullable, type, required,
 * enum, properties (unknown properties are errors: Stripe's schemas list every field), items and
 * additionalProperties. Returns human-readable violations with JSON paths.
 */
final class SchemaValidator {
    private final StripeSpec spec;

    SchemaValidator(StripeSpec spec) { this.spec = spec; }

    List<String> validate(JsonNode value, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "$", errors, 0);
        return errors;
    }

    private void check(JsonNode v, JsonNode schema, String path, List<String> errors, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 40) return;
        schema = spec.resolve(schema);
        if (v == null || v.isMissingNode()) return;
        if (v.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) errors.add(path + ": null but not nullable");
            return;
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            List<String> best = null;
            for (JsonNode option : anyOf) {
                List<String> e = new ArrayList<>();
                check(v, option, path, e, depth + 1);
                if (e.isEmpty()) return;
                if (best == null || e.size() < best.size()) best = e;
            }
            errors.add(path + ": matches no anyOf option; closest: " + best);
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                if (!v.isTextual()) errors.add(path + ": expected string, got " + v.getNodeType());
            }
            case "integer" -> {
                if (!v.isIntegralNumber()) errors.add(path + ": expected integer, got " + v);
            }
            case "number" -> {
                if (!v.isNumber()) errors.add(path + ": expected number, got " + v);
            }
            case "boolean" -> {
                if (!v.isBoolean()) errors.add(path + ": expected boolean, got " + v);
            }
            case "array" -> {
                if (!v.isArray()) errors.add(path + ": expected array, got " + v.getNodeType());
                else for (int i = 0; i < v.size(); i++) check(v.get(i), schema.get("items"), path + "[" + i + "]", errors, depth + 1);
            }
            case "object", "" -> {
                if (!schema.has("properties") && !schema.has("additionalProperties")) return;
                if (!v.isObject()) {
                    errors.add(path + ": expected object, got " + v.getNodeType());
                    return;
                }
                JsonNode props = schema.path("properties");
                for (JsonNode r : schema.path("required")) {
                    if (!v.has(r.asText())) errors.add(path + ": missing required " + r.asText());
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    var e = it.next();
                    JsonNode ps = props.get(e.getKey());
                    if (ps != null) check(e.getValue(), ps, path + "." + e.getKey(), errors, depth + 1);
                    else if (schema.get("additionalProperties") != null && schema.get("additionalProperties").isObject())
                        check(e.getValue(), schema.get("additionalProperties"), path + "." + e.getKey(), errors, depth + 1);
                    else if (schema.has("properties")) errors.add(path + ": unknown property " + e.getKey());
                }
            }
            default -> { }
        }
        JsonNode en = schema.get("enum");
        if (en != null && v.isValueNode()) {
            boolean found = false;
            for (JsonNode e : en) if (e.asText().equals(v.asText())) found = true;
            if (!found) errors.add(path + ": " + v + " not in enum " + en);
        }
    }
}
