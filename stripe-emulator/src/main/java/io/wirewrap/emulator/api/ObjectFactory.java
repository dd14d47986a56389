package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New objects shaped like Stripe's: the schema's example (fixtures3.json) with a fresh id, {@code created},
 * {@code livemode: false}, empty metadata, and every nullable reference to another object cleared (the example's
 * references name objects that do not exist here).
 */
public final class ObjectFactory {
    private final StripeSpec spec;
    private final Map<String, ObjectNode> templates = new ConcurrentHashMap<>();

    public ObjectFactory(StripeSpec spec) { this.spec = spec; }

    public StripeSpec spec() { return spec; }

    /** A blank object of the type; callers fill in what matters. Cheap: a deep copy of a cached template. */
    public ObjectNode create(String object, String id, long created) {
        ResourceType type = spec.byObject(object);
        if (type == null) throw new IllegalArgumentException("unknown object " + object);
        ObjectNode node = templates.computeIfAbsent(object, o -> template(type)).deepCopy();
        node.put("id", id);
        if (node.has("created") || spec.schema(type.schema()).path("properties").has("created")) node.put("created", created);
        return node;
    }

    /** Drops example fields the spec does not define (fixtures come from a slightly different API version). */
    void prune(ObjectNode node, JsonNode schema, int depth) {
        schema = spec.resolve(schema);
        if (schema == null || depth > 8) return;
        if (schema.has("anyOf")) {
            JsonNode only = null;
            for (JsonNode o : schema.get("anyOf")) {
                JsonNode r = spec.resolve(o);
                if (r.has("properties")) {
                    if (only != null) return; // ambiguous: leave alone
                    only = r;
                }
            }
            schema = only;
            if (schema == null) return;
        }
        JsonNode props = schema.get("properties");
        if (props == null) return;
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode p = props.get(name);
            if (p == null) {
                node.remove(name);
            } else if (node.get(name) instanceof ObjectNode child) {
                prune(child, p, depth + 1);
            }
        }
    }

    private ObjectNode template(ResourceType type) {
        JsonNode schema = spec.schema(type.schema());
        ObjectNode node = spec.fixture(type.schema());
        if (node == null) {
            node = Json.object();
            node.put("object", type.object());
        }
        prune(node, schema, 0);
        if (schema.path("properties").has("livemode")) node.put("livemode", false);
        if (schema.path("properties").has("metadata")) node.putObject("metadata");
        List<String> expandable = new ArrayList<>();
        schema.path("x-expandableFields").forEach(f -> expandable.add(f.asText()));
        for (String f : expandable) {
            JsonNode prop = schema.path("properties").path(f);
            if (prop.path("nullable").asBoolean(false) && node.has(f)) node.putNull(f);
        }
        return node;
    }
}
