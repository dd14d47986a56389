package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.JsonPathRef;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code expand[]}: sent when a JSON path on attrs goes inside a reference, or by the expand option; never otherwise. */
class ExpandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** id, customer, attrs of the wrappers charges table. */
    static final List<String> COLS = List.of("id", "customer", "attrs");
    static final List<JsonPathRef> CUSTOMER_EMAIL = List.of(new JsonPathRef("attrs", List.of("customer", "email")));

    @AutoClose
    static Fixture fx;
    static ObjectNode charge;
    static ObjectNode customer;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(5));
        charge = fx.emu.store().list("charge").stream().filter(c -> c.path("customer").isTextual()).findFirst().orElseThrow();
        customer = fx.emu.store().list("customer").stream()
                .filter(c -> c.path("id").asText().equals(charge.path("customer").asText())).findFirst().orElseThrow();
    }

    @BeforeEach
    void clear() {
        fx.emu.clearRequestLog();
    }

    private static ScanRequest byCustomer(List<JsonPathRef> paths) {
        return req(COLS, new Qual.Compare("customer", CompareOp.EQ, customer.path("id").asText())).withJsonPaths(paths);
    }

    private static JsonNode attrs(Object[] row) throws Exception {
        return JSON.readTree((String) row[2]);
    }

    @Test
    void pathInsideCustomerExpandsItInTheSameListRequest() throws Exception {
        ForeignTable t = fx.table("charges");
        ScanPlan p = t.plan(byCustomer(CUSTOMER_EMAIL));
        String cus = customer.path("id").asText();
        String url = "GET /v1/charges?customer=" + cus + "&limit=100&expand[]=data.customer";
        assertEquals("Stripe request: " + url + " (then starting_after=<last id> while has_more)",
                p.explain().get(0));
        List<Object[]> rows = rows(t, p);
        assertFalse(rows.isEmpty());
        for (Object[] r : rows) {
            assertEquals(cus, r[1], "the customer column keeps the id");
            assertEquals(customer.path("email").asText(), attrs(r).path("customer").path("email").asText());
        }
        assertEquals(List.of(url), fx.requests());
    }

    @Test
    void noPathOrAPathOutsideReferencesSendsNoExpand() throws Exception {
        ForeignTable t = fx.table("charges");
        String cus = customer.path("id").asText();
        List<JsonPathRef> outside = List.of(new JsonPathRef("attrs", List.of("customer")),
                new JsonPathRef("attrs", List.of("billing_details", "address", "city")),
                new JsonPathRef("attrs", List.of("metadata", "customer")));
        for (List<JsonPathRef> paths : List.of(List.<JsonPathRef>of(), outside)) {
            fx.emu.clearRequestLog();
            List<Object[]> rows = rows(t, t.plan(byCustomer(paths)));
            assertFalse(rows.isEmpty());
            assertEquals(cus, attrs(rows.get(0)).path("customer").asText());
            assertEquals(List.of("GET /v1/charges?customer=" + cus + "&limit=100"), fx.requests());
        }
    }

    @Test
    void aReferenceTheStatementAlsoReadsAsItsIdIsNotExpanded() throws Exception {
        // where attrs->>'customer' = 'cus_…' and select attrs->'customer'->>'email': expanded, the id comparison would
        // see an object and drop every row; the id wins and the email is null, as without expand
        ForeignTable t = fx.table("charges");
        List<JsonPathRef> both = List.of(new JsonPathRef("attrs", List.of("customer")), CUSTOMER_EMAIL.get(0));
        List<Object[]> rows = rows(t, t.plan(byCustomer(both)));
        assertFalse(rows.isEmpty());
        assertEquals(customer.path("id").asText(), attrs(rows.get(0)).path("customer").asText());
        assertTrue(fx.requests().stream().noneMatch(r -> r.contains("expand")), fx.requests().toString());
    }

    @Test
    void withoutAttrsThereIsNothingToExpandInto() {
        ForeignTable t = fx.table("charges");
        ScanRequest r = req(List.of("id", "customer"), new Qual.Compare("customer", CompareOp.EQ, customer.path("id").asText()))
                .withJsonPaths(CUSTOMER_EMAIL);
        rows(t, t.plan(r));
        assertTrue(fx.requests().stream().noneMatch(l -> l.contains("expand")), fx.requests().toString());
    }

    @Test
    void retrievesExpandWithoutTheDataPrefix() throws Exception {
        ForeignTable t = fx.table("charges");
        String id = charge.path("id").asText();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, id)).withJsonPaths(CUSTOMER_EMAIL));
        assertEquals("Stripe request: GET /v1/charges/" + id + "?expand[]=customer", p.explain().get(0));
        List<Object[]> rows = rows(t, p);
        assertEquals(1, rows.size());
        assertEquals(customer.path("id").asText(), rows.get(0)[1]);
        assertEquals(customer.path("email").asText(), attrs(rows.get(0)).path("customer").path("email").asText());
        assertEquals(List.of("GET /v1/charges/" + id + "?expand[]=customer"), fx.requests());

        // parallel retrieves each carry it
        List<String> ids = fx.emu.store().list("charge").stream().limit(3).map(c -> c.path("id").asText()).toList();
        fx.emu.clearRequestLog();
        List<Object[]> many = rows(t, t.plan(req(COLS, new Qual.In("id", List.copyOf(ids))).withJsonPaths(CUSTOMER_EMAIL)));
        assertEquals(3, many.size());
        assertEquals(ids.stream().map(i -> "GET /v1/charges/" + i + "?expand[]=customer").sorted().toList(),
                fx.requests().stream().sorted().toList());
        for (Object[] r : many) assertTrue(attrs(r).path("customer").isObject());
    }

    @Test
    void nestedReferencesExpandThroughEachLevel() throws Exception {
        ForeignTable t = fx.table("charges");
        String id = charge.path("id").asText();
        List<JsonPathRef> paths = List.of(new JsonPathRef("attrs", List.of("payment_intent", "customer", "email")));
        List<Object[]> rows = rows(t, t.plan(req(COLS, new Qual.Compare("customer", CompareOp.EQ, customer.path("id").asText()))
                .withJsonPaths(paths)));
        assertEquals(List.of("GET /v1/charges?customer=" + customer.path("id").asText() + "&limit=100&expand[]=data.payment_intent.customer"),
                fx.requests());
        JsonNode first = attrs(rows.get(0));
        assertEquals(customer.path("email").asText(), first.path("payment_intent").path("customer").path("email").asText());
        fx.emu.clearRequestLog();
        rows(t, t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, id)).withJsonPaths(paths)));
        assertEquals(List.of("GET /v1/charges/" + id + "?expand[]=payment_intent.customer"), fx.requests());
    }

    @Test
    void inlineObjectsAreWalkedAndDepthStopsAtStripesLimit() {
        ForeignTable t = fx.table("charges");
        List<JsonPathRef> paths = List.of(new JsonPathRef("attrs", List.of("transfer_data", "destination", "email")),
                new JsonPathRef("attrs", List.of("invoice", "subscription", "latest_invoice", "customer", "email")));
        assertEquals("Stripe request: GET /v1/charges?limit=100&expand[]=data.transfer_data.destination"
                        + "&expand[]=data.invoice.subscription.latest_invoice (then starting_after=<last id> while has_more)",
                t.plan(req(COLS).withJsonPaths(paths)).explain().get(0));
        assertEquals("Stripe request: GET /v1/charges/ch_1?expand[]=transfer_data.destination"
                        + "&expand[]=invoice.subscription.latest_invoice.customer",
                t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, "ch_1")).withJsonPaths(paths)).explain().get(0));
    }

    @Test
    void searchPagesExpandToo() throws Exception {
        ForeignTable t = fx.table("charges", Map.of("search", "auto"));
        long amount = charge.path("amount").asLong();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("amount", CompareOp.EQ, amount)).withJsonPaths(CUSTOMER_EMAIL));
        assertEquals("Stripe request: GET /v1/charges/search?query=amount%3A" + amount + "&limit=100&expand[]=data.customer"
                + " (then page=<next_page>)", p.explain().get(0));
        List<Object[]> rows = rows(t, p);
        Object[] mine = rows.stream().filter(r -> r[0].equals(charge.path("id").asText())).findFirst().orElseThrow();
        assertEquals(customer.path("id").asText(), mine[1]);
        assertEquals(customer.path("email").asText(), attrs(mine).path("customer").path("email").asText());
        var logged = fx.emu.requestLog().get(0);
        assertEquals("/v1/charges/search", logged.path());
        assertEquals(List.of("data.customer"), logged.query().get("expand[]"));
    }

    @Test
    void tableOptionExpandsWithoutAnyPath() throws Exception {
        ForeignTable t = fx.table("charges", Map.of("expand", "customer, payment_intent"));
        String cus = customer.path("id").asText();
        ScanPlan p = t.plan(req(COLS, new Qual.Compare("customer", CompareOp.EQ, cus)));
        String url = "GET /v1/charges?customer=" + cus + "&limit=100&expand[]=data.customer&expand[]=data.payment_intent";
        assertTrue(p.explain().get(0).startsWith("Stripe request: " + url), p.explain().get(0));
        List<Object[]> rows = rows(t, p);
        assertEquals(cus, rows.get(0)[1]);
        assertTrue(attrs(rows.get(0)).path("customer").isObject());
        assertTrue(attrs(rows.get(0)).path("payment_intent").isObject());
        assertEquals(List.of(url), fx.requests());
    }

    @Test
    void serverOptionAppliesWhereTheObjectHasTheField() {
        ForeignTable charges = fx.tableWith("charges", Map.of("expand", "customer"));
        ForeignTable products = fx.tableWith("products", Map.of("expand", "customer"));
        assertTrue(charges.plan(req(COLS)).explain().get(0).contains("&expand[]=data.customer"));
        assertFalse(products.plan(req(List.of("id", "attrs"))).explain().get(0).contains("expand"));
    }

    @Test
    void unknownOptionFieldIsRefusedAtDdlTime() {
        FdwException e = assertThrows(FdwException.class, () -> fx.source.validateOptions(OptionScope.FOREIGN_TABLE,
                Map.of("object", "charges", "expand", "customer,amount")));
        assertEquals("HV024", e.sqlState());
        assertTrue(e.getMessage().contains("\"amount\" is not an expandable field of Stripe object \"charges\""), e.getMessage());
        assertTrue(e.hint().contains("customer"), e.hint());
        FdwException syntax = assertThrows(FdwException.class, () -> fx.source.validateOptions(OptionScope.SERVER,
                Map.of("expand", "customer;drop")));
        assertEquals("HV024", syntax.sqlState());
        fx.source.validateOptions(OptionScope.FOREIGN_TABLE, Map.of("object", "charges", "expand", "payment_intent.customer"));
        fx.source.validateOptions(OptionScope.SERVER, Map.of("expand", "customer"));
    }
}
