package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.Operation;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.Map;
import java.util.Set;

/**
 * Generic create, update and delete: form parameters that are fields of the object are copied onto it (typed
 * by the operation's body schema); {@link Behaviours} adds what each type does beyond that.
 */
final class Writes {
    /** Parameters that steer a write but are never stored as fields. */
    private static final Set<String> NOT_FIELDS = Set.of("expand", "id", "object", "created", "livemode");

    private final ObjectFactory factory;
    private final Coercion coercion;
    private final Behaviours behaviours;
    private final Events events;

    Writes(ObjectFactory factory, Behaviours behaviours, Events events) {
        this.factory = factory;
        this.coercion = new Coercion(factory.spec());
        this.behaviours = behaviours;
        this.events = events;
    }

    ObjectFactory factory() { return factory; }

    Behaviours behaviours() { return behaviours; }

    /** Form parameters typed by the body schema, without {@code expand}. */
    ObjectNode typedParams(ApiRequest req, Operation op) {
        ObjectNode params = Json.object();
        req.form().tree().fields().forEachRemaining(e -> {
            if ("expand".equals(e.getKey())) return;
            JsonNode schema = op.bodySchema() == null ? null : op.bodySchema().path("properties").get(e.getKey());
            params.set(e.getKey(), coercion.coerce(e.getValue(), schema, e.getKey()));
        });
        for (String required : op.requiredBody()) {
            if (!params.has(required) || params.get(required).isNull()) throw ApiError.missingParameter(required);
        }
        return params;
    }

    ObjectNode create(ApiRequest req, ResourceType type, Operation op) {
        return create(req, type, op, Map.of());
    }

    /**
     * A create under a parent ({@code POST /v1/customers/{customer}/tax_ids}): each path parameter counts as the
     * parameter of that name, so it lands on the field naming the parent ({@code customer}) as Stripe sets it.
     */
    ObjectNode create(ApiRequest req, ResourceType type, Operation op, Map<String, String> parents) {
        ObjectNode params = typedParams(req, op);
        parents.forEach((name, id) -> {
            if (!params.has(name)) params.put(name, id);
        });
        String id = params.hasNonNull("id") && behaviours.acceptsCustomId(type)
                ? params.get("id").asText() : behaviours.newId(type);
        if (req.data().type(type).get(id) != null)
            throw ApiError.invalid("resource_already_exists", capitalize(type.noun()) + " already exists.", "id");
        ObjectNode node = factory.create(type.object(), id, Clock.now());
        copyFields(node, params, type);
        behaviours.beforeCreate(req, type, node, params);
        req.data().put(node);
        events.emit(req, Events.stem(type.object()) + ".created", node, null);
        behaviours.afterCreate(req, type, node, params);
        return reread(req, node);
    }

    ObjectNode update(ApiRequest req, ResourceType type, Operation op, String id) {
        ObjectNode node = load(req, type, id);
        ObjectNode before = node.deepCopy();
        ObjectNode params = typedParams(req, op);
        behaviours.beforeUpdate(req, type, node, params);
        copyFields(node, params, type);
        req.data().put(node);
        events.emit(req, Events.stem(type.object()) + ".updated", node, previousAttributes(before, node));
        return node;
    }

    ObjectNode delete(ApiRequest req, ResourceType type, String id) {
        ObjectNode node = load(req, type, id);
        behaviours.beforeDelete(req, type, node);
        req.data().type(type).remove(id);
        events.emit(req, Events.stem(type.object()) + ".deleted", node, null);
        ObjectNode gone = Json.object();
        gone.put("id", id);
        gone.put("object", type.object());
        gone.put("deleted", true);
        req.data().bury(id, Json.bytes(gone));
        return gone;
    }

    ObjectNode load(ApiRequest req, ResourceType type, String id) {
        TypeStore store = req.data().type(type);
        StoredObject o = store.get(id);
        if (o == null) throw ApiError.noSuch(type.noun(), id, "id");
        return Json.parse(o.json());
    }

    /** Hooks may have stored a newer version (e.g. a confirmed payment intent). */
    private static ObjectNode reread(ApiRequest req, ObjectNode node) {
        StoredObject o = req.data().find(node.get("id").asText());
        return o == null ? node : Json.parse(o.json());
    }

    /** Copies parameters that are fields of the object; metadata merges and "" unsets a key. */
    private void copyFields(ObjectNode node, ObjectNode params, ResourceType type) {
        JsonNode props = factory.spec().schema(type.schema()).path("properties");
        params.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (NOT_FIELDS.contains(name) || !props.has(name)) return;
            JsonNode value = coercion.toField(e.getValue(), props.get(name));
            if ("metadata".equals(name)) {
                mergeMetadata(node, value);
            } else if (value.isObject() && node.get(name) instanceof ObjectNode existing) {
                deepMerge(existing, (ObjectNode) value);
            } else {
                node.set(name, value);
            }
        });
        factory.prune(node, factory.spec().schema(type.schema()), 0); // parameters that are not fields (card[number])
    }

    static void mergeMetadata(ObjectNode node, JsonNode value) {
        if (value == null || value.isNull()) {
            node.putObject("metadata");
            return;
        }
        ObjectNode md = node.get("metadata") instanceof ObjectNode m ? m : node.putObject("metadata");
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isNull() || e.getValue().asText().isEmpty()) md.remove(e.getKey());
            else md.put(e.getKey(), e.getValue().asText());
        });
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode t) deepMerge(t, (ObjectNode) e.getValue());
            else target.set(e.getKey(), e.getValue());
        });
    }

    /** Top-level fields whose values changed, with their old values, as events carry them. */
    static ObjectNode previousAttributes(ObjectNode before, ObjectNode after) {
        ObjectNode prev = Json.object();
        before.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(after.get(e.getKey()))) prev.set(e.getKey(), e.getValue());
        });
        return prev;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
