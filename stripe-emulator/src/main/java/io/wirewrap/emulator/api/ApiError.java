package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.Json;

/** A Stripe error: thrown by handlers, rendered as {@code {"error": {type, code, message, param}}}. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private String declineCode;
    private String charge;
    private ObjectNode paymentIntent;

    public ApiError(int status, String type, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiError invalid(String code, String message, String param) {
        return new ApiError(400, "invalid_request_error", code, message, param);
    }

    public static ApiError unknownParameter(String name) {
        return invalid("parameter_unknown", "Received unknown parameter: " + name, name);
    }

    public static ApiError missingParameter(String name) {
        return invalid("parameter_missing", "Missing required param: " + name + ".", name);
    }

    /** 404 for the object a path names. */
    public static ApiError noSuch(String noun, String id, String param) {
        return new ApiError(404, "invalid_request_error", "resource_missing", "No such " + noun + ": '" + id + "'", param);
    }

    public static ApiError unrecognizedUrl(String method, String path) {
        return new ApiError(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path
                + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", null);
    }

    /** The same error under another {@code type} (e.g. idempotency_error). */
    public ApiError withType(String newType) { return new ApiError(status, newType, code, getMessage(), param); }

    /** Card-error details Stripe adds: the decline code, the failed charge, the payment intent as it now stands. */
    public ApiError withDetails(String declineCode, String charge, ObjectNode paymentIntent) {
        this.declineCode = declineCode;
        this.charge = charge;
        this.paymentIntent = paymentIntent;
        return this;
    }

    public ApiError withStatus(int newStatus) { return new ApiError(newStatus, type, code, getMessage(), param); }

    public int status() { return status; }
    public String type() { return type; }
    public String code() { return code; }
    public String param() { return param; }

    public ObjectNode body() {
        ObjectNode root = Json.object();
        ObjectNode e = root.putObject("error");
        e.put("type", type);
        if (code != null) {
            e.put("code", code);
            e.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        e.put("message", getMessage());
        if (param != null) e.put("param", param);
        if (declineCode != null) e.put("decline_code", declineCode);
        if (charge != null) e.put("charge", charge);
        if (paymentIntent != null) e.set("payment_intent", paymentIntent);
        return root;
    }
}
