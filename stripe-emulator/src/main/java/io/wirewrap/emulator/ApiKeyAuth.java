package io.wirewrap.emulator;

import io.wirewrap.emulator.api.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Stripe's authentication: {@code Bearer sk_test_...} or HTTP basic with the key as user; 401s worded like Stripe's. */
final class ApiKeyAuth {
    static final String NO_KEY = "You did not provide an API key. You need to provide your API key in the "
            + "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
            + "https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

    private final EmulatorConfig config;

    ApiKeyAuth(EmulatorConfig config) { this.config = config; }

    void check(String header) {
        String key = null;
        if (header != null) {
            String h = header.trim();
            if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = h.substring(7).trim();
            } else if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    key = colon < 0 ? decoded : decoded.substring(0, colon);
                } catch (IllegalArgumentException e) {
                    key = null;
                }
            }
        }
        if (key == null || key.isEmpty()) throw new ApiError(401, "invalid_request_error", null, NO_KEY, null);
        if (!config.accepts(key)) {
            throw new ApiError(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: " + redact(key), null);
        }
    }

    /** Stripe shows the key's kind and last four characters only. */
    static String redact(String key) {
        int second = key.indexOf('_', key.indexOf('_') + 1);
        String prefix = second > 0 && second < 10 ? key.substring(0, second + 1) : "";
        String tail = key.length() > 4 ? key.substring(key.length() - 4) : "";
        return prefix + "*".repeat(Math.max(4, key.length() - prefix.length() - tail.length())) + tail;
    }
}
