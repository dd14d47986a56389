package io.wirewrap.stripe.http;

/**
 * One call to Stripe. {@code path} is the spec path with parameters filled and the query appended
 * ({@code /v1/customers?limit=100}); the client resolves it against {@code api_url}.
 */
public record StripeRequest(String method, String path, String form, String idempotencyKey) {
    public static StripeRequest get(String path) {
        return new StripeRequest("GET", path, null, null);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
