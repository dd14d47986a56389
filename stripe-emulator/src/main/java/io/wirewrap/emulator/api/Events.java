package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.AccountData;

/** Appends an {@code event} for every write, as Stripe does: {@code customer.created}, {@code invoice.paid}, ... */
public final class Events {
    private final ObjectFactory factory;

    public Events(ObjectFactory factory) { this.factory = factory; }

    /** The event name stem of an object type: Stripe files subscriptions under the customer. */
    public static String stem(String object) {
        return switch (object) {
            case "subscription" -> "customer.subscription";
            case "tax_id" -> "customer.tax_id";
            case "bank_account", "card" -> "customer.source";
            default -> object;
        };
    }

    public ObjectNode emit(AccountData data, String type, ObjectNode object, ObjectNode previous, long created,
                           String id, String requestId, String idempotencyKey) {
        ObjectNode event = factory.create("event", id, created);
        event.put("api_version", StripeSpec.API_VERSION);
        event.put("type", type);
        event.put("pending_webhooks", 0);
        event.remove("account");
        ObjectNode d = event.putObject("data");
        d.set("object", object.deepCopy());
        if (previous != null && !previous.isEmpty()) d.set("previous_attributes", previous);
        ObjectNode req = event.putObject("request");
        if (requestId == null) req.putNull("id"); else req.put("id", requestId);
        if (idempotencyKey == null) req.putNull("idempotency_key"); else req.put("idempotency_key", idempotencyKey);
        data.put(event);
        return event;
    }

    /** For writes made over HTTP: now, a fresh id, the request's ids. */
    public ObjectNode emit(ApiRequest req, String type, ObjectNode object, ObjectNode previous) {
        return emit(req.data(), type, object, previous, Clock.now(), Ids.next("evt_"), req.requestId(), req.idempotencyKey());
    }
}
