package io.wirewrap.bench.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SortKey;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A fixed suite of scan requests against a seeded emulator (1,000 customers and their object graph), printing
 * for each the requests stripe-source made, the minimum possible (pages of 100 for the rows that match the
 * pushable conditions, one per id for retrieves), and a naive strategy (full scan of the object + local filter,
 * which is what an FDW without pushdown does). Two joins run the way the planner runs a selective join: the outer
 * scan, then the inner object fetched by the outer rows' keys.
 *
 * <p>Run: {@code java -cp <bench classpath> io.wirewrap.bench.source.BenchRequests}
 */
public final class BenchRequests {
    record Case(String name, String object, ScanRequest request, Map<String, String> server, long minimum, String... extraColumns) {}

    /**
     * A join the way the planner runs it when the outer side is selective: scan {@code outer}, then fetch
     * {@code innerObject} by the distinct values of the outer rows' column {@code outerKey} ({@code innerColumn in
     * (...)}, the parameterised scan). Minimum: the outer's minimum plus one request per key where Stripe takes one
     * key per request; naive: both objects listed in full.
     */
    record JoinCase(String name, Case outer, int outerKey, String innerObject, String innerColumn, List<String> innerColumns, long minimum) {}

    public static void main(String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(1000)))) {
            SourceHarness h = new SourceHarness(emu);
            List<Case> cases = cases(emu);
            System.out.printf("%-44s %8s %8s %8s %7s %s%n", "case", "made", "minimum", "naive", "rows", "plan");
            long made = 0, min = 0, naive = 0;
            int n = 0;
            for (Case c : cases) {
                ForeignTable t = h.open(c.object, withDefaults(c.server), c.extraColumns);
                ScanContext ctx = ScanContext.detached();
                ScanPlan p = t.plan(c.request);
                long rows = SourceHarness.drain(t, p, ctx);
                long m = ctx.stats().requests.sum();
                long nv = naive(emu, c.object);
                made += m;
                min += c.minimum;
                naive += nv;
                n++;
                System.out.printf("%-44s %8d %8d %8s %7d %s%n", c.name, m, c.minimum, nv < 0 ? "n/a" : Long.toString(nv), rows,
                        p.explain().get(0).replace("Stripe request: ", ""));
            }
            for (JoinCase j : joins(emu)) {
                ForeignTable outer = h.open(j.outer.object, withDefaults(j.outer.server));
                ScanContext ctx = ScanContext.detached();
                List<Object> keys = new ArrayList<>();
                try (RowStream rs = outer.scan(outer.plan(j.outer.request), ctx)) {
                    for (Object[] row = rs.next(); row != null; row = rs.next()) {
                        if (row[j.outerKey] != null && !keys.contains(row[j.outerKey])) keys.add(row[j.outerKey]);
                    }
                }
                ForeignTable inner = h.open(j.innerObject, withDefaults(Map.of()));
                ScanPlan p = inner.plan(r(j.innerColumns, List.of(new Qual.In(j.innerColumn, keys)), List.of(), null));
                long rows = SourceHarness.drain(inner, p, ctx);
                long m = ctx.stats().requests.sum();
                long nv = naive(emu, j.outer.object) + naive(emu, j.innerObject);
                made += m;
                min += j.minimum;
                naive += nv;
                n++;
                System.out.printf("%-44s %8d %8d %8d %7d %s%n", j.name, m, j.minimum, nv, rows,
                        "outer " + j.outer.object + " -> " + keys.size() + " keys -> " + p.explain().get(0).replace("Stripe request: ", ""));
            }
            System.out.printf("%ncases %d: requests made %d, minimum %d (ratio %.2f), naive %d (naive/made %.1fx)%n", n, made, min,
                    made / (double) min, naive, naive / (double) made);
        }
    }

    /** Joins of a selective outer side to the object it references, fetched by keys. */
    static List<JoinCase> joins(StripeEmulator emu) {
        List<ObjectNode> withEmail = emu.store().list("customer").stream().filter(o -> o.hasNonNull("email")).toList();
        String email = withEmail.get(7).path("email").asText();
        long sameEmail = withEmail.stream().filter(o -> o.path("email").asText().equals(email)).count();
        List<ObjectNode> charges = emu.store().list("charge").stream().filter(o -> o.hasNonNull("customer")).limit(3).toList();
        long chargeCustomers = charges.stream().map(o -> o.path("customer").asText()).distinct().count();
        return List.of(
                new JoinCase("join customers(email = x) -> their charges",
                        new Case("", "customers", r(List.of("id", "email"), List.of(new Qual.Compare("email", CompareOp.EQ, email)), List.of(), null),
                                Map.of(), 1), 0, "charges", "customer", List.of("id", "customer", "amount"), 1 + sameEmail),
                new JoinCase("join charges(id in 3) -> their customers",
                        new Case("", "charges", r(List.of("id", "customer"), List.of(new Qual.In("id",
                                charges.stream().map(o -> (Object) o.path("id").asText()).toList())), List.of(), null), Map.of(), 3),
                        1, "customers", "id", List.of("id", "email"), 3 + chargeCustomers));
    }

    private static Map<String, String> withDefaults(Map<String, String> server) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("rate_limit", "1000"));
        m.putAll(server);
        return m;
    }

    /** Full list of the object at 100 per page (nested objects: every parent's list, so n/a). */
    private static long naive(StripeEmulator emu, String object) {
        String type = switch (object) {
            case "customers" -> "customer";
            case "charges" -> "charge";
            case "invoices" -> "invoice";
            case "payment_intents" -> "payment_intent";
            case "prices" -> "price";
            case "products" -> "product";
            case "subscriptions" -> "subscription";
            case "events" -> "event";
            case "refunds" -> "refund";
            case "balance_transactions" -> "balance_transaction";
            default -> null;
        };
        return type == null ? -1 : Math.max(1, (emu.store().count(type) + 99) / 100);
    }

    private static long pages(long rows) {
        return Math.max(1, (rows + 99) / 100);
    }

    private static long count(StripeEmulator emu, String type, Predicate<ObjectNode> p) {
        return emu.store().list(type).stream().filter(p).count();
    }

    private static ScanRequest r(List<String> cols, List<Qual> quals, List<SortKey> sort, Long limit) {
        return new ScanRequest(cols, quals, sort, limit == null ? OptionalLong.empty() : OptionalLong.of(limit));
    }

    private static LocalDateTime ts(long s) {
        return LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
    }

    static List<Case> cases(StripeEmulator emu) {
        List<ObjectNode> cus = new ArrayList<>(emu.store().list("customer"));
        cus.sort(Comparator.comparingLong((ObjectNode o) -> o.path("created").asLong()).reversed());
        List<String> cols = List.of("id", "email", "name", "created", "attrs");
        String c1 = cus.get(3).path("id").asText(), c2 = cus.get(400).path("id").asText(), c3 = cus.get(800).path("id").asText();
        String email = cus.stream().filter(o -> o.hasNonNull("email")).findFirst().orElseThrow().path("email").asText();
        long tHi = cus.get(100).path("created").asLong(), tLo = cus.get(350).path("created").asLong();
        Map<String, String> none = Map.of(), search = Map.of("search", "auto");
        ObjectNode charge = emu.store().list("charge").get(0);
        ObjectNode inv = emu.store().list("invoice").get(0);
        String product = emu.store().list("product").get(0).path("id").asText();
        String chCustomer = charge.path("customer").asText();
        List<Case> out = new ArrayList<>();
        out.add(new Case("customers id = x", "customers", r(cols, List.of(new Qual.Compare("id", CompareOp.EQ, c1)), List.of(), null), none, 1));
        out.add(new Case("customers id = missing", "customers", r(cols, List.of(new Qual.Compare("id", CompareOp.EQ, "cus_missing")), List.of(), null), none, 1));
        out.add(new Case("customers id in (3 ids)", "customers", r(cols, List.of(new Qual.In("id", List.of(c1, c2, c3))), List.of(), null), none, 3));
        out.add(new Case("customers id in (3 ids) limit 1", "customers", r(cols, List.of(new Qual.In("id", List.of(c1, c2, c3))), List.of(), 1L), none, 1));
        out.add(new Case("customers id = x and name like", "customers", r(cols, List.of(new Qual.Compare("id", CompareOp.EQ, c1),
                new Qual.Like("name", "%a%", false, false)), List.of(), null), none, 1));
        out.add(new Case("customers email = x", "customers", r(cols, List.of(new Qual.Compare("email", CompareOp.EQ, email)), List.of(), null), none, 1));
        out.add(new Case("customers created range (250 rows)", "customers", r(cols, List.of(new Qual.Compare("created", CompareOp.GE, ts(tLo)),
                new Qual.Compare("created", CompareOp.LT, ts(tHi))), List.of(), null), none,
                pages(count(emu, "customer", o -> o.path("created").asLong() >= tLo && o.path("created").asLong() < tHi))));
        out.add(new Case("customers created > x (newest 100)", "customers", r(cols, List.of(new Qual.Compare("created", CompareOp.GT, ts(tHi))),
                List.of(), null), none, pages(count(emu, "customer", o -> o.path("created").asLong() > tHi))));
        out.add(new Case("customers created = x", "customers", r(cols, List.of(new Qual.Compare("created", CompareOp.EQ, ts(tHi))), List.of(), null), none, 1));
        out.add(new Case("customers empty range", "customers", r(cols, List.of(new Qual.Compare("created", CompareOp.GT, ts(tHi)),
                new Qual.Compare("created", CompareOp.LT, ts(tLo))), List.of(), null), none, 0));
        out.add(new Case("customers limit 10", "customers", r(cols, List.of(), List.of(), 10L), none, 1));
        out.add(new Case("customers order by created desc limit 150", "customers", r(cols, List.of(), List.of(SortKey.desc("created")), 150L), none, 2));
        out.add(new Case("customers email = x limit 1", "customers", r(cols, List.of(new Qual.Compare("email", CompareOp.EQ, email)), List.of(), 1L), none, 1));
        out.add(new Case("customers limit 5 + local name like", "customers", r(cols, List.of(new Qual.Like("name", "A%", false, false)), List.of(), 5L),
                none, pages(cus.size())));
        out.add(new Case("customers full scan", "customers", r(cols, List.of(), List.of(), null), none, pages(cus.size())));
        out.add(new Case("customers full scan order by created desc", "customers", r(cols, List.of(), List.of(SortKey.desc("created")), null), none, pages(cus.size())));
        out.add(new Case("customers name like 'Ann%' (search)", "customers", r(cols, List.of(new Qual.Like("name", "Ann%", false, false)), List.of(), null),
                search, 1));
        out.add(new Case("customers metadata k = v (search)", "customers", r(cols, List.of(new Qual.JsonPathEquals("attrs", List.of("metadata", "segment"), "vip")),
                List.of(), null), search, 1));
        out.add(new Case("charges customer = x", "charges", r(List.of("id", "customer", "amount"), List.of(new Qual.Compare("customer", CompareOp.EQ, chCustomer)),
                List.of(), null), none, 1));
        out.add(new Case("charges customer in (2)", "charges", r(List.of("id", "customer"), List.of(new Qual.In("customer", List.of(chCustomer, c2))),
                List.of(), null), none, 2));
        out.add(new Case("charges payment_intent = x", "charges", r(List.of("id", "payment_intent"), List.of(new Qual.Compare("payment_intent", CompareOp.EQ,
                charge.path("payment_intent").asText())), List.of(), null), none, 1));
        out.add(new Case("charges amount > 5000 (search)", "charges", r(List.of("id", "amount"), List.of(new Qual.Compare("amount", CompareOp.GT, 5000L)),
                List.of(), null), search, pages(count(emu, "charge", o -> o.path("amount").asLong() > 5000))));
        out.add(new Case("invoices status = paid", "invoices", r(List.of("id", "status"), List.of(new Qual.Compare("status", CompareOp.EQ, "paid")),
                List.of(), null), none, pages(count(emu, "invoice", o -> "paid".equals(o.path("status").asText())))));
        out.add(new Case("invoices customer = x and status = open", "invoices", r(List.of("id", "customer", "status"),
                List.of(new Qual.Compare("customer", CompareOp.EQ, inv.path("customer").asText()), new Qual.Compare("status", CompareOp.EQ, "open")),
                List.of(), null), none, 1));
        out.add(new Case("invoices status = 'bogus' (kept local)", "invoices", r(List.of("id", "status"), List.of(new Qual.Compare("status", CompareOp.EQ, "bogus")),
                List.of(), null), none, pages(emu.store().count("invoice"))));
        out.add(new Case("prices product = x and active", "prices", r(List.of("id", "product", "active"), List.of(new Qual.Compare("product", CompareOp.EQ, product),
                new Qual.Compare("active", CompareOp.EQ, true)), List.of(), null), none, 1));
        out.add(new Case("products active = true", "products", r(List.of("id", "active"), List.of(new Qual.Compare("active", CompareOp.EQ, true)),
                List.of(), null), none, pages(count(emu, "product", o -> o.path("active").asBoolean()))));
        List<ObjectNode> products = emu.store().list("product");
        out.add(new Case("products id in (3 ids)", "products", r(List.of("id", "name"), List.of(new Qual.In("id", List.of(
                products.get(0).path("id").asText(), products.get(1).path("id").asText(), products.get(2).path("id").asText()))),
                List.of(), null), none, 1));
        String lookupKey = emu.store().list("price").stream().filter(o -> o.hasNonNull("lookup_key")).findFirst().orElseThrow()
                .path("lookup_key").asText();
        out.add(new Case("prices lookup_key = x", "prices", r(List.of("id", "lookup_key"), List.of(new Qual.Compare("lookup_key", CompareOp.EQ,
                lookupKey)), List.of(), null), none, 1, "lookup_key"));
        out.add(new Case("subscriptions customer = x", "subscriptions", r(List.of("id", "customer"), List.of(new Qual.Compare("customer", CompareOp.EQ,
                emu.store().list("subscription").get(0).path("customer").asText())), List.of(), null), none, 1));
        out.add(new Case("invoices/lines invoice = x", "invoices/lines", r(List.of("id", "invoice"), List.of(new Qual.Compare("invoice", CompareOp.EQ,
                inv.path("id").asText())), List.of(), null), none, 1));
        out.add(new Case("customers/payment_methods customer = x", "customers/payment_methods", r(List.of("id", "customer"),
                List.of(new Qual.Compare("customer", CompareOp.EQ, c1)), List.of(), null), none, 1));
        out.add(new Case("balance", "balance", r(List.of("balance_type", "amount", "currency"), List.of(), List.of(), null), none, 1));
        return out;
    }
}
