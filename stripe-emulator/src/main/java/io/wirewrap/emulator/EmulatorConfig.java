package io.wirewrap.emulator;

import java.time.Duration;
import java.util.Set;

/**
 * How a {@link StripeEmulator} starts.
 *
 * @param host           interface to bind (loopback by default)
 * @param port           TCP port, 0 picks a free one
 * @param seed           the data set loaded at start
 * @param apiKeys        keys accepted exactly; empty means any {@code sk_test_...} key is accepted
 * @param defaultApiKey  the key {@link StripeEmulator#apiKey()} hands out
 * @param requestLogSize how many requests the ring-buffer request log keeps
 * @param latency        fixed latency added to every request at start (faults can change it later)
 * @param rateLimit      requests per second before 429s, 0 for none
 */
public record EmulatorConfig(String host, int port, SeedSpec seed, Set<String> apiKeys, String defaultApiKey,
                             int requestLogSize, Duration latency, double rateLimit) {

    public EmulatorConfig {
        apiKeys = Set.copyOf(apiKeys);
        if (requestLogSize < 1) throw new IllegalArgumentException("requestLogSize must be >= 1");
    }

    /** Loopback, free port, {@link SeedSpec#defaults()}, any sk_test_ key, 10,000 logged requests. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 0, SeedSpec.defaults(), Set.of(), "sk_test_emulator", 10_000,
                Duration.ZERO, 0);
    }

    public EmulatorConfig withHost(String h) { return new EmulatorConfig(h, port, seed, apiKeys, defaultApiKey, requestLogSize, latency, rateLimit); }
    public EmulatorConfig withPort(int p) { return new EmulatorConfig(host, p, seed, apiKeys, defaultApiKey, requestLogSize, latency, rateLimit); }
    public EmulatorConfig withSeed(SeedSpec s) { return new EmulatorConfig(host, port, s, apiKeys, defaultApiKey, requestLogSize, latency, rateLimit); }
    /** Accept exactly these keys (the first becomes {@link StripeEmulator#apiKey()}). */
    public EmulatorConfig withApiKeys(String... keys) {
        return new EmulatorConfig(host, port, seed, Set.of(keys), keys.length > 0 ? keys[0] : defaultApiKey, requestLogSize, latency, rateLimit);
    }
    public EmulatorConfig withRequestLogSize(int n) { return new EmulatorConfig(host, port, seed, apiKeys, defaultApiKey, n, latency, rateLimit); }
    public EmulatorConfig withLatency(Duration d) { return new EmulatorConfig(host, port, seed, apiKeys, defaultApiKey, requestLogSize, d, rateLimit); }
    public EmulatorConfig withRateLimit(double rps) { return new EmulatorConfig(host, port, seed, apiKeys, defaultApiKey, requestLogSize, latency, rps); }

    boolean accepts(String key) {
        if (key == null || key.isEmpty()) return false;
        if (!apiKeys.isEmpty()) return apiKeys.contains(key);
        return key.startsWith("sk_test_") || key.startsWith("rk_test_");
    }
}
