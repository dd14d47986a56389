package io.wirewrap.stripe;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.RegistryGenerator;
import io.wirewrap.stripe.registry.StripeObject;
import io.wirewrap.stripe.registry.WrappersTables;
import io.wirewrap.testkit.RepoPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest {
    static final List<String> WRAPPERS = List.of("accounts", "balance", "balance_transactions", "charges", "checkout/sessions",
            "customers", "disputes", "events", "files", "file_links", "invoices", "mandates", "payment_intents", "payouts",
            "prices", "products", "refunds", "setup_attempts", "setup_intents", "subscriptions", "tokens", "topups", "transfers");

    @Test
    void resourceMatchesTheSpec() throws IOException {
        Path spec = RepoPaths.stripeSpecDir().resolve("spec3.json");
        String regenerated = RegistryGenerator.generate(spec);
        String shipped = new String(ObjectRegistry.class.getResourceAsStream(ObjectRegistry.RESOURCE).readAllBytes());
        assertEquals(regenerated, shipped, "stripe-objects.json is stale: rerun RegistryGenerator (see its javadoc)");
    }

    @Test
    void everyListEndpointOfTheSpecIsAnObject() throws IOException {
        Path tsv = RepoPaths.stripeSpecDir().resolve("list-endpoints.tsv");
        // by shape: two nested lists take their item path's parameter names ({id} -> {transfer})
        Set<String> listPaths = ObjectRegistry.get().all().stream().map(o -> shape(o.listPath())).collect(Collectors.toSet());
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertTrue(listPaths.contains(shape(f[0])), f[0]);
            StripeObject o = ObjectRegistry.get().all().stream().filter(x -> shape(f[0]).equals(shape(x.listPath()))).findFirst().orElseThrow();
            Set<String> filters = o.filters().stream().map(p -> p.name()).collect(Collectors.toSet());
            Set<String> expected = f[3].isEmpty() ? Set.of() : Set.of(f[3].split(","));
            assertEquals(expected, filters, f[0]);
            Set<String> ranges = o.filters().stream().filter(p -> p.range()).map(p -> p.name()).collect(Collectors.toSet());
            // the overview also counts nested ranges (status_transitions[posted_at][gte]); top-level ones must agree
            Set<String> tsvRanges = f[4].isEmpty() ? Set.of() : Set.of(f[4].split(","));
            assertTrue(tsvRanges.containsAll(ranges), f[0]);
            assertTrue(ranges.contains("created") == tsvRanges.contains("created"), f[0]);
            assertEquals(f[5].equals("yes"), o.searchPath() != null, f[0]);
            assertEquals(f[7].equals("C"), o.create() != null, f[0] + " create");
        }
        assertEquals(lines.size() - 1 + 3, ObjectRegistry.get().all().size());
    }

    @Test
    void wrappersObjectsHaveWrappersColumns() {
        List<TableDef> tables = new StripeSource().importSchema("stripe", new SourceOptions(Map.of()));
        Map<String, TableDef> byObject = tables.stream().collect(Collectors.toMap(t -> t.options().get("object"), t -> t));
        for (String o : WRAPPERS) {
            TableDef t = byObject.get(o);
            assertNotNull(t, o);
            assertEquals(WrappersTables.columns(o), t.columns(), o);
            assertEquals(o.replace('/', '_'), t.name());
        }
        assertEquals(WRAPPERS, WrappersTables.objects());
        assertEquals(List.of("id", "email", "name", "description", "created", "attrs"),
                byObject.get("customers").columns().stream().map(ColumnDef::name).toList());
        assertEquals(ColumnType.TIMESTAMP, byObject.get("customers").columns().get(4).type());
        assertEquals(List.of("balance_type", "amount", "currency", "attrs"),
                byObject.get("balance").columns().stream().map(ColumnDef::name).toList());
    }

    @Test
    void otherObjectsGetIdScalarsAndAttrs() {
        List<TableDef> tables = new StripeSource().importSchema("stripe", new SourceOptions(Map.of()));
        Map<String, TableDef> byName = tables.stream().collect(Collectors.toMap(TableDef::name, t -> t));
        assertEquals(tables.size(), new HashSet<>(tables.stream().map(TableDef::name).toList()).size(), "table names unique");
        for (String n : List.of("coupons", "payment_methods", "plans", "promotion_codes", "tax_rates", "credit_notes",
                "subscription_items", "invoiceitems", "quotes", "customers_payment_methods", "invoices_lines")) {
            TableDef t = byName.get(n);
            assertNotNull(t, n);
            assertEquals("id", t.columns().get(0).name(), n);
            assertEquals("attrs", t.columns().get(t.columns().size() - 1).name(), n);
            t.columns().forEach(c -> assertTrue(c.name().equals("attrs") || c.type() != ColumnType.JSONB, n + "." + c.name()));
        }
        TableDef coupons = byName.get("coupons");
        assertTrue(coupons.columns().contains(ColumnDef.of("percent_off", ColumnType.NUMERIC)));
        assertTrue(coupons.columns().contains(ColumnDef.of("valid", ColumnType.BOOL)));
        assertTrue(coupons.columns().contains(ColumnDef.of("redeem_by", ColumnType.TIMESTAMP)));
        assertTrue(byName.get("invoices_lines").columns().contains(ColumnDef.of("invoice", ColumnType.TEXT)));
        assertTrue(byName.get("customers_payment_methods").columns().contains(ColumnDef.of("customer", ColumnType.TEXT)));
    }

    @Test
    void nestedAndExpandableShapes() {
        StripeObject pm = ObjectRegistry.get().find("customers/payment_methods").orElseThrow();
        assertEquals("/v1/customers/{customer}/payment_methods", pm.listPath());
        assertEquals("customer", pm.parents().get(0).column());
        StripeObject rev = ObjectRegistry.get().find("transfers/reversals").orElseThrow();
        assertEquals("transfer", rev.parents().get(0).column());
        assertEquals("/v1/transfers/{transfer}/reversals", rev.listPath());
        assertEquals("/v1/transfers/{transfer}/reversals/{id}", rev.retrievePath());
        assertEquals("fee", ObjectRegistry.get().find("application_fees/refunds").orElseThrow().parents().get(0).column());
        StripeObject charges = ObjectRegistry.get().find("/v1/charges").orElseThrow();
        assertEquals(io.wirewrap.stripe.registry.FieldType.TEXT, charges.fields().get("customer"));
        assertEquals(io.wirewrap.stripe.registry.FieldType.JSONB, charges.fields().get("billing_details"));
        assertTrue(ObjectRegistry.get().find("setup_attempts").orElseThrow().filter("setup_intent").orElseThrow().required());
    }

    private static String shape(String path) {
        return path == null ? "" : path.replaceAll("\\{[^}]+}", "{}");
    }
}
