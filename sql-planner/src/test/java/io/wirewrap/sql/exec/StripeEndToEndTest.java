package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.Settings;
import io.wirewrap.stripe.StripeSource;
import io.wirewrap.stripe.registry.WrappersTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine over the real Stripe source talking HTTP to the stripe-emulator: what requests a query costs. */
class StripeEndToEndTest {
    static StripeEmulator emu;
    static final Map<String, ForeignTable> tables = new HashMap<>();
    SessionContext session;
    final QueryHandler handler = new QueryHandler();

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(150)));
        var source = new StripeSource();
        var server = new SourceOptions(Map.of("api_key", emu.apiKey(), "api_url", emu.baseUrl(), "rate_limit", "1000"));
        for (String object : List.of("customers", "charges")) {
            tables.put(object, source.open(new TableDef(object, WrappersTables.columns(object), Map.of("object", object, "rowid_column", "id")), server));
        }
        // nested objects as IMPORT FOREIGN SCHEMA defines them (parent column, rowid_column)
        for (TableDef def : source.importSchema("stripe", server)) {
            if (List.of("customers_tax_ids", "customers_balance_transactions", "invoices", "invoices_lines", "prices").contains(def.name())) {
                tables.put(def.name(), source.open(def, server));
            }
        }
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void session() {
        var services = new EngineServices(null);
        services.register(ForeignTableResolver.class, (schema, name, s) ->
                (schema == null || schema.equals("stripe")) && tables.containsKey(name)
                        ? Optional.of(new ResolvedForeignTable("stripe", tables.get(name), tables.get(name).definition(), 50000 + name.length()))
                        : Optional.empty());
        session = new SessionContext(new SessionInfo("alice", "postgres", Map.of(), 1), true, services, new Settings());
        emu.clearRequestLog();
    }

    private List<Object[]> rows(String sql) {
        try (QueryResult r = handler.prepare(sql, new int[0], session).orElseThrow().execute(List.of(), Fixtures.ctx())) {
            List<Object[]> out = new ArrayList<>();
            for (Object[] row = r.next(); row != null; row = r.next()) out.add(row);
            return out;
        }
    }

    private List<String> requests() {
        return emu.requestLog().stream().map(r -> r.method() + " " + r.path() + query(r)).toList();
    }

    private static String query(LoggedRequest r) {
        if (r.query() == null || r.query().isEmpty()) return "";
        StringBuilder b = new StringBuilder("?");
        r.query().forEach((k, vs) -> vs.forEach(v -> b.append(b.length() > 1 ? "&" : "").append(k).append('=').append(v)));
        return b.toString();
    }

    @Test
    void lookupByIdIsOneRetrieveStreamedToTheClient() {
        String id = (String) rows("select id from stripe.customers order by id limit 1").get(0)[0];
        emu.clearRequestLog();
        var q = handler.prepare("select id, email, created from stripe.customers where id = '" + id + "'", new int[0], session).orElseThrow();
        assertEquals(List.of(25, 25, 1114), q.describe().stream().map(ResultColumn::typeOid).toList());
        try (QueryResult r = q.execute(List.of(), Fixtures.ctx())) {
            assertTrue(r instanceof FastResult);
            assertEquals(id, r.next()[0]);
        }
        assertEquals(List.of("GET /v1/customers/" + id), requests());
    }

    @Test
    void joinOnCustomerFetchesChargesByCustomerInsteadOfListingAll() {
        chargesFetchedByCustomer(email -> "select ch.id, ch.amount from stripe.customers k join stripe.charges ch on ch.customer = k.id "
                + "where k.email = '" + email + "' order by ch.id");
    }

    @Test
    void inSubqueryFetchesChargesByTheSubquerysCustomers() {
        String email = chargesFetchedByCustomer(e -> "select id, amount from stripe.charges where customer in "
                + "(select id from stripe.customers where email = '" + e + "') order by id");
        long chargesOfCustomer = (Long) rows("select count(*) from stripe.charges where customer in "
                + "(select id from stripe.customers where email = '" + email + "')").get(0)[0];
        // not in needs every charge: no shortcut there
        emu.clearRequestLog();
        long others = (Long) rows("select count(*) from stripe.charges where customer not in "
                + "(select id from stripe.customers where email = '" + email + "')").get(0)[0];
        assertEquals(emu.store().count("charge") - chargesOfCustomer, others);
    }

    @Test
    void aBooleanColumnAloneIsItsListFilter() {
        long active = emu.store().list("price").stream().filter(p -> p.path("active").asBoolean()).count();
        long inactive = emu.store().count("price") - active;
        assertEquals(active, (Long) rows("select count(*) from stripe.prices where active").get(0)[0]);
        assertEquals(List.of("GET /v1/prices?active=true&limit=100"), requests());
        emu.clearRequestLog();
        assertEquals(inactive, (Long) rows("select count(*) from stripe.prices where not active").get(0)[0]);
        assertEquals(List.of("GET /v1/prices?active=false&limit=100"), requests());
        emu.clearRequestLog();
        assertEquals(active, (long) rows("select id from stripe.prices where (active) and currency is not null").size());
        assertTrue(requests().stream().allMatch(r -> r.contains("active=true")), requests().toString());
    }

    @Test
    void aNestedListJoinedToItsParentIsFetchedPerParent() {
        // invoice lines cannot be listed without their invoice: the join hands the invoice ids over as keys
        String customer = (String) rows("select customer from stripe.invoices order by id limit 1").get(0)[0];
        List<String> invoiceIds = rows("select id from stripe.invoices where customer = '" + customer + "' order by id").stream()
                .map(r -> (String) r[0]).toList();
        emu.clearRequestLog();
        List<Object[]> got = rows("select i.id, l.id from stripe.invoices i join stripe.invoices_lines l on l.invoice = i.id "
                + "where i.customer = '" + customer + "' order by 1, 2");
        long expected = emu.store().list("invoice").stream().filter(i -> invoiceIds.contains(i.path("id").asText()))
                .mapToLong(i -> i.path("lines").path("data").size()).sum();
        assertTrue(expected > 0);
        assertEquals(expected, got.size());
        List<String> reqs = requests();
        assertEquals(1 + invoiceIds.size(), reqs.size(), reqs.toString());
        for (String id : invoiceIds) assertTrue(reqs.contains("GET /v1/invoices/" + id + "/lines?limit=100"), reqs.toString());
        // the same through IN (subquery), and alone the table still says what it needs
        assertEquals(expected, (Long) rows("select count(*) from stripe.invoices_lines where invoice in "
                + "(select id from stripe.invoices where customer = '" + customer + "')").get(0)[0]);
        // EXPLAIN, before any outer row exists, names where the keys come from rather than a stand-in value
        String plan = rows("explain select i.id, l.id from stripe.invoices i join stripe.invoices_lines l on l.invoice = i.id "
                + "where i.customer = '" + customer + "'").stream().map(r -> (String) r[0]).collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(plan.contains("Source: Stripe request: GET /v1/invoices/<i.id>/lines?limit=100"), plan);
        assertTrue(plan.contains("keys estimated"), plan);
        assertFalse(plan.contains("ww_key"), plan);
        var alone = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> rows("select count(*) from stripe.invoices_lines"));
        assertTrue(alone.getMessage().contains("needs a value for column \"invoice\""), alone.getMessage());
    }

    /**
     * Runs the query {@code sql} builds for one customer's email: Stripe is asked for that customer's charges only (never
     * every charge), and the rows equal those of {@code where customer = <id>}. Returns the email.
     */
    private String chargesFetchedByCustomer(java.util.function.Function<Object, String> sql) {
        Object[] c = rows("select id, email from stripe.customers where email is not null order by id limit 1").get(0);
        emu.clearRequestLog();
        List<Object[]> got = rows(sql.apply(c[1]));
        List<String> reqs = requests();
        assertTrue(reqs.stream().anyMatch(r -> r.startsWith("GET /v1/charges") && r.contains("customer=" + c[0])), reqs.toString());
        assertTrue(reqs.stream().noneMatch(r -> r.startsWith("GET /v1/charges") && !r.contains("customer=")), reqs.toString());
        List<Object[]> direct = rows("select id, amount from stripe.charges where customer = '" + c[0] + "' order by id");
        assertEquals(direct.size(), got.size());
        for (int i = 0; i < direct.size(); i++) assertEquals(List.of(direct.get(i)), List.of(got.get(i)));
        return (String) c[1];
    }

    @Test
    void aggregatesAndJsonRunLocallyOverStreamedPages() {
        Object[] r = rows("select count(*), count(distinct attrs->>'object'), min(created) < now() from stripe.customers").get(0);
        assertEquals(150L, r[0]);
        assertEquals(1L, r[1]);
        assertEquals(true, r[2]);
        emu.clearRequestLog();
        List<String> plan = rows("explain analyze select count(*) from stripe.customers").stream().map(x -> (String) x[0]).toList();
        int sent = emu.requestLog().size();
        assertTrue(plan.stream().anyMatch(l -> l.contains("Requests: " + sent + " ")), sent + " requests; plan:\n" + String.join("\n", plan));
    }

    @Test
    void limitWithComputedColumnsIsPushedToStripe() {
        List<Object[]> newest = rows("select id, amount from stripe.charges order by created desc limit 160");
        emu.clearRequestLog();
        List<Object[]> three = rows("select id, amount * 2 from stripe.charges order by created desc limit 3");
        assertEquals(List.of("GET /v1/charges?limit=3"), requests());
        for (int i = 0; i < 3; i++) {
            assertEquals(newest.get(i)[0], three.get(i)[0]);
            assertEquals(((Number) newest.get(i)[1]).longValue() * 2, ((Number) three.get(i)[1]).longValue());
        }

        emu.clearRequestLog();
        List<Object[]> paged = rows("select upper(id) from stripe.charges order by created desc limit 20 offset 140");
        assertEquals(20, paged.size());
        assertEquals(((String) newest.get(140)[0]).toUpperCase(java.util.Locale.ROOT), paged.get(0)[0]);
        assertEquals(2, requests().size(), "160 rows: two pages, " + requests());
        assertTrue(requests().get(1).contains("limit=60"), requests().toString());

        List<String> plan = rows("explain select id, amount * 2 from stripe.charges limit 3").stream().map(x -> (String) x[0]).toList();
        assertTrue(plan.stream().anyMatch(l -> l.contains("Limit: pushed")), String.join("\n", plan));

        // a condition the source cannot take must see more than the first rows: no cap then
        emu.clearRequestLog();
        rows("select id from stripe.charges where amount * 2 > 100 limit 3");
        assertTrue(requests().stream().allMatch(r -> r.contains("limit=100")), requests().toString());
    }

    @Test
    void createdSinceNowMinusAnIntervalIsPushedAsALowerBoundAndRechecked() {
        long now = java.time.Instant.now().getEpochSecond();
        var template = emu.store().list("customer").get(0);
        Map<String, Long> recent = Map.of("cus_recent1day", now - 86_400, "cus_recent10days", now - 10 * 86_400,
                "cus_recent30days5h", now - 30 * 86_400 - 5 * 3600, "cus_recent40days", now - 40 * 86_400);
        recent.forEach((id, created) -> emu.store().put(template.deepCopy().put("id", id).put("created", created)));
        try {
            for (String where : List.of("created > now() - interval '30 days'", "now() - '30 days'::interval < created",
                    "created between current_timestamp - interval '30' day and now() + interval '1 day'")) {
                emu.clearRequestLog();
                List<Object> ids = rows("select id from stripe.customers where " + where + " order by id").stream().map(r -> r[0]).toList();
                // the seeded customers are all older than 2025: only the two recent ones qualify
                assertEquals(List.of("cus_recent10days", "cus_recent1day"), ids, where);
                List<String> reqs = requests();
                assertEquals(1, reqs.size(), where + ": " + reqs);
                long gte = Long.parseLong(reqs.get(0).replaceAll(".*created\\[gte\\]=(\\d+).*", "$1"));
                // 30 days plus the 26-hour margin before now: the 30-days-5-hours customer is fetched and filtered out
                assertTrue(Math.abs(gte - (now - 30 * 86_400 - 26 * 3600)) < 120, where + ": " + reqs);
            }
            // an upper bound from now() stays local (a later now() could admit more rows than a bound computed earlier):
            // every customer but the two recent ones
            assertEquals(150L + 2, rows("select count(*) from stripe.customers where created < now() - interval '30 days'").get(0)[0]);
        } finally {
            recent.keySet().forEach(emu.store()::remove);
        }
    }

    /** A charge with a customer that has an email, and that customer: (charge id, customer id, email). */
    private static String[] chargeWithCustomerEmail() {
        for (var ch : emu.store().list("charge")) {
            String cus = ch.path("customer").asText(null);
            if (cus == null) continue;
            var k = emu.store().list("customer").stream().filter(x -> x.path("id").asText().equals(cus)).findFirst().orElseThrow();
            if (k.hasNonNull("email")) return new String[] {ch.path("id").asText(), cus, k.path("email").asText()};
        }
        throw new AssertionError("no charge with a customer email in the seed");
    }

    @Test
    void pathIntoTheCustomerExpandsItInTheOneListRequest() {
        String[] c = chargeWithCustomerEmail();
        List<Object[]> rows = rows("select id, attrs->'customer'->>'email', customer from stripe.charges where customer = '" + c[1] + "'");
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(c[0])));
        for (Object[] r : rows) {
            assertEquals(c[2], r[1]);
            assertEquals(c[1], r[2], "the customer column still holds the id");
        }
        assertEquals(List.of("GET /v1/charges?customer=" + c[1] + "&limit=100&expand[]=data.customer"), requests());

        emu.clearRequestLog();
        rows("select id, attrs->>'amount', attrs->'customer' from stripe.charges where customer = '" + c[1] + "'");
        assertEquals(List.of("GET /v1/charges?customer=" + c[1] + "&limit=100"), requests(), "no path inside a reference, no expand");

        List<String> plan = rows("explain select id from stripe.charges where customer = '" + c[1] + "' and attrs #>> '{customer,email}' like '%@%'")
                .stream().map(x -> (String) x[0]).toList();
        assertTrue(plan.stream().anyMatch(l -> l.contains("GET /v1/charges?customer=" + c[1] + "&limit=100&expand[]=data.customer")),
                String.join("\n", plan));
    }

    @Test
    void retrieveAndJoinsExpandPerTableAlias() {
        String[] c = chargeWithCustomerEmail();
        List<Object[]> one = rows("select customer, attrs #>> '{customer,email}' from stripe.charges where id = '" + c[0] + "'");
        assertEquals(1, one.size());
        assertEquals(c[1], one.get(0)[0]);
        assertEquals(c[2], one.get(0)[1]);
        assertEquals(List.of("GET /v1/charges/" + c[0] + "?expand[]=customer"), requests());

        emu.clearRequestLog();
        List<Object[]> joined = rows("select k.email, ch.id from stripe.customers k join stripe.charges ch on ch.customer = k.id "
                + "where k.id = '" + c[1] + "' order by ch.attrs->'payment_intent'->>'status'");
        assertTrue(joined.stream().anyMatch(r -> r[1].equals(c[0])));
        List<String> reqs = requests();
        assertTrue(reqs.contains("GET /v1/customers/" + c[1]), reqs.toString());
        assertTrue(reqs.stream().filter(r -> r.startsWith("GET /v1/charges")).allMatch(r -> r.endsWith("&expand[]=data.payment_intent")),
                reqs.toString());
    }

    @Test
    void deleteOfANestedObjectAddressesItUnderItsParent() {
        String customer = emu.store().list("customer").getFirst().path("id").asText();
        String txi = (String) rows("insert into stripe.customers_tax_ids (customer, type, value) values ('" + customer
                + "', 'eu_vat', 'DE123456789') returning id").getFirst()[0];
        emu.clearRequestLog();
        List<Object[]> gone = rows("delete from stripe.customers_tax_ids where customer = '" + customer + "' and id = '" + txi + "' returning id, customer");
        assertEquals(1, gone.size());
        assertEquals(txi, gone.getFirst()[0]);
        assertEquals(List.of("GET /v1/customers/" + customer + "/tax_ids/" + txi, "DELETE /v1/customers/" + customer + "/tax_ids/" + txi), requests());
        assertTrue(rows("select id from stripe.customers_tax_ids where customer = '" + customer + "'").isEmpty());

        // without the parent the rows cannot be listed, as for a read: the error names the column, nothing is deleted
        emu.clearRequestLog();
        FdwException noParent = assertThrows(FdwException.class, () -> rows("delete from stripe.customers_tax_ids where id = 'txi_1'"));
        assertEquals("HV002", noParent.sqlState());
        assertTrue(noParent.getMessage().contains("\"customer\""), noParent.getMessage());
        assertTrue(requests().stream().noneMatch(r -> r.startsWith("DELETE")), requests().toString());
    }

    @Test
    void updateOfNestedObjectsFoundByTheirParent() {
        String customer = emu.store().list("customer").get(1).path("id").asText();
        List<Object[]> made = rows("insert into stripe.customers_balance_transactions (customer, amount, currency) values ('" + customer
                + "', -500, 'usd'), ('" + customer + "', 300, 'usd') returning id");
        emu.clearRequestLog();
        List<Object[]> updated = rows("update stripe.customers_balance_transactions set description = 'goodwill', "
                + "attrs = '{\"metadata\": {\"reason\": \"late\"}}' where customer = '" + customer + "' returning id, customer, description");
        assertEquals(2, updated.size());
        for (Object[] r : updated) {
            assertEquals(customer, r[1]);
            assertEquals("goodwill", r[2]);
        }
        List<String> posts = requests().stream().filter(r -> r.startsWith("POST")).sorted().toList();
        assertEquals(made.stream().map(r -> "POST /v1/customers/" + customer + "/balance_transactions/" + r[0]).sorted().toList(), posts);
        for (Object[] r : made) {
            var stored = emu.store().get((String) r[0]).orElseThrow();
            assertEquals("goodwill", stored.path("description").asText());
            assertEquals("late", stored.path("metadata").path("reason").asText());
        }
    }
}
