package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded graph is consistent: every reference names an object that exists, amounts add up. */
class SeedTest {
    static StripeEmulator emu;
    static EmulatorStore store;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(400)));
        store = emu.store();
    }

    @AfterAll
    static void stop() { emu.close(); }

    private static Set<String> ids(String object) {
        return store.list(object).stream().map(o -> o.get("id").asText()).collect(Collectors.toSet());
    }

    @Test
    void everyReferenceResolves() {
        Set<String> customers = ids("customer");
        Set<String> charges = ids("charge");
        Set<String> intents = ids("payment_intent");
        Set<String> txns = ids("balance_transaction");
        Set<String> prices = ids("price");
        Set<String> products = ids("product");
        Set<String> subs = ids("subscription");
        Set<String> invoices = ids("invoice");
        assertEquals(400, customers.size());
        for (ObjectNode ch : store.list("charge")) {
            assertTrue(customers.contains(ch.get("customer").asText()), ch.get("id").asText());
            assertTrue(intents.contains(ch.get("payment_intent").asText()));
            if (ch.get("paid").asBoolean()) assertTrue(txns.contains(ch.get("balance_transaction").asText()));
            assertTrue(ch.get("amount_refunded").asLong() <= ch.get("amount").asLong());
        }
        for (ObjectNode pi : store.list("payment_intent")) {
            assertTrue(customers.contains(pi.get("customer").asText()));
            if (pi.hasNonNull("latest_charge")) assertTrue(charges.contains(pi.get("latest_charge").asText()));
            if ("succeeded".equals(pi.get("status").asText())) assertEquals(pi.get("amount"), pi.get("amount_received"));
        }
        for (ObjectNode re : store.list("refund")) {
            assertTrue(charges.contains(re.get("charge").asText()));
            assertTrue(txns.contains(re.get("balance_transaction").asText()));
        }
        for (ObjectNode pm : store.list("payment_method")) assertTrue(customers.contains(pm.get("customer").asText()));
        for (ObjectNode p : store.list("price")) assertTrue(products.contains(p.get("product").asText()));
        for (ObjectNode s : store.list("subscription")) {
            assertTrue(customers.contains(s.get("customer").asText()));
            assertTrue(invoices.contains(s.get("latest_invoice").asText()));
            for (JsonNode item : s.at("/items/data")) assertTrue(prices.contains(item.at("/price/id").asText()));
        }
        for (ObjectNode inv : store.list("invoice")) {
            assertTrue(customers.contains(inv.get("customer").asText()));
            if (inv.hasNonNull("subscription")) assertTrue(subs.contains(inv.get("subscription").asText()));
            long lines = 0;
            for (JsonNode l : inv.at("/lines/data")) lines += l.get("amount").asLong();
            assertEquals(inv.get("total").asLong(), lines, "lines add up to the total of " + inv.get("id").asText());
        }
        for (ObjectNode t : store.list("balance_transaction")) {
            assertTrue(store.get(t.get("source").asText()).isPresent(), "source of " + t.get("id").asText());
            assertEquals(t.get("amount").asLong() - t.get("fee").asLong(), t.get("net").asLong());
        }
        for (ObjectNode e : store.list("event")) assertTrue(store.get(e.at("/data/object/id").asText()).isPresent());
    }

    @Test
    void dataLooksLikeARealAccount() {
        List<ObjectNode> customers = store.list("customer");
        long epoch = SeedSpec.DEFAULT_EPOCH.getEpochSecond();
        assertTrue(customers.stream().allMatch(c -> c.get("created").asLong() < epoch && c.get("created").asLong() > epoch - 2L * 366 * 86400));
        assertTrue(customers.stream().anyMatch(c -> c.get("email").isNull()), "some customers have no email");
        assertTrue(customers.stream().anyMatch(c -> !c.get("name").asText().matches("\\p{ASCII}*")), "some names are not ASCII");
        assertTrue(customers.stream().allMatch(c -> c.at("/metadata/plan").isTextual() && c.at("/metadata/segment").isTextual()));
        Set<String> currencies = store.list("charge").stream().map(c -> c.get("currency").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("usd", "eur", "gbp"), currencies);
        assertTrue(store.count("refund") > 0 && store.count("payout") > 0 && store.count("event") > 0 && store.count("dispute") >= 0);
        assertTrue(store.list("event").stream().allMatch(e -> e.get("created").asLong() > epoch - 31L * 86400));
        Set<String> statuses = store.list("invoice").stream().map(i -> i.get("status").asText()).collect(Collectors.toSet());
        assertTrue(statuses.contains("paid"));
    }

    @Test
    void sameSeedSameData_otherSeedOtherData() {
        List<String> first = store.list("customer").stream().map(c -> c.get("id").asText() + c.get("email")).toList();
        try (StripeEmulator again = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(400)))) {
            assertEquals(first, again.store().list("customer").stream().map(c -> c.get("id").asText() + c.get("email")).toList());
            assertEquals(store.count("charge"), again.store().count("charge"));
            again.seed(SeedSpec.customers(400).withSeed(7));
            assertNotEquals(first, again.store().list("customer").stream().map(c -> c.get("id").asText() + c.get("email")).toList());
        }
    }

    @Test
    void largerSeedsUseParallelSlicesAndStayDeterministic() {
        // above 2,000 customers the generator runs slices in parallel; the result must not depend on scheduling
        long t0 = System.nanoTime();
        List<String> first;
        try (StripeEmulator big = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(5_000)))) {
            System.out.printf("seeded 5,000 customers with relations (%d charges, %d invoices) in %d ms%n",
                    big.store().count("charge"), big.store().count("invoice"), (System.nanoTime() - t0) / 1_000_000);
            assertEquals(5_000, big.store().count("customer"));
            first = big.store().list("charge").stream().map(c -> c.get("id").asText() + c.get("customer").asText()).toList();
            big.seed(SeedSpec.customers(5_000));
            assertEquals(first, big.store().list("charge").stream().map(c -> c.get("id").asText() + c.get("customer").asText()).toList());
            assertEquals(5_000, new HashSet<>(big.store().list("customer").stream().map(c -> c.get("id").asText()).toList()).size());
            assertFalse(first.isEmpty());
        }
    }
}
