package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaginationTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customersOnly(250)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    @Test
    void walksEveryCustomerOnceInCreatedDescOrderWithIdTieBreak() {
        List<JsonNode> all = client.all("customers");
        assertEquals(250, all.size());
        assertEquals(250, new HashSet<>(all.stream().map(c -> c.get("id").asText()).toList()).size());
        for (int i = 1; i < all.size(); i++) {
            long prev = all.get(i - 1).get("created").asLong(), cur = all.get(i).get("created").asLong();
            assertTrue(prev > cur || (prev == cur && all.get(i - 1).get("id").asText().compareTo(all.get(i).get("id").asText()) > 0),
                    "order broken at " + i);
        }
    }

    @Test
    void pageShapeAndDefaultLimit() {
        JsonNode page = client.get("customers").json();
        assertEquals("list", page.get("object").asText());
        assertEquals("/v1/customers", page.get("url").asText());
        assertEquals(10, page.get("data").size());
        assertTrue(page.get("has_more").asBoolean());
    }

    @Test
    void exactlyOneHundredAndOneHundredOne() {
        emu.seed(SeedSpec.customersOnly(100));
        try {
            JsonNode page = client.get("customers", "limit", "100").json();
            assertEquals(100, page.get("data").size());
            assertFalse(page.get("has_more").asBoolean());
            emu.seed(SeedSpec.customersOnly(101));
            page = client.get("customers", "limit", "100").json();
            assertEquals(100, page.get("data").size());
            assertTrue(page.get("has_more").asBoolean());
            String last = page.get("data").get(99).get("id").asText();
            JsonNode second = client.get("customers", "limit", "100", "starting_after", last).json();
            assertEquals(1, second.get("data").size());
            assertFalse(second.get("has_more").asBoolean());
        } finally {
            emu.seed(SeedSpec.customersOnly(250));
        }
    }

    @Test
    void emptyListForAnUnseededType() {
        JsonNode page = client.get("quotes").json();
        assertEquals(0, page.get("data").size());
        assertFalse(page.get("has_more").asBoolean());
        assertEquals("/v1/quotes", page.get("url").asText());
    }

    @Test
    void endingBeforeWalksBackToTheSamePages() {
        List<JsonNode> all = client.all("customers");
        String cursor = all.get(60).get("id").asText();
        JsonNode before = client.get("customers", "limit", "20", "ending_before", cursor).json();
        assertEquals(20, before.get("data").size());
        assertTrue(before.get("has_more").asBoolean());
        for (int i = 0; i < 20; i++) assertEquals(all.get(40 + i).get("id"), before.get("data").get(i).get("id"));
        // walking back from the 15th object: 15 newer ones, no more
        JsonNode head = client.get("customers", "limit", "20", "ending_before", all.get(15).get("id").asText()).json();
        assertEquals(15, head.get("data").size());
        assertFalse(head.get("has_more").asBoolean());
        // a full backward walk from the end meets every object
        List<String> back = new ArrayList<>();
        String cur = all.get(all.size() - 1).get("id").asText();
        back.add(cur);
        while (true) {
            JsonNode p = client.get("customers", "limit", "37", "ending_before", cur).json();
            List<String> ids = new ArrayList<>();
            p.get("data").forEach(d -> ids.add(d.get("id").asText()));
            back.addAll(0, ids);
            if (!p.get("has_more").asBoolean()) break;
            cur = ids.get(0);
        }
        assertEquals(all.stream().map(c -> c.get("id").asText()).toList(), back);
    }

    @Test
    void limitBounds() {
        for (String bad : List.of("0", "101", "-1", "ten")) {
            Client.Response r = client.get("customers", "limit", bad);
            assertEquals(400, r.status(), bad);
            assertEquals("invalid_request_error", r.json().at("/error/type").asText());
            assertEquals("limit", r.json().at("/error/param").asText());
        }
        assertEquals(1, client.get("customers", "limit", "1").json().get("data").size());
    }

    @Test
    void unknownCursorIsAnError() {
        Client.Response r = client.get("customers", "starting_after", "cus_doesnotexist");
        assertEquals(400, r.status());
        assertEquals("starting_after", r.json().at("/error/param").asText());
        assertEquals("No such customer: 'cus_doesnotexist'", r.json().at("/error/message").asText());
    }
}
