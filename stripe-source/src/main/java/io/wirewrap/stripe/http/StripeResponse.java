package io.wirewrap.stripe.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful (2xx) or not-found answer; other statuses become exceptions in {@link StripeClient}. */
public record StripeResponse(int status, JsonNode body, String requestId) {
    public boolean notFound() {
        return status == 404;
    }
}
