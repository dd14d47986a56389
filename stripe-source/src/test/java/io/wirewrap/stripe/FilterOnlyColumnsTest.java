package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.WrappersTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** List filters that are no field of the object (subscriptions' price): a column for them is the way to filter. */
class FilterOnlyColumnsTest {
    static Fixture fx;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(60));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void subscriptionsByPriceThroughADeclaredColumn() {
        // wrappers' subscriptions has no price column; a user adds one and filters on it, as wrappers documents
        ForeignTable t = subscriptionsWithPrice();
        List<ObjectNode> subs = fx.emu.store().list("subscription");
        String price = items(subs.getFirst()).iterator().next();
        Set<String> expected = subs.stream().filter(s -> items(s).contains(price)).map(s -> s.path("id").asText()).collect(Collectors.toSet());
        fx.emu.clearRequestLog();
        ScanPlan p = t.plan(Fixture.req(List.of("id", "price"), new Qual.Compare("price", CompareOp.EQ, price)));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> rows = Fixture.rows(t, p);
        assertEquals(expected, rows.stream().map(r -> (String) r[0]).collect(Collectors.toSet()));
        // the pinned value fills the column the object does not carry
        rows.forEach(r -> assertEquals(price, r[1]));
        assertEquals(List.of("GET /v1/subscriptions?price=" + price + "&status=all&limit=100"), fx.requests());
    }

    @Test
    void inOverAFilterOnlyColumnIsOneRequestPerValueAndEachRowCarriesItsValue() {
        ForeignTable t = subscriptionsWithPrice();
        List<ObjectNode> subs = fx.emu.store().list("subscription");
        List<String> prices = subs.stream().flatMap(s -> items(s).stream()).distinct().limit(2).toList();
        assertEquals(2, prices.size());
        fx.emu.clearRequestLog();
        // as a dependent join hands over its keys: price in (p1, p2, a price no subscription has)
        ScanPlan p = t.plan(Fixture.req(List.of("id", "price"), new Qual.In("price", List.of(prices.get(0), prices.get(1), "price_none"))));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        Set<String> got = Fixture.rows(t, p).stream().map(r -> r[0] + "/" + r[1]).collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>();
        for (String price : prices) {
            subs.stream().filter(s -> items(s).contains(price)).forEach(s -> expected.add(s.path("id").asText() + "/" + price));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, got);
        assertEquals(Set.of("GET /v1/subscriptions?price=" + prices.get(0) + "&status=all&limit=100",
                "GET /v1/subscriptions?price=" + prices.get(1) + "&status=all&limit=100",
                "GET /v1/subscriptions?price=price_none&status=all&limit=100"), Set.copyOf(fx.requests()));
    }

    @Test
    void inOverANestedListsParentIsOneListPerParent() {
        // invoice lines carry no invoice field in this API version: the path's invoice fills the column
        ForeignTable lines = fx.source.open(new TableDef("invoices_lines",
                StripeSource.derivedColumns(ObjectRegistry.get().find("invoices/lines").orElseThrow()), Map.of("object", "invoices/lines")), new SourceOptions(fx.server));
        List<String> invoices = fx.emu.store().list("invoice").stream().limit(2).map(i -> i.path("id").asText()).toList();
        fx.emu.clearRequestLog();
        ScanPlan p = lines.plan(Fixture.req(List.of("id", "invoice"), new Qual.In("invoice", List.<Object>copyOf(invoices))));
        assertEquals(List.of(Pushdown.EXACT), p.quals());
        List<Object[]> rows = Fixture.rows(lines, p);
        long expected = fx.emu.store().list("invoice").stream().limit(2).mapToLong(i -> i.path("lines").path("data").size()).sum();
        assertEquals(expected, rows.size());
        rows.forEach(r -> assertTrue(invoices.contains((String) r[1]), String.valueOf(r[1])));
        assertEquals(Set.of("GET /v1/invoices/" + invoices.get(0) + "/lines?limit=100", "GET /v1/invoices/" + invoices.get(1) + "/lines?limit=100"),
                Set.copyOf(fx.requests()));
    }

    @Test
    void importedTablesCarryTheFilterOnlyParameters() {
        var byName = fx.source.importSchema("stripe", new SourceOptions(fx.server)).stream()
                .collect(Collectors.toMap(TableDef::name, d -> d));
        assertTrue(byName.get("invoiceitems").columns().contains(ColumnDef.of("pending", ColumnType.BOOL)));
        assertTrue(byName.get("subscription_schedules").columns().contains(ColumnDef.of("scheduled", ColumnType.BOOL)));
        assertTrue(byName.get("radar_value_lists").columns().contains(ColumnDef.of("contains", ColumnType.TEXT)));
        // not a filter: a sort knob, an array, or a range already covered by its field
        List<String> treasury = byName.get("treasury_transactions").columns().stream().map(ColumnDef::name).toList();
        assertFalse(treasury.contains("order_by"), treasury.toString());
        assertFalse(byName.get("products").columns().stream().anyMatch(c -> c.name().equals("ids")));
        // the 23 wrappers tables keep exactly the documented columns
        assertEquals(WrappersTables.columns("subscriptions"), byName.get("subscriptions").columns());
        assertTrue(ObjectRegistry.get().find("subscriptions").orElseThrow().filter("price").isPresent());
    }

    /** wrappers' subscriptions plus the price column a user adds to filter on it. */
    private static ForeignTable subscriptionsWithPrice() {
        List<ColumnDef> cols = new ArrayList<>(WrappersTables.columns("subscriptions"));
        cols.add(ColumnDef.of("price", ColumnType.TEXT));
        return fx.source.open(new TableDef("subscriptions", cols, Map.of("object", "subscriptions")), new SourceOptions(fx.server));
    }

    private static Set<String> items(JsonNode subscription) {
        return StreamSupport.stream(subscription.path("items").path("data").spliterator(), false)
                .map(i -> i.path("price").isObject() ? i.path("price").path("id").asText() : i.path("price").asText())
                .collect(Collectors.toSet());
    }
}
