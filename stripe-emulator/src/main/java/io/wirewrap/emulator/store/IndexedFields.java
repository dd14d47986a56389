package io.wirewrap.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * Which list filters are answered from an index, and how a filter's value is read off an object. Most filters
 * are a top-level field of the same name (an id or an expanded object's id); a few are derived.
 */
public final class IndexedFields {
    private IndexedFields() {}

    /** Filters that are not a field of the same name, or not equality at all. */
    private static final List<String> NOT_INDEXED = List.of("created", "ids", "lookup_keys", "recurring", "types",
            "customer_details", "expired", "pending", "attach_to_self", "delivery_success", "order_by",
            "status_transitions", "linked_flows", "contains", "relationship", "ownership", "test_clock");

    /**
     * Indexed fields of a type: its equality filters plus the parent fields nested list paths filter on, when
     * the type has such a field (a customer carries only its email: every byte counts at a million rows).
     */
    public static List<String> of(ResourceType type, JsonNode schemaProperties) {
        List<String> fields = new ArrayList<>();
        for (String f : type.filterParams()) if (!NOT_INDEXED.contains(f) && !fields.contains(f)) fields.add(f);
        for (String parent : List.of("customer", "charge", "invoice", "subscription", "setup_intent", "payment_intent"))
            if (!fields.contains(parent) && schemaProperties.has(parent)) fields.add(parent);
        return List.copyOf(fields);
    }

    /** The value a filter on {@code field} compares with, or null. Multi-valued results are joined by '\n'. */
    public static String extract(ResourceType type, String field, ObjectNode node) {
        if ("subscription".equals(type.object()) && "price".equals(field)) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : node.path("items").path("data")) {
                String id = Json.idOf(item.path("price"));
                if (id != null) sb.append(sb.isEmpty() ? "" : "\n").append(id);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
        if ("type".equals(field) && "event".equals(type.object())) return node.path("type").asText(null);
        return Json.idOf(node.get(field));
    }

    /** Whether an indexed value (maybe multi-valued) equals {@code wanted}. */
    public static boolean matches(String indexed, String wanted) {
        if (indexed == null) return false;
        if (indexed.indexOf('\n') < 0) return indexed.equals(wanted);
        for (String v : indexed.split("\n")) if (v.equals(wanted)) return true;
        return false;
    }
}
