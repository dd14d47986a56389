package io.wirewrap.stripe.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Connection settings taken from the server options; {@link #toString()} never shows the key. */
public record ClientConfig(URI baseUrl, String apiKey, String apiVersion, String account, Map<String, String> headers,
                           Duration timeout, int maxRetries, double rateLimit, Duration retryBackoff) {
    public ClientConfig {
        headers = Map.copyOf(headers);
    }

    /** Identifies the Stripe account for the shared limiter without keeping the key itself. */
    public String accountKey() {
        return baseUrl + "|" + (account == null ? "" : account) + "|" + Integer.toHexString(apiKey == null ? 0 : apiKey.hashCode());
    }

    @Override
    public String toString() {
        return "ClientConfig[" + baseUrl + ", account=" + account + ", version=" + apiVersion + "]";
    }
}
