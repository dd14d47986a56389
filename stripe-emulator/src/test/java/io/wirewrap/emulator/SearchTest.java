package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(200)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    private static Set<String> search(String path, String query) {
        Set<String> ids = new HashSet<>();
        String page = null;
        for (int i = 0; i < 100; i++) {
            Client.Response r = page == null ? client.get(path + "/search", "query", query, "limit", "100")
                    : client.get(path + "/search", "query", query, "limit", "100", "page", page);
            assertEquals(200, r.status(), query + " " + r.json());
            assertEquals("search_result", r.json().get("object").asText());
            r.json().get("data").forEach(d -> ids.add(d.get("id").asText()));
            if (!r.json().get("has_more").asBoolean()) return ids;
            page = r.json().get("next_page").asText();
        }
        throw new AssertionError("no end");
    }

    private static Set<String> expected(String object, Predicate<ObjectNode> p) {
        return emu.store().list(object).stream().filter(p).map(o -> o.get("id").asText()).collect(Collectors.toSet());
    }

    @Test
    void exactSubstringMetadataAndNegation() {
        ObjectNode c = emu.store().list("customer").stream().filter(x -> x.hasNonNull("email")).findFirst().orElseThrow();
        assertEquals(Set.of(c.get("id").asText()), search("customers", "email:'" + c.get("email").asText() + "'"));
        assertEquals(Set.of(c.get("id").asText()), search("customers", "email:\"" + c.get("email").asText().toUpperCase() + "\""));
        assertEquals(expected("customer", x -> x.path("name").asText().toLowerCase().contains("lovelace")),
                search("customers", "name~'lovelace'"));
        assertEquals(expected("customer", x -> "pro".equals(x.at("/metadata/plan").asText())),
                search("customers", "metadata['plan']:'pro'"));
        assertEquals(expected("customer", x -> !"pro".equals(x.at("/metadata/plan").asText())),
                search("customers", "-metadata['plan']:'pro'"));
        assertEquals(expected("customer", x -> x.get("email").isNull()), search("customers", "email:null"));
    }

    @Test
    void andOrAndNumericComparisons() {
        assertEquals(expected("charge", x -> x.get("amount").asLong() > 20000 && "usd".equals(x.get("currency").asText())),
                search("charges", "amount>20000 AND currency:'usd'"));
        assertEquals(expected("charge", x -> x.get("amount").asLong() >= 20000 && "eur".equals(x.get("currency").asText())),
                search("charges", "amount>=20000 currency:'eur'"));
        assertEquals(expected("invoice", x -> "open".equals(x.get("status").asText()) || "draft".equals(x.get("status").asText())),
                search("invoices", "status:'open' OR status:'draft'"));
        long mid = emu.store().list("payment_intent").get(20).get("created").asLong();
        assertEquals(expected("payment_intent", x -> x.get("created").asLong() <= mid), search("payment_intents", "created<=" + mid));
        assertEquals(expected("subscription", x -> "active".equals(x.get("status").asText())), search("subscriptions", "status:'active'"));
        assertEquals(expected("price", x -> "gbp".equals(x.get("currency").asText()) && x.get("active").asBoolean()),
                search("prices", "currency:'gbp' AND active:'true'"));
        assertFalse(search("products", "active:'true'").isEmpty());
    }

    @Test
    void malformedQueriesAre400() {
        for (String bad : List.of("status:'a' AND status:'b' OR status:'c'", "colour:'red'", "email:unquoted", "name~'ab'", "")) {
            Client.Response r = client.get("customers/search", "query", bad);
            assertEquals(400, r.status(), bad);
            assertEquals("query", r.json().at("/error/param").asText(), bad);
        }
    }

    @Test
    void pagesAndTotalCount() {
        JsonNode first = client.get("customers/search", "query", "created>0", "limit", "50").json();
        assertEquals(50, first.get("data").size());
        assertTrue(first.get("has_more").asBoolean());
        assertFalse(first.has("total_count"));
        assertEquals("/v1/customers/search", first.get("url").asText());
        JsonNode counted = client.get("customers/search", "query", "created>0", "limit", "50", "expand[]", "total_count").json();
        assertEquals(200, counted.get("total_count").asInt());
        JsonNode last = client.get("customers/search", "query", "created>0", "limit", "100", "page",
                client.get("customers/search", "query", "created>0", "limit", "100").json().get("next_page").asText()).json();
        assertEquals(100, last.get("data").size());
        assertFalse(last.get("has_more").asBoolean());
        assertTrue(last.get("next_page").isNull());
    }
}
