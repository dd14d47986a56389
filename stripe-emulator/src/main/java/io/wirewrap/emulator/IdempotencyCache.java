package io.wirewrap.emulator;

import io.wirewrap.emulator.api.ApiError;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe's {@code Idempotency-Key}: the first response for a key is kept 24 hours and replayed for the same
 * request; a different request under the same key is an {@code idempotency_error}; a request arriving while
 * the first is still running gets a 409. Bounded so a benchmark sending a key per write cannot grow it forever.
 */
final class IdempotencyCache {
    static final long TTL_NANOS = 24L * 3600 * 1_000_000_000L;
    private static final int MAX_ENTRIES = 200_000;
    /** Stored response bodies are capped too, oldest evicted first: long write benchmarks send a key per write. */
    private static final long MAX_BYTES = 64L << 20;
    private long bytes;

    /** A stored outcome; {@code body == null} while the first request is in flight. */
    record Stored(String fingerprint, int status, byte[] body, long atNanos) {}

    private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            boolean evict = size() > MAX_ENTRIES || System.nanoTime() - eldest.getValue().atNanos() > TTL_NANOS;
            if (evict) forget(eldest.getValue());
            return evict;
        }
    };

    /** The entry to replay, or null after reserving the key for this request. */
    synchronized Stored begin(String scope, String key, String fingerprint) {
        String k = scope + "\u0000" + key;
        Stored e = entries.get(k);
        if (e != null && System.nanoTime() - e.atNanos() > TTL_NANOS) {
            forget(entries.remove(k));
            e = null;
        }
        if (e == null) {
            entries.put(k, new Stored(fingerprint, 0, null, System.nanoTime()));
            return null;
        }
        if (!e.fingerprint().equals(fingerprint)) {
            throw ApiError.invalid(null, "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                    + "Try using a key other than '" + key + "' if you meant to execute a different request.", null)
                    .withType("idempotency_error");
        }
        if (e.body() == null) {
            throw new ApiError(409, "idempotency_error", "idempotency_key_in_use",
                    "There is currently another in-progress request using this Stripe token (probably the same "
                            + "idempotency key). Please try again later.", null);
        }
        return e;
    }

    /** Keeps the outcome, or forgets the key when the request should not be replayed (validation errors, 5xx). */
    synchronized void finish(String scope, String key, String fingerprint, int status, byte[] body) {
        String k = scope + "\u0000" + key;
        Stored old;
        if (status == 400 || status == 429 || status >= 500) {
            old = entries.remove(k);
        } else {
            old = entries.put(k, new Stored(fingerprint, status, Arrays.copyOf(body, body.length), System.nanoTime()));
            bytes += body.length;
        }
        forget(old);
        var it = entries.values().iterator();
        while (bytes > MAX_BYTES && it.hasNext()) {
            forget(it.next());
            it.remove();
        }
    }

    private void forget(Stored s) {
        if (s != null && s.body() != null) bytes -= s.body().length;
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
