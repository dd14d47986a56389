package io.wirewrap.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request as the emulator saw it.
 *
 * @param query          decoded query parameters, bracket keys kept as sent ({@code created[gte]})
 * @param form           decoded form body parameters, same convention
 * @param account        the {@code Stripe-Account} header, or null for the platform account
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param headers        the request headers, names lower-cased, repeated values joined with {@code ", "};
 *                       never {@code Authorization} or {@code Proxy-Authorization} (the log must not hold a key)
 */
public record LoggedRequest(String method, String path, Map<String, List<String>> query,
                            Map<String, List<String>> form, int status, String account, String idempotencyKey,
                            String requestId, Map<String, String> headers) {

    /** Headers that carry credentials and are never logged. */
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization");

    public LoggedRequest {
        TreeMap<String, String> h = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                String name = k.toLowerCase(Locale.ROOT);
                if (!SECRET_HEADERS.contains(name)) h.merge(name, v, (a, b) -> a + ", " + b);
            });
        }
        headers = Collections.unmodifiableMap(h);
    }

    /** Without headers (as logged before headers were recorded). */
    public LoggedRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
                         int status, String account, String idempotencyKey, String requestId) {
        this(method, path, query, form, status, account, idempotencyKey, requestId, Map.of());
    }

    /** One header's value by name in any case, or null when the request did not send it. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
