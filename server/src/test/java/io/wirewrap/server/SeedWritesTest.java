package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every seed write operation of the issue, as a user types it through pgjdbc against the whole product, each checked
 * on the emulator's stored state afterwards.
 */
class SeedWritesTest {
    private static FullStack stack;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        stack = new FullStack(20, "pw");
        conn = stack.jdbc();
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        stack.close();
    }

    @BeforeEach
    void calm() {
        stack.emulator.faults().reset();
    }

    private static String one(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static ObjectNode stored(String id) {
        return stack.emulator.store().get(id).orElseThrow(() -> new AssertionError("emulator has no " + id));
    }

    private static String customer() throws SQLException {
        return one("insert into stripe.customers (email, name) values ('seed@example.com', 'Seed') returning id");
    }

    private static String price() throws SQLException {
        String product = one("insert into stripe.products (name) values ('Plan') returning id");
        return one("insert into stripe.prices (product, currency, unit_amount, attrs) values ('" + product
                + "', 'usd', 1500, '{\"recurring\": {\"interval\": \"month\"}}') returning id");
    }

    @Test
    void customersInsertUpdateDelete() throws SQLException {
        String id = one("insert into stripe.customers (email, name, attrs) values ('a@example.com', 'Ann', '{\"metadata\": {\"tier\": \"gold\"}}') returning id");
        assertEquals("a@example.com", stored(id).path("email").asText());
        assertEquals("gold", stored(id).path("metadata").path("tier").asText());
        assertEquals("Anne", one("update stripe.customers set name = 'Anne' where id = '" + id + "' returning name"));
        assertEquals("Anne", stored(id).path("name").asText());
        assertEquals(id, one("delete from stripe.customers where id = '" + id + "' returning id"));
        assertTrue(stack.emulator.store().get(id).isEmpty() || stored(id).path("deleted").asBoolean());
    }

    @Test
    void nestedTaxIdAndBalanceTransactionAddressedUnderTheirCustomer() throws SQLException {
        String cus = customer();
        String txi = one("insert into stripe.customers_tax_ids (customer, type, value) values ('" + cus + "', 'eu_vat', 'DE123456789') returning id");
        assertEquals(cus, stored(txi).path("customer").asText());
        String cbtxn = one("insert into stripe.customers_balance_transactions (customer, amount, currency) values ('" + cus + "', -500, 'usd') returning id");
        assertEquals("goodwill", one("update stripe.customers_balance_transactions set description = 'goodwill' where customer = '" + cus
                + "' and id = '" + cbtxn + "' returning description"));
        assertEquals("goodwill", stored(cbtxn).path("description").asText());
        stack.emulator.clearRequestLog();
        assertEquals(txi, one("delete from stripe.customers_tax_ids where customer = '" + cus + "' and id = '" + txi + "' returning id"));
        assertEquals(List.of("/v1/customers/" + cus + "/tax_ids/" + txi), stack.emulator.requestLog().stream()
                .filter(r -> r.method().equals("DELETE")).map(r -> r.path()).toList());
        assertTrue(stack.emulator.store().get(txi).isEmpty() || stored(txi).path("deleted").asBoolean());
    }

    @Test
    void productsInsertUpdateDelete() throws SQLException {
        String id = one("insert into stripe.products (name, description) values ('Widget', 'A widget') returning id");
        assertEquals("Widget", stored(id).path("name").asText());
        one("update stripe.products set active = false where id = '" + id + "' returning id");
        assertFalse(stored(id).path("active").asBoolean());
        one("delete from stripe.products where id = '" + id + "' returning id");
        assertTrue(stack.emulator.store().get(id).isEmpty() || stored(id).path("deleted").asBoolean());
    }

    @Test
    void pricesCreateAndUpdate() throws SQLException {
        String id = price();
        assertEquals(1500, stored(id).path("unit_amount").asLong());
        assertEquals("month", stored(id).path("recurring").path("interval").asText());
        one("update stripe.prices set active = false, attrs = '{\"nickname\": \"old\"}' where id = '" + id + "' returning id");
        assertFalse(stored(id).path("active").asBoolean());
        assertEquals("old", stored(id).path("nickname").asText());
    }

    @Test
    void subscriptionsCreateUpdateCancel() throws SQLException {
        String customer = customer();
        String price = price();
        String id = one("insert into stripe.subscriptions (customer, attrs) values ('" + customer + "', '{\"items\": [{\"price\": \"" + price
                + "\"}], \"default_payment_method\": \"pm_card_visa\"}') returning id");
        assertEquals(customer, stored(id).path("customer").asText());
        assertEquals(price, stored(id).path("items").path("data").get(0).path("price").path("id").asText());
        one("update stripe.subscriptions set attrs = '{\"metadata[seat]\": \"7\"}' where id = '" + id + "' returning id");
        assertEquals("7", stored(id).path("metadata").path("seat").asText());
        assertEquals("canceled", one("select status from stripe.subscription_cancel('" + id + "')"));
        assertEquals("canceled", stored(id).path("status").asText());
    }

    @Test
    void invoicesCreateFinalizePayVoid() throws SQLException {
        String customer = customer();
        one("insert into stripe.invoiceitems (customer, amount, currency) values ('" + customer + "', 2500, 'usd') returning id");
        String paid = one("insert into stripe.invoices (customer) values ('" + customer + "') returning id");
        assertEquals("draft", stored(paid).path("status").asText());
        assertEquals("open", one("select status from stripe.invoice_finalize('" + paid + "')"));
        assertEquals("open", stored(paid).path("status").asText());
        assertEquals("paid", one("select status from stripe.invoice_pay('" + paid + "')"));
        assertEquals("paid", stored(paid).path("status").asText());

        String voided = one("insert into stripe.invoices (customer) values ('" + customer + "') returning id");
        one("select * from stripe.invoice_finalize('" + voided + "')");
        assertEquals("void", one("select status from stripe.invoice_void('" + voided + "')"));
        assertEquals("void", stored(voided).path("status").asText());
    }

    @Test
    void chargesAndRefundsCreate() throws SQLException {
        String charge = one("insert into stripe.charges (amount, currency, attrs) values (4200, 'usd', '{\"source\": \"tok_visa\"}') returning id");
        assertEquals("succeeded", stored(charge).path("status").asText());
        assertEquals(4200, stored(charge).path("amount").asLong());
        String refund = one("insert into stripe.refunds (charge, amount) values ('" + charge + "', 1000) returning id");
        assertEquals(charge, stored(refund).path("charge").asText());
        assertEquals(1000, stored(charge).path("amount_refunded").asLong());
    }

    @Test
    void paymentIntentsCreateConfirmCancel() throws SQLException {
        String customer = customer();
        String confirmed = one("insert into stripe.payment_intents (customer, amount, currency) values ('" + customer + "', 3000, 'usd') returning id");
        assertEquals("requires_payment_method", stored(confirmed).path("status").asText());
        assertEquals("succeeded", one("select status from stripe.payment_intent_confirm('" + confirmed + "', 'pm_card_visa')"));
        assertEquals("succeeded", stored(confirmed).path("status").asText());

        String canceled = one("insert into stripe.payment_intents (amount, currency) values (900, 'usd') returning id");
        assertEquals("canceled", one("select status from stripe.payment_intent_cancel('" + canceled + "')"));
        assertEquals("canceled", stored(canceled).path("status").asText());
    }

    @Test
    void paymentMethodsAttachDetach() throws SQLException {
        String customer = customer();
        String pm = one("insert into stripe.payment_methods (type, attrs) values ('card', '{\"card\": {\"token\": \"tok_visa\"}}') returning id");
        assertTrue(stored(pm).path("customer").isNull());
        assertEquals(pm, one("select id from stripe.payment_method_attach('" + pm + "', '" + customer + "')"));
        assertEquals(customer, stored(pm).path("customer").asText());
        one("select * from stripe.payment_method_detach('" + pm + "')");
        assertTrue(stored(pm).path("customer").isNull());
    }

    @Test
    void couponsCreateDelete() throws SQLException {
        String id = one("insert into stripe.coupons (percent_off, duration) values (25, 'once') returning id");
        assertEquals(25, stored(id).path("percent_off").asDouble());
        one("delete from stripe.coupons where id = '" + id + "' returning id");
        assertTrue(stack.emulator.store().get(id).isEmpty() || stored(id).path("deleted").asBoolean());
    }

    @Test
    void functionsAreListedInTheCatalog() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "select p.proname from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname = 'stripe' order by 1")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        assertTrue(names.containsAll(List.of("invoice_finalize", "invoice_pay", "invoice_void", "subscription_cancel", "payment_intent_confirm",
                "payment_intent_cancel", "payment_method_attach", "payment_method_detach")), names.toString());
    }

    @Test
    void genericRequestReachesAnyEndpointForPrivilegedRolesOnly() throws SQLException {
        String id = one("select id from stripe.request('POST', '/v1/customers', '{\"email\": \"req@example.com\", \"metadata\": {\"via\": \"request\"}}')");
        assertEquals("request", stored(id).path("metadata").path("via").asText());
        assertEquals("req@example.com", one("select attrs->>'email' from stripe.request('GET', '/v1/customers/" + id + "', null)"));
        try (Statement st = conn.createStatement()) {
            var bad = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeQuery("select * from stripe.request('POST', '/v1/../admin', '{}')"));
            assertEquals("22023", bad.getSQLState());
            st.execute("create role clerk login password 'clerk-pw'");
        }
        try (Connection clerk = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.port() + "/postgres", "clerk", "clerk-pw");
             Statement st = clerk.createStatement()) {
            var denied = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeQuery("select * from stripe.request('GET', '/v1/customers', null)"));
            assertEquals("42501", denied.getSQLState());
        }
    }

    @Test
    void everyActionOfTheSpecIsAFunctionTakingItsFormAsJson() throws SQLException {
        String customer = customer();
        String si = one("insert into stripe.setup_intents (customer) values ('" + customer + "') returning id");
        assertEquals("succeeded", one("select status from stripe.setup_intent_confirm('" + si + "', '{\"payment_method\": \"pm_card_visa\"}')"));
        assertEquals("succeeded", stored(si).path("status").asText());
        List<String> names = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "select p.proname from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname = 'stripe'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        assertTrue(names.containsAll(List.of("charge_capture", "quote_accept", "payout_reverse", "refund_cancel", "request")), names.toString());
    }
}
