package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;

import java.util.Set;

/** What individual object types do beyond copying fields: defaults, checks, related objects. */
class Behaviours {
    /** Types whose create takes the caller's id, like Stripe. */
    private static final Set<String> CUSTOM_IDS = Set.of("coupon", "product", "plan");

    protected final ObjectFactory factory;
    protected final Events events;

    Behaviours(ObjectFactory factory, Events events) {
        this.factory = factory;
        this.events = events;
    }

    boolean acceptsCustomId(ResourceType type) { return CUSTOM_IDS.contains(type.object()); }

    String newId(ResourceType type) {
        if (type.idPrefix().isEmpty()) return Ids.next("").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        return Ids.next(type.idPrefix());
    }

    void beforeCreate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {}

    void afterCreate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {}

    void beforeUpdate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {}

    void beforeDelete(ApiRequest req, ResourceType type, ObjectNode node) {}
}
