package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;

import java.util.List;

/**
 * {@code expand[]}: replaces an id with the object it names, following dotted paths ({@code data.customer},
 * {@code latest_invoice.payment_intent}); arrays along the path expand element by element. Ids that name
 * nothing stay ids. Expansion deeper than four levels is refused, like Stripe.
 */
final class Expander {

    void expand(ObjectNode root, List<String> paths, AccountData data) {
        for (String path : paths) {
            if (path.isEmpty() || "total_count".equals(path)) continue;
            String[] parts = path.split("\\.");
            if (parts.length > 4) throw ApiError.invalid(null,
                    "You cannot expand more than 4 levels of a property. Property: " + path, "expand");
            walk(root, parts, 0, data);
        }
    }

    private void walk(JsonNode node, String[] parts, int i, AccountData data) {
        if (node instanceof ArrayNode arr) {
            for (JsonNode el : arr) walk(el, parts, i, data);
            return;
        }
        if (!(node instanceof ObjectNode obj) || i >= parts.length) return;
        String field = parts[i];
        JsonNode child = obj.get(field);
        if (child == null) return;
        if (child.isTextual()) {
            StoredObject target = data.find(child.asText());
            if (target == null) return;
            child = Json.parse(target.json());
            obj.set(field, child);
        }
        walk(child, parts, i + 1, data);
    }
}
