package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customersOnly(30)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    @AfterEach
    void reset() { emu.faults().reset(); }

    @Test
    void latencyDelaysEveryRequest() {
        emu.faults().latency(Duration.ofMillis(150), Duration.ofMillis(50));
        long t0 = System.nanoTime();
        assertEquals(200, client.get("customers").status());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 150, "took " + ms + " ms");
        emu.faults().reset();
        t0 = System.nanoTime();
        client.get("customers");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 150);
    }

    @Test
    void rateLimitAnswers429WithRetryHeaders() {
        emu.faults().rateLimit(2);
        int limited = 0;
        Client.Response last = null;
        for (int i = 0; i < 10; i++) {
            Client.Response r = client.get("customers", "limit", "1");
            if (r.status() == 429) {
                limited++;
                last = r;
            }
        }
        assertTrue(limited >= 6, "limited " + limited);
        assertEquals("rate_limit", last.json().at("/error/code").asText());
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        assertEquals("true", last.header("Stripe-Should-Retry"));
    }

    @Test
    void failNextFailsExactlyThatMany() {
        emu.faults().failNext(500, 2);
        assertEquals(500, client.get("customers").status());
        Client.Response second = client.get("customers");
        assertEquals(500, second.status());
        assertEquals("api_error", second.json().at("/error/type").asText());
        assertEquals(200, client.get("customers").status());
        emu.faults().failNext(402, 1);
        assertEquals("card_error", client.get("customers").json().at("/error/type").asText());
    }

    @Test
    void errorRateOneAndZero() {
        emu.faults().errorRate(503, 1.0);
        for (int i = 0; i < 3; i++) assertEquals(503, client.get("customers").status());
        emu.faults().errorRate(503, 0.0);
        assertEquals(200, client.get("customers").status());
    }

    @Test
    void truncateSendsHalfTheJson() {
        emu.faults().truncateNext(1);
        Client.Response r = rawGet();
        assertEquals(200, r.status());
        String body = r.raw().body();
        assertThrows(Exception.class, () -> Client.MAPPER.readTree(body), "half a JSON document does not parse");
        assertTrue(body.startsWith("{\"object\":\"list\""));
        assertEquals(200, client.get("customers").status());
    }

    @Test
    void resetClosesMidResponse() {
        emu.faults().resetNext(1);
        assertThrows(UncheckedIOException.class, () -> client.get("customers"));
        assertEquals(200, client.get("customers").status());
    }

    @Test
    void dropResponseAppliesTheWriteButNeverAnswers() {
        emu.faults().dropResponseNext(1);
        int before = emu.store().count("customer");
        assertThrows(UncheckedIOException.class,
                () -> client.postWith(Map.of("Idempotency-Key", "drop-1"), "customers", "email", "dropped@example.com"));
        assertEquals(before + 1, emu.store().count("customer"), "the write happened");
        // the client's retry with the same key gets the stored answer, not a second customer
        Client.Response retry = client.postWith(Map.of("Idempotency-Key", "drop-1"), "customers", "email", "dropped@example.com");
        assertEquals(200, retry.status());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(before + 1, emu.store().count("customer"));
    }

    @Test
    void hasMoreForeverKeepsSayingMore() {
        emu.faults().hasMoreForever(true);
        int n = emu.store().count("customer");
        JsonNode page = client.get("customers", "limit", "100").json();
        assertEquals(n, page.get("data").size());
        assertTrue(page.get("has_more").asBoolean());
        String last = page.get("data").get(n - 1).get("id").asText();
        JsonNode after = client.get("customers", "limit", "100", "starting_after", last).json();
        assertEquals(0, after.get("data").size());
        assertTrue(after.get("has_more").asBoolean());
    }

    @Test
    void duplicateNextRepeatsTheCursorObjectOnce() {
        emu.faults().duplicateNext(1);
        JsonNode first = client.get("customers", "limit", "5").json();
        String cursor = first.get("data").get(4).get("id").asText();
        JsonNode second = client.get("customers", "limit", "5", "starting_after", cursor).json();
        assertEquals(cursor, second.get("data").get(0).get("id").asText(), "the page starts with the cursor again");
        JsonNode again = client.get("customers", "limit", "5", "starting_after", cursor).json();
        assertTrue(!cursor.equals(again.get("data").get(0).get("id").asText()), "only once");
    }

    @Test
    void stallNextDelaysTheNextRequest() {
        emu.faults().stallNext(1, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertEquals(200, client.get("customers", "limit", "1").status());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
    }

    @Test
    void retryAfterOfInjected429sIsConfigurable() {
        emu.faults().failNext(429, 2).retryAfter(Duration.ofMillis(5));
        assertEquals("0.005", client.get("customers").header("Retry-After"));
        emu.faults().retryAfter(Duration.ofSeconds(2));
        assertEquals("2", client.get("customers").header("Retry-After"));
    }

    @Test
    void shouldRetryOfInjectedFailuresIsConfigurable() {
        emu.faults().failNext(500, 1);
        assertEquals("true", client.get("customers").header("Stripe-Should-Retry"), "Stripe's default for a 500");
        emu.faults().failNext(400, 1);
        assertNull(client.get("customers").header("Stripe-Should-Retry"), "none for a 400 by default");
        emu.faults().failNext(500, 1).shouldRetry(false);
        Client.Response noRetry = client.get("customers");
        assertEquals(500, noRetry.status());
        assertEquals("false", noRetry.header("Stripe-Should-Retry"));
        emu.faults().failNext(400, 1).shouldRetry(true);
        Client.Response retry = client.get("customers");
        assertEquals(400, retry.status());
        assertEquals("true", retry.header("Stripe-Should-Retry"));
        Client.Response ok = client.get("customers");
        assertEquals(200, ok.status());
        assertNull(ok.header("Stripe-Should-Retry"), "only injected failures carry the override");
        emu.faults().reset().failNext(500, 1);
        assertEquals("true", client.get("customers").header("Stripe-Should-Retry"), "reset clears the override");
    }

    /** The body as text, without JSON parsing (a truncated body would not parse). */
    private static Client.Response rawGet() {
        try {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "customers"))
                    .header("Authorization", "Bearer " + emu.apiKey()).build();
            var r = client.http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Client.Response(r.statusCode(), r, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
