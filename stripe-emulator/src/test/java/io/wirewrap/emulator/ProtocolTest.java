package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication, errors, headers, idempotency, connected accounts, expand, and the request log. */
class ProtocolTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(40)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    @Test
    void missingAndInvalidKeysAre401() {
        Client.Response missing = client.sendRaw("GET", "customers", Map.of());
        assertEquals(401, missing.status());
        assertTrue(missing.json().at("/error/message").asText().startsWith("You did not provide an API key."));
        Client.Response wrong = client.sendRaw("GET", "customers", Map.of("Authorization", "Bearer pk_live_abcdef1234"));
        assertEquals(401, wrong.status());
        String message = wrong.json().at("/error/message").asText();
        assertTrue(message.startsWith("Invalid API Key provided: "), message);
        assertTrue(message.endsWith("1234") && !message.contains("abcdef"), "the key is redacted: " + message);
        String basic = Base64.getEncoder().encodeToString((emu.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, client.sendRaw("GET", "customers", Map.of("Authorization", "Basic " + basic)).status());
        assertEquals(200, client.sendRaw("GET", "customers", Map.of("Authorization", "Bearer sk_test_anything")).status());
    }

    @Test
    void configuredKeysOnly() {
        try (StripeEmulator strict = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.empty()).withApiKeys("sk_test_only"))) {
            Client c = new Client(strict);
            assertEquals("sk_test_only", strict.apiKey());
            assertEquals(200, c.get("customers").status());
            assertEquals(401, c.sendRaw("GET", "customers", Map.of("Authorization", "Bearer sk_test_other")).status());
        }
    }

    @Test
    void everyResponseHasARequestIdAndErrorsHaveStripesShape() {
        Client.Response ok = client.get("customers");
        Client.Response err = client.get("nothing_here");
        assertTrue(ok.header("Request-Id").startsWith("req_"));
        assertTrue(err.header("Request-Id").startsWith("req_"));
        assertNotEquals(ok.header("Request-Id"), err.header("Request-Id"));
        assertEquals(404, err.status());
        assertEquals("invalid_request_error", err.json().at("/error/type").asText());
        assertTrue(err.json().at("/error/message").asText().startsWith("Unrecognized request URL (GET: /v1/nothing_here)"));
        assertEquals("application/json", ok.header("Content-Type"));
    }

    @Test
    void idempotentReplayAndConflict() {
        Map<String, String> key = Map.of("Idempotency-Key", "key-" + System.nanoTime());
        Client.Response first = client.postWith(key, "customers", "email", "idem@example.com");
        Client.Response again = client.postWith(key, "customers", "email", "idem@example.com");
        assertEquals(200, again.status());
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(1, emu.store().list("customer").stream().filter(c -> "idem@example.com".equals(c.path("email").asText())).count());
        // DELETE honours keys too: the replay answers like the first delete instead of a 404
        String doomed = client.post("customers", "email", "doomed@example.com").json().get("id").asText();
        Map<String, String> delKey = Map.of("Idempotency-Key", "del-" + System.nanoTime());
        Client.Response del = client.send("DELETE", "customers/" + doomed, "", null, delKey);
        Client.Response delAgain = client.send("DELETE", "customers/" + doomed, "", null, delKey);
        assertEquals(200, delAgain.status());
        assertEquals(del.json(), delAgain.json());
        assertEquals(404, client.delete("customers/" + doomed).status());
        Client.Response conflict = client.postWith(key, "customers", "email", "other@example.com");
        assertEquals(400, conflict.status());
        assertEquals("idempotency_error", conflict.json().at("/error/type").asText());
        // the request log shows the key on all three
        List<LoggedRequest> log = emu.requestLog();
        assertEquals(key.get("Idempotency-Key"), log.get(log.size() - 1).idempotencyKey());
    }

    @Test
    void requestLogKeepsHeadersButNeverTheKey() {
        emu.clearRequestLog();
        Client.Response r = client.send("GET", "customers", "limit=1", null,
                Map.of("Stripe-Version", "2024-06-20", "Maton-Connection", "conn_42"));
        assertEquals(200, r.status());
        LoggedRequest l = emu.requestLog().get(0);
        assertEquals("2024-06-20", l.header("Stripe-Version"));
        assertEquals("2024-06-20", l.header("stripe-version"));
        assertEquals("conn_42", l.header("Maton-Connection"));
        assertNull(l.header("Authorization"));
        assertNull(l.header("X-Not-Sent"));
        assertTrue(l.headers().values().stream().noneMatch(v -> v.contains(emu.apiKey())), l.headers().toString());
        // Basic auth carries the key too (base64): still not logged
        emu.clearRequestLog();
        String basic = Base64.getEncoder().encodeToString((emu.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, client.sendRaw("GET", "customers", Map.of("Authorization", "Basic " + basic)).status());
        LoggedRequest b = emu.requestLog().get(0);
        assertNull(b.header("Authorization"));
        assertTrue(b.headers().values().stream().noneMatch(v -> v.contains(basic) || v.contains(emu.apiKey())), b.headers().toString());
    }

    @Test
    void seededConnectedAccountsHaveTheirOwnData() {
        String acct = emu.store().list("account").get(0).get("id").asText();
        Client connected = new Client(emu);
        connected.account = acct;
        java.util.Set<String> theirs = new java.util.HashSet<>();
        connected.all("customers").forEach(c -> theirs.add(c.get("id").asText()));
        assertEquals(emu.store().account(acct).count("customer"), theirs.size());
        assertTrue(theirs.size() >= 5);
        for (String id : theirs) assertEquals(404, client.get("customers/" + id).status(), "not on the platform");
        assertTrue(connected.all("charges").size() > 0);
        assertEquals(0, connected.all("accounts").size(), "connected accounts have no accounts of their own");
    }

    @Test
    void stripeAccountPartitionsData() {
        Client connected = new Client(emu);
        connected.account = "acct_connected1";
        assertEquals(0, connected.get("customers").json().get("data").size());
        String id = connected.post("customers", "email", "mine@example.com").json().get("id").asText();
        assertEquals(1, connected.get("customers").json().get("data").size());
        assertEquals(404, client.get("customers/" + id).status(), "the platform does not see a connected account's customer");
        assertEquals(200, connected.get("customers/" + id).status());
        assertEquals(1, emu.store().account("acct_connected1").count("customer"));
        Client bad = new Client(emu);
        bad.account = "not_an_account";
        assertEquals(403, bad.get("customers").status());
        Client other = new Client(emu);
        other.account = "acct_connected2";
        assertEquals(404, other.get("customers/" + id).status());
        List<LoggedRequest> log = emu.requestLog();
        assertEquals("acct_connected2", log.get(log.size() - 1).account());
        assertTrue(log.stream().anyMatch(l -> "acct_connected1".equals(l.account()) && "POST".equals(l.method())));
    }

    @Test
    void expandCustomerOnObjectsAndLists() {
        JsonNode ch = client.get("charges", "limit", "3", "expand[]", "data.customer").json();
        for (JsonNode c : ch.get("data")) {
            assertEquals("customer", c.at("/customer/object").asText(), c.toString());
        }
        String chargeId = ch.at("/data/0/id").asText();
        JsonNode one = client.get("charges/" + chargeId, "expand[]", "customer", "expand[]", "payment_intent").json();
        assertEquals("customer", one.at("/customer/object").asText());
        assertEquals("payment_intent", one.at("/payment_intent/object").asText());
        JsonNode plain = client.get("charges/" + chargeId).json();
        assertTrue(plain.get("customer").isTextual());
        for (String path : List.of("payment_intents", "invoices", "subscriptions")) {
            JsonNode l = client.get(path, "limit", "2", "expand[]", "data.customer").json();
            assertEquals("customer", l.at("/data/0/customer/object").asText(), path);
        }
        JsonNode sub = client.get("subscriptions", "limit", "1", "expand[]", "data.latest_invoice.customer").json();
        assertEquals("customer", sub.at("/data/0/latest_invoice/customer/object").asText());
        String cus = client.post("customers", "email", "x@example.com").json().get("id").asText();
        JsonNode pi = client.post("payment_intents", "amount", "1000", "currency", "usd", "customer", cus, "expand[]", "customer").json();
        assertEquals(cus, pi.at("/customer/id").asText());
    }

    @Test
    void requestLogRecordsDecodedQueryAndFormAndIsBounded() {
        emu.clearRequestLog();
        client.get("customers", "created[gte]", "100", "limit", "3");
        client.post("customers", "metadata[k]", "v w");
        List<LoggedRequest> log = emu.requestLog();
        assertEquals(2, log.size());
        assertEquals("GET", log.get(0).method());
        assertEquals("/v1/customers", log.get(0).path());
        assertEquals(List.of("100"), log.get(0).query().get("created[gte]"));
        assertEquals(List.of("v w"), log.get(1).form().get("metadata[k]"));
        assertEquals(200, log.get(1).status());
        try (StripeEmulator small = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.empty()).withRequestLogSize(3))) {
            Client c = new Client(small);
            for (int i = 0; i < 5; i++) c.get("customers", "limit", "" + (i + 1));
            List<LoggedRequest> kept = small.requestLog();
            assertEquals(3, kept.size());
            assertEquals(List.of("5"), kept.get(2).query().get("limit"));
            assertEquals(List.of("3"), kept.get(0).query().get("limit"));
        }
    }
}
