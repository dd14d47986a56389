package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.Operation;

import java.util.Map;

/** State-changing actions: finalize/pay/void an invoice, confirm/cancel a payment intent, ... */
final class Actions {
    private final ObjectFactory factory;
    private final Events events;
    private final Writes writes;

    Actions(ObjectFactory factory, Events events, Writes writes) {
        this.factory = factory;
        this.events = events;
        this.writes = writes;
    }

    boolean handles(String method, String template) { return false; }

    ObjectNode run(ApiRequest req, Operation op, String template, Map<String, String> pathParams) {
        throw ApiError.unrecognizedUrl(req.method(), req.path());
    }
}
