package io.wirewrap.emulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorMainTest {

    @Test
    void optionsBecomeAConfig() {
        EmulatorConfig cfg = EmulatorMain.parse(new String[]{"--port", "0", "--listen", "0.0.0.0", "--customers", "25",
                "--seed", "9", "--latency-ms", "15", "--rate-limit", "30", "--api-key", "sk_test_k"});
        assertEquals(0, cfg.port());
        assertEquals("0.0.0.0", cfg.host());
        assertEquals(25, cfg.seed().customers());
        assertEquals(9, cfg.seed().seed());
        assertTrue(cfg.seed().relations());
        assertEquals(Duration.ofMillis(15), cfg.latency());
        assertEquals(30.0, cfg.rateLimit());
        assertEquals("sk_test_k", cfg.defaultApiKey());
        assertTrue(!EmulatorMain.parse(new String[]{"--customers-only", "10"}).seed().relations());
        assertEquals(12111, EmulatorMain.parse(new String[0]).port());
        assertNull(EmulatorMain.parse(new String[]{"--help"}));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[]{"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[]{"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[]{"--port"}));
    }

    @Test
    void configuredLatencyAndRateLimitApplyFromTheStart() throws Exception {
        try (StripeEmulator emu = StripeEmulator.start(EmulatorMain.parse(new String[]{"--port", "0", "--customers-only", "5",
                "--latency-ms", "120", "--rate-limit", "1"}))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest req = HttpRequest.newBuilder(URI.create(emu.baseUrl() + "customers"))
                    .header("Authorization", "Bearer " + emu.apiKey()).build();
            long t0 = System.nanoTime();
            assertEquals(200, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 120);
            assertEquals(429, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            // health checks need no key and ignore faults
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }
}
