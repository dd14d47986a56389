package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.SortKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every read pushdown rule, checked on rows and on the exact requests the emulator saw. */
class ReadPushdownTest {
    static Fixture fx;
    static List<ObjectNode> customers;
    static final List<String> COLS = List.of("id", "email", "name", "created", "attrs");

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(250));
        customers = new ArrayList<>(fx.emu.store().list("customer"));
        customers.sort(Comparator.comparingLong((ObjectNode o) -> o.path("created").asLong()).reversed());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.emu.clearRequestLog();
    }

    @Test
    void idEqualsIsOneRetrieve() {
        ForeignTable t = fx.table("customers");
        String id = customers.get(7).path("id").asText();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, id)));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        assertEquals(1.0, p.estimatedRequests());
        List<Object[]> rows = rows(t, p);
        assertEquals(1, rows.size());
        assertEquals(id, rows.get(0)[0]);
        assertEquals(customers.get(7).path("email").asText(null), rows.get(0)[1]);
        assertEquals(LocalDateTime.ofEpochSecond(customers.get(7).path("created").asLong(), 0, ZoneOffset.UTC), rows.get(0)[3]);
        assertEquals(List.of("GET /v1/customers/" + id), fx.requests());
        assertTrue(p.explain().get(0).contains("GET /v1/customers/" + id), p.explain().toString());
    }

    @Test
    void retrieve404IsZeroRows() {
        ForeignTable t = fx.table("customers");
        List<Object[]> rows = rows(t, t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, "cus_nope"))));
        assertEquals(0, rows.size());
        assertEquals(List.of("GET /v1/customers/cus_nope"), fx.requests());
    }

    @Test
    void anIdSpelledLikeAnotherEndpointIsNoRow() {
        // GET /v1/customers/search is the Search API, /v1/invoices/upcoming the upcoming invoice: never an object's id
        ForeignTable customers = fx.table("customers");
        ScanPlan p = customers.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, "search")));
        assertEquals(List.of(), rows(customers, p));
        assertEquals(List.of(), fx.requests());
        ForeignTable invoices = fx.table("invoices");
        String real = fx.emu.store().list("invoice").getFirst().path("id").asText();
        List<Object[]> got = rows(invoices, invoices.plan(req(List.of("id"), new Qual.In("id", List.of("upcoming", real, "search")))));
        assertEquals(List.of(real), got.stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/invoices/" + real), fx.requests());
    }

    @Test
    void anUppercaseCurrencyStaysLocal() {
        ForeignTable prices = fx.table("prices");
        ScanPlan upper = prices.plan(req(List.of("id", "currency"), new Qual.Compare("currency", CompareOp.EQ, "USD")));
        assertEquals(List.of(Pushdown.NONE), upper.quals());
        ScanPlan lower = prices.plan(req(List.of("id", "currency"), new Qual.Compare("currency", CompareOp.EQ, "usd")));
        assertEquals(List.of(Pushdown.EXACT), lower.quals());
        assertTrue(lower.explain().getFirst().contains("currency=usd"), lower.explain().toString());
    }

    @Test
    void idsInPathAreEncoded() {
        ForeignTable t = fx.table("customers");
        List<Object[]> rows = rows(t, t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, "../../v1/charges"))));
        assertEquals(0, rows.size());
        assertEquals(List.of("GET /v1/customers/..%2F..%2Fv1%2Fcharges"), fx.requests());
    }

    @Test
    void idInIsParallelRetrievesInOrder() {
        ForeignTable t = fx.table("customers");
        String a = customers.get(1).path("id").asText(), b = customers.get(50).path("id").asText();
        ScanPlan p = t.plan(req(COLS, new Qual.In("id", List.of(b, "cus_missing", a, b))));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        assertEquals(3.0, p.estimatedRequests());
        List<Object[]> rows = rows(t, p);
        assertEquals(List.of(b, a), rows.stream().map(r -> r[0]).toList());
        assertEquals(Set.of("GET /v1/customers/" + a, "GET /v1/customers/" + b, "GET /v1/customers/cus_missing"),
                new HashSet<>(fx.requests()));
        assertEquals(3, fx.requests().size());
    }

    @Test
    void aPushedLimitRetrievesNoMoreIdsThanItNeeds() {
        ForeignTable t = fx.table("customers");
        String a = customers.get(1).path("id").asText(), b = customers.get(50).path("id").asText(), c = customers.get(7).path("id").asText();
        ScanPlan one = t.plan(req(COLS, List.of(new Qual.In("id", List.of(a, b, c))), List.of(), 1L));
        assertTrue(one.limitPushed());
        assertEquals(1.0, one.estimatedRequests());
        assertEquals(List.of(a), rows(t, one).stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/customers/" + a), fx.requests());
        fx.emu.clearRequestLog();
        // the 404 leaves the limit one row short: exactly one more id is asked for, and c never is
        ScanPlan two = t.plan(req(COLS, List.of(new Qual.In("id", List.of(b, "cus_missing", a, c))), List.of(), 2L));
        assertTrue(two.explain().contains("Then: the next of the other 2 ids only while a 404 leaves the limit unfilled"), two.explain().toString());
        assertEquals(List.of(b, a), rows(t, two).stream().map(r -> r[0]).toList());
        assertEquals(Set.of("GET /v1/customers/" + b, "GET /v1/customers/cus_missing", "GET /v1/customers/" + a), new HashSet<>(fx.requests()));
        assertEquals(3, fx.requests().size());
    }

    @Test
    void productIdsAreOneListRequestPerHundred() {
        ForeignTable t = fx.table("products");
        List<ObjectNode> products = fx.emu.store().list("product");
        List<Object> three = List.of(products.get(0).path("id").asText(), "prod_missing", products.get(2).path("id").asText());
        ScanPlan p = t.plan(req(List.of("id", "name"), new Qual.In("id", three)));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        assertEquals(1.0, p.estimatedRequests());
        Set<Object> got = new HashSet<>(rows(t, p).stream().map(r -> r[0]).toList());
        assertEquals(Set.of(three.get(0), three.get(2)), got);
        assertEquals(List.of("GET /v1/products?ids[0]=" + three.get(0) + "&ids[1]=prod_missing&ids[2]=" + three.get(2) + "&limit=100"),
                fx.requests());

        List<Object> many = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) many.add(i < products.size() ? products.get(i).path("id").asText() : "prod_nope" + i);
        fx.emu.clearRequestLog();
        assertEquals(Math.min(150, products.size()), rows(t, t.plan(req(List.of("id"), new Qual.In("id", many)))).size());
        assertEquals(2, fx.requests().size(), "150 ids: two requests of up to 100 ids each");
    }

    @Test
    void lookupKeysAreOneListRequestPerTen() {
        ForeignTable t = fx.wide("prices");
        List<ObjectNode> prices = fx.emu.store().list("price").stream().filter(o -> o.hasNonNull("lookup_key")).toList();
        String key = prices.get(0).path("lookup_key").asText();
        ScanPlan one = t.plan(req(List.of("id", "lookup_key"), new Qual.Compare("lookup_key", CompareOp.EQ, key)));
        assertEquals(List.of(Pushdown.EXACT), one.quals());
        assertEquals(List.of(prices.get(0).path("id").asText()), rows(t, one).stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/prices?lookup_keys[0]=" + key + "&limit=100"), fx.requests());

        List<Object> twelve = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) twelve.add(i < prices.size() ? prices.get(i).path("lookup_key").asText() : "no_such_key_" + i);
        fx.emu.clearRequestLog();
        Set<Object> got = new HashSet<>(rows(t, t.plan(req(List.of("id", "lookup_key"), new Qual.In("lookup_key", twelve))))
                .stream().map(r -> r[1]).toList());
        assertEquals(prices.stream().limit(12).map(o -> (Object) o.path("lookup_key").asText()).collect(java.util.stream.Collectors.toSet()), got);
        assertEquals(2, fx.requests().size(), "12 keys: batches of 10 and 2, " + fx.requests());
    }

    @Test
    void eventTypesAreOneRequestButAWildcardStaysLocal() {
        ForeignTable t = fx.wide("events");
        assertEquals(List.of(Pushdown.NONE), t.plan(req(List.of("id"), new Qual.Compare("type", CompareOp.EQ, "customer.*"))).quals());
        ScanPlan two = t.plan(req(List.of("id", "type"), new Qual.In("type", List.of("customer.created", "charge.succeeded"))));
        assertEquals(List.of(Pushdown.EXACT), two.quals());
        List<Object[]> got = rows(t, two);
        long expected = fx.emu.store().list("event").stream()
                .filter(e -> List.of("customer.created", "charge.succeeded").contains(e.path("type").asText())).count();
        assertEquals(expected, got.size());
        assertEquals("GET /v1/events?types[0]=customer.created&types[1]=charge.succeeded&limit=100", fx.requests().get(0));
        assertEquals(Math.max(1, (expected + 99) / 100), fx.requests().size(), "one chain of pages for both types");
    }

    @Test
    void topLevelFieldThroughAttrsIsTheListFilter() {
        ForeignTable t = fx.table("subscriptions");
        ScanPlan p = t.plan(req(List.of("id", "attrs"), new Qual.JsonPathEquals("attrs", List.of("status"), "past_due")));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> got = rows(t, p);
        long expected = fx.emu.store().list("subscription").stream().filter(o -> o.path("status").asText().equals("past_due")).count();
        assertEquals(expected, got.size());
        assertTrue(expected > 0, "the seed has past_due subscriptions");
        assertEquals(List.of("GET /v1/subscriptions?status=past_due&limit=100"), fx.requests());
        // a value the filter does not know stays local (and so does a nested path)
        assertEquals(List.of(Pushdown.NONE), t.plan(req(List.of("id"), new Qual.JsonPathEquals("attrs", List.of("status"), "bogus"))).quals());
    }

    @Test
    void emailEqualityIsAListFilter() {
        ForeignTable t = fx.table("customers");
        ObjectNode c = customers.stream().filter(o -> o.hasNonNull("email")).findFirst().orElseThrow();
        String email = c.path("email").asText();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("email", CompareOp.EQ, email)));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> rows = rows(t, p);
        assertEquals(List.of(c.path("id").asText()), rows.stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/customers?email=" + email + "&limit=100"), fx.requests());
    }

    @Test
    void createdRangeBecomesGteLte() {
        ForeignTable t = fx.table("customers");
        long hi = customers.get(10).path("created").asLong();
        long lo = customers.get(60).path("created").asLong();
        LocalDateTime loTs = LocalDateTime.ofEpochSecond(lo, 0, ZoneOffset.UTC);
        // timestamptz bound given in +02:00: must become the same unix second
        OffsetDateTime hiTs = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(hi), ZoneOffset.ofHours(2));
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("created", CompareOp.GE, loTs), new Qual.Compare("created", CompareOp.LT, hiTs)));
        assertEquals(List.of(Pushdown.EXACT, Pushdown.EXACT), p.quals());
        List<Object[]> rows = rows(t, p);
        long expected = customers.stream().filter(o -> o.path("created").asLong() >= lo && o.path("created").asLong() < hi).count();
        assertEquals(expected, rows.size());
        assertEquals("GET /v1/customers?created[gte]=" + lo + "&created[lte]=" + (hi - 1) + "&limit=100", fx.requests().get(0));
    }

    @Test
    void dueDateRangeIsPushedLikeCreated() {
        // the seed's invoices charge automatically (no due_date): give six of them one, put them back after
        List<ObjectNode> originals = fx.emu.store().list("invoice").subList(0, 6);
        long base = 1_735_000_000L;
        try {
            for (int k = 0; k < originals.size(); k++) {
                ObjectNode inv = originals.get(k).deepCopy();
                inv.put("collection_method", "send_invoice");
                inv.put("due_date", base + k * 86_400L);
                fx.emu.store().put(inv);
            }
            ForeignTable t = fx.wide("invoices");
            // due_date >= day 1 and < day 4: invoices 1, 2 and 3
            LocalDateTime lo = LocalDateTime.ofEpochSecond(base + 86_400L, 0, ZoneOffset.UTC);
            LocalDateTime hi = LocalDateTime.ofEpochSecond(base + 4 * 86_400L, 0, ZoneOffset.UTC);
            ScanPlan p = t.plan(req(List.of("id", "due_date"), new Qual.Compare("due_date", CompareOp.GE, lo),
                    new Qual.Compare("due_date", CompareOp.LT, hi)));
            assertEquals(List.of(Pushdown.EXACT, Pushdown.EXACT), p.quals());
            List<Object[]> rows = rows(t, p);
            assertEquals(Set.of(originals.get(1).path("id").asText(), originals.get(2).path("id").asText(),
                    originals.get(3).path("id").asText()), new HashSet<>(rows.stream().map(r -> r[0]).toList()));
            assertEquals(3, rows.size());
            rows.forEach(r -> assertTrue(((LocalDateTime) r[1]).compareTo(lo) >= 0 && ((LocalDateTime) r[1]).isBefore(hi), String.valueOf(r[1])));
            assertEquals(List.of("GET /v1/invoices?due_date[gte]=" + (base + 86_400L) + "&due_date[lte]=" + (base + 4 * 86_400L - 1)
                    + "&limit=100"), fx.requests());
        } finally {
            originals.forEach(fx.emu.store()::put);
        }
    }

    @Test
    void arrivalDateRangeOnPayouts() {
        List<ObjectNode> payouts = fx.emu.store().list("payout");
        List<Long> arrivals = payouts.stream().map(o -> o.path("arrival_date").asLong()).sorted().toList();
        assertTrue(arrivals.size() >= 10, "the seed has payouts: " + arrivals.size());
        long lo = arrivals.get(2), hi = arrivals.get(arrivals.size() - 3);
        ForeignTable t = fx.wide("payouts");
        ScanPlan p = t.plan(req(List.of("id", "arrival_date", "created"),
                new Qual.Compare("arrival_date", CompareOp.GT, LocalDateTime.ofEpochSecond(lo, 0, ZoneOffset.UTC)),
                new Qual.Compare("arrival_date", CompareOp.LE, LocalDateTime.ofEpochSecond(hi, 0, ZoneOffset.UTC))));
        assertEquals(List.of(Pushdown.EXACT, Pushdown.EXACT), p.quals());
        Set<String> expected = new HashSet<>();
        payouts.stream().filter(o -> o.path("arrival_date").asLong() > lo && o.path("arrival_date").asLong() <= hi)
                .forEach(o -> expected.add(o.path("id").asText()));
        assertTrue(!expected.isEmpty() && expected.size() < payouts.size());
        List<Object[]> rows = rows(t, p);
        assertEquals(expected.size(), rows.size());
        assertEquals(expected, new HashSet<>(rows.stream().map(r -> (String) r[0]).toList()));
        assertEquals("GET /v1/payouts?arrival_date[gte]=" + (lo + 1) + "&arrival_date[lte]=" + hi + "&limit=100", fx.requests().get(0));
        // later pages may be split into created slices by the parallel scan; each keeps the arrival_date range
        fx.requests().forEach(r -> assertTrue(r.startsWith("GET /v1/payouts?arrival_date[gte]=" + (lo + 1) + "&arrival_date[lte]=" + hi + "&"), r));
    }

    @Test
    void fractionalBoundIsPartialAndRounded() {
        ForeignTable t = fx.table("customers");
        long s = customers.get(20).path("created").asLong();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("created", CompareOp.GT, LocalDateTime.ofEpochSecond(s, 500_000_000, ZoneOffset.UTC))));
        assertEquals(List.of(Pushdown.PARTIAL), p.quals());
        rows(t, p);
        assertEquals("GET /v1/customers?created[gte]=" + (s + 1) + "&limit=100", fx.requests().get(0));
    }

    @Test
    void emptyRangeMakesNoRequest() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("created", CompareOp.GT, LocalDateTime.of(2024, 1, 2, 0, 0)),
                new Qual.Compare("created", CompareOp.LT, LocalDateTime.of(2024, 1, 1, 0, 0))));
        assertEquals(0.0, p.estimatedRequests());
        assertEquals(0, rows(t, p).size());
        assertEquals(List.of(), fx.requests());
    }

    @Test
    void limitPushedWhenAllExactCostsOneRequest() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS, List.of(), List.of(SortKey.desc("created")), 10L));
        assertTrue(p.limitPushed());
        assertTrue(p.sortPushed());
        assertEquals(1.0, p.estimatedRequests());
        List<Object[]> rows = rows(t, p);
        assertEquals(customers.subList(0, 10).stream().map(o -> o.path("id").asText()).toList(), rows.stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/customers?limit=10"), fx.requests());
    }

    @Test
    void limit250CostsThreeRequests() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS, List.of(), List.of(), 250L));
        assertTrue(p.limitPushed());
        assertEquals(3.0, p.estimatedRequests());
        assertEquals(250, rows(t, p).size());
        assertEquals(3, fx.requests().size());
    }

    @Test
    void limitNotPushedWithALocalQual() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS, List.of(new Qual.Like("name", "A%", false, false)), List.of(), 5L));
        assertEquals(List.of(Pushdown.NONE), p.quals());
        assertFalse(p.limitPushed());
        // every customer comes back, so the local filter can find its 5 matches (wrappers would stop after 1 page)
        assertEquals(customers.size(), rows(t, p).size());
    }

    @Test
    void fullScanIsOrderedCompleteAndUnique() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS, List.of(), List.of(SortKey.desc("created")), null));
        assertTrue(p.sortPushed());
        List<Object[]> rows = rows(t, p);
        assertEquals(customers.size(), rows.size());
        assertEquals(customers.size(), rows.stream().map(r -> r[0]).distinct().count());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(((LocalDateTime) rows.get(i - 1)[3]).compareTo((LocalDateTime) rows.get(i)[3]) >= 0, "order at " + i);
        }
        assertTrue(fx.requests().size() <= 3 + 8, fx.requests().toString());
    }

    @Test
    void nestedListNeedsItsParent() {
        ForeignTable t = fx.table("customers/payment_methods");
        FdwException e = assertThrows(FdwException.class, () -> t.plan(req(List.of("id", "customer"))));
        assertEquals("HV002", e.sqlState());
        assertTrue(e.getMessage().contains("\"customer\""), e.getMessage());
        String cus = customers.get(3).path("id").asText();
        ScanPlan p = t.plan(req(List.of("id", "customer", "type"), new Qual.Compare("customer", CompareOp.EQ, cus)));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> rows = rows(t, p);
        assertFalse(rows.isEmpty());
        rows.forEach(r -> assertEquals(cus, r[1]));
        assertEquals(List.of("GET /v1/customers/" + cus + "/payment_methods?limit=100"), fx.requests());
    }

    @Test
    void listPath404IsAnError() {
        ForeignTable t = fx.table("customers/payment_methods");
        ScanPlan p = t.plan(req(List.of("id"), new Qual.Compare("customer", CompareOp.EQ, "cus_missing")));
        FdwException e = assertThrows(FdwException.class, () -> rows(t, p));
        assertEquals("HV000", e.sqlState());
        assertEquals(List.of("GET /v1/customers/cus_missing/payment_methods?limit=100"), fx.requests());
    }

    @Test
    void balance404IsAnErrorNotZeroRows() {
        // an api_url that misses Stripe's /v1/ (a gateway misconfigured): the balance must not look empty
        ForeignTable t = fx.tableWith("balance", Map.of("api_url", fx.emu.baseUrl().replace("/v1/", "/nope/v1/")));
        FdwException e = assertThrows(FdwException.class, () -> rows(t, t.plan(req(List.of("balance_type", "amount", "currency")))));
        assertEquals("HV000", e.sqlState());
        assertTrue(e.getMessage().startsWith("Stripe API error (invalid_request_error"), e.getMessage());
        assertTrue(e.detail().contains("HTTP 404 from GET"), e.detail());
        assertEquals(1, fx.emu.requestLog().size());
        assertEquals(404, fx.emu.requestLog().getFirst().status());
    }

    @Test
    void inOnAFilterFansOut() {
        ForeignTable t = fx.table("charges");
        String a = customers.get(0).path("id").asText(), b = customers.get(1).path("id").asText();
        ScanPlan p = t.plan(req(List.of("id", "customer"), new Qual.In("customer", List.of(a, b))));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> rows = rows(t, p);
        long expected = fx.emu.store().list("charge").stream().filter(c -> Set.of(a, b).contains(c.path("customer").asText())).count();
        assertEquals(expected, rows.size());
        assertEquals(Set.of("GET /v1/charges?customer=" + a + "&limit=100", "GET /v1/charges?customer=" + b + "&limit=100"),
                new HashSet<>(fx.requests()));
    }

    @Test
    void enumValueStripeWouldRejectStaysLocal() {
        ForeignTable t = fx.wide("subscriptions");
        ScanPlan bogus = t.plan(req(List.of("id"), new Qual.Compare("status", CompareOp.EQ, "Active")));
        assertEquals(List.of(Pushdown.NONE), bogus.quals());
        ScanPlan pseudo = t.plan(req(List.of("id"), new Qual.Compare("status", CompareOp.EQ, "all")));
        assertEquals(List.of(Pushdown.NONE), pseudo.quals());
        // without a pushed status, status=all: Stripe would otherwise hide canceled subscriptions
        // (the emulator does not model that default yet, so only the request is checked here)
        assertTrue(bogus.explain().get(0).contains("GET /v1/subscriptions?status=all&limit=100"), bogus.explain().toString());
        ScanPlan ok = t.plan(req(List.of("id"), new Qual.Compare("status", CompareOp.EQ, "active")));
        assertEquals(List.of(Pushdown.EXACT), ok.quals());
    }

    @Test
    void booleanFilterAndNullNeverPushed() {
        ForeignTable t = fx.table("products");
        ScanPlan p = t.plan(req(List.of("id", "active"), new Qual.Compare("active", CompareOp.EQ, true),
                new Qual.IsNull("description", false), new Qual.Compare("name", CompareOp.EQ, null)));
        assertEquals(List.of(Pushdown.EXACT, Pushdown.NONE, Pushdown.NONE), p.quals());
        List<Object[]> rows = rows(t, p);
        rows.forEach(r -> assertEquals(Boolean.TRUE, r[1]));
        assertEquals("GET /v1/products?active=true&limit=100", fx.requests().get(0));
    }

    @Test
    void balanceIsOneRowPerTypeAndCurrency() {
        // what the emulator's balance holds: per currency, the net of available and of pending balance transactions
        Map<String, Long> expected = new java.util.TreeMap<>();
        Set<String> currencies = new java.util.TreeSet<>();
        for (ObjectNode txn : fx.emu.store().list("balance_transaction")) {
            String currency = txn.path("currency").asText("usd");
            currencies.add(currency);
            String type = "available".equals(txn.path("status").asText()) ? "available" : "pending";
            expected.merge("available " + currency, 0L, Long::sum);
            expected.merge("pending " + currency, 0L, Long::sum);
            expected.merge(type + " " + currency, txn.path("net").asLong(), Long::sum);
        }
        assertTrue(currencies.size() >= 2, "the seed has more than one currency: " + currencies);
        assertTrue(expected.values().stream().anyMatch(v -> v != 0), expected.toString());

        ForeignTable t = fx.table("balance");
        List<Object[]> rows = rows(t, t.plan(req(List.of("balance_type", "amount", "currency", "attrs"))));
        Map<String, Long> got = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            Long prev = got.put(r[0] + " " + r[2], ((Number) r[1]).longValue());
            assertEquals(null, prev, "one row per (balance_type, currency): " + r[0] + " " + r[2]);
        }
        assertEquals(2 * currencies.size(), rows.size());
        assertEquals(expected, got);
        assertEquals(List.of("GET /v1/balance"), fx.requests());
    }

    @Test
    void retrieveOnlyObjectNeedsAnId() {
        ForeignTable t = fx.table("mandates");
        FdwException e = assertThrows(FdwException.class, () -> t.plan(req(List.of("id"))));
        assertEquals("HV002", e.sqlState());
    }

    @Test
    void explainNeverShowsTheKey() {
        ForeignTable t = fx.table("customers");
        ScanPlan p = t.plan(req(COLS));
        String all = String.join("\n", p.explain());
        assertFalse(all.contains(fx.emu.apiKey()));
        assertTrue(all.contains("GET /v1/customers?limit=100"), all);
    }

    @Test
    void parentPinnedForLineItems() {
        ObjectNode inv = fx.emu.store().list("invoice").get(0);
        ForeignTable t = fx.table("invoices/lines");
        List<Object[]> rows = rows(t, t.plan(req(List.of("id", "invoice", "amount"), new Qual.Compare("invoice", CompareOp.EQ, inv.path("id").asText()))));
        assertFalse(rows.isEmpty());
        rows.forEach(r -> assertEquals(inv.path("id").asText(), r[1]));
        assertEquals(List.of("GET /v1/invoices/" + inv.path("id").asText() + "/lines?limit=100"), fx.requests());
    }

    @Test
    void searchOnlyWhenAskedAndAlwaysRechecked() {
        ObjectNode c = customers.stream().filter(o -> o.path("name").asText("").length() >= 4).findFirst().orElseThrow();
        String prefix = c.path("name").asText().substring(0, 4);
        Qual like = new Qual.Like("name", prefix + "%", false, false);
        ForeignTable off = fx.table("customers");
        assertEquals(List.of(Pushdown.NONE), off.plan(req(COLS, like)).quals());
        ForeignTable auto = fx.table("customers", Map.of("search", "auto"));
        ScanPlan p = auto.plan(req(COLS, List.of(like), List.of(), 5L));
        assertEquals(List.of(Pushdown.PARTIAL), p.quals());
        assertFalse(p.limitPushed());
        List<Object[]> rows = rows(auto, p);
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(c.path("id").asText())));
        LoggedRequestView r = new LoggedRequestView(fx.emu.requestLog().get(0));
        assertEquals("GET /v1/customers/search", r.head());
        assertEquals(List.of("name~'" + prefix + "'"), r.query().get("query"));
    }

    @Test
    void metadataEqualityIsOneSearchRequest() {
        String segment = customers.get(0).path("metadata").path("segment").asText();
        Set<String> expected = new HashSet<>();
        customers.stream().filter(o -> segment.equals(o.path("metadata").path("segment").asText(null)))
                .forEach(o -> expected.add(o.path("id").asText()));
        assertTrue(expected.size() > 1 && expected.size() < customers.size() && expected.size() <= 100,
                "a segment some but not all customers have, one page of them: " + expected.size());
        Qual q = new Qual.JsonPathEquals("attrs", List.of("metadata", "segment"), segment);

        ForeignTable off = fx.table("customers");
        assertEquals(List.of(Pushdown.NONE), off.plan(req(COLS, q)).quals());

        ForeignTable auto = fx.table("customers", Map.of("search", "auto"));
        ScanPlan p = auto.plan(req(COLS, q));
        assertEquals(List.of(Pushdown.PARTIAL), p.quals());
        List<Object[]> rows = rows(auto, p);
        assertEquals(expected.size(), rows.size(), "no duplicates");
        assertEquals(expected, new HashSet<>(rows.stream().map(r -> (String) r[0]).toList()));
        assertEquals(List.of("GET /v1/customers/search?query=metadata['segment']:'" + segment + "'&limit=100"), fx.requests());
        assertEquals(List.of("metadata['segment']:'" + segment + "'"), fx.emu.requestLog().get(0).query().get("query"));
    }

    @Test
    void emailPrefixIsASubstringSearchRecheckedLocally() {
        ObjectNode c = customers.stream().filter(o -> o.path("email").asText("").matches("[a-z]{4}.*")).findFirst().orElseThrow();
        String pre = c.path("email").asText().substring(0, 4);
        // a customer whose email has the prefix inside, not at the start: Stripe's ~ is a substring match, LIKE 'p%' is not
        ObjectNode inside = c.deepCopy();
        inside.put("id", "cus_prefixinside1");
        inside.put("email", "zz" + pre + ".inside@example.com");
        fx.emu.store().put(inside);
        try {
            Set<String> starting = new HashSet<>(), containing = new HashSet<>();
            for (ObjectNode o : fx.emu.store().list("customer")) {
                String email = o.path("email").asText(null);
                if (email == null) continue;
                if (email.startsWith(pre)) starting.add(o.path("id").asText());
                if (email.contains(pre)) containing.add(o.path("id").asText());
            }
            assertTrue(starting.contains(c.path("id").asText()) && containing.contains("cus_prefixinside1") && containing.size() <= 100);

            ForeignTable auto = fx.table("customers", Map.of("search", "auto"));
            ScanPlan p = auto.plan(req(COLS, new Qual.Like("email", pre + "%", false, false)));
            // PARTIAL: the executor re-applies LIKE, which drops the rows where the text is not at the start
            assertEquals(List.of(Pushdown.PARTIAL), p.quals());
            List<Object[]> rows = rows(auto, p);
            assertEquals(List.of("GET /v1/customers/search?query=email~'" + pre + "'&limit=100"), fx.requests());
            Set<String> got = new HashSet<>(rows.stream().map(r -> (String) r[0]).toList());
            assertEquals(containing, got, "the search answers every email containing the text");
            // what the executor's recheck keeps: exactly the emails starting with the prefix
            Set<String> kept = new HashSet<>();
            for (Object[] r : rows) if (((String) r[1]).startsWith(pre)) kept.add((String) r[0]);
            assertEquals(starting, kept);
            assertFalse(kept.contains("cus_prefixinside1"));
        } finally {
            fx.emu.store().remove("cus_prefixinside1");
        }
    }

    @Test
    void shortOrInnerWildcardLikeIsNotSearched() {
        ForeignTable auto = fx.table("customers", Map.of("search", "auto"));
        assertEquals(List.of(Pushdown.NONE), auto.plan(req(COLS, new Qual.Like("email", "ab%", false, false))).quals());
        assertEquals(List.of(Pushdown.NONE), auto.plan(req(COLS, new Qual.Like("email", "abc%def%", false, false))).quals());
        assertEquals(List.of(Pushdown.NONE), auto.plan(req(COLS, new Qual.Like("email", "abc%", false, true))).quals());
        ScanPlan p = auto.plan(req(COLS, new Qual.Like("email", "a_c%", false, false)));
        assertEquals(List.of(Pushdown.NONE), p.quals());
        assertTrue(p.explain().get(0).contains("GET /v1/customers?limit=100"), p.explain().toString());
    }

    @Test
    void searchNotUsedWhenAListFilterNarrows() {
        ForeignTable auto = fx.table("customers", Map.of("search", "auto"));
        ScanPlan p = auto.plan(req(COLS, new Qual.Compare("email", CompareOp.EQ, "a@example.com"), new Qual.Like("name", "Abcd%", false, false)));
        assertEquals(List.of(Pushdown.EXACT, Pushdown.NONE), p.quals());
        assertTrue(p.explain().get(0).contains("GET /v1/customers?email=a%40example.com&limit=100"), p.explain().toString());
    }

    record LoggedRequestView(io.wirewrap.emulator.LoggedRequest r) {
        String head() {
            return r.method() + " " + r.path();
        }

        Map<String, List<String>> query() {
            return r.query();
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
