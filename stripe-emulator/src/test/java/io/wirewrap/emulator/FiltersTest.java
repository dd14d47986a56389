package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each filter returns exactly the objects the store holds that match it: the list API agrees with the data. */
class FiltersTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(300)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    private static Set<String> ids(List<? extends JsonNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).collect(Collectors.toSet());
    }

    private static Set<String> expected(String object, Predicate<ObjectNode> p) {
        return ids(emu.store().list(object).stream().filter(p).toList());
    }

    private static String idOf(JsonNode v) {
        return v == null || v.isNull() ? null : v.isObject() ? v.get("id").asText() : v.asText();
    }

    @Test
    void chargesByCustomerAndPaymentIntent() {
        ObjectNode charge = emu.store().list("charge").get(7);
        String customer = charge.get("customer").asText();
        Set<String> want = expected("charge", c -> customer.equals(idOf(c.get("customer"))));
        assertFalse(want.isEmpty());
        assertEquals(want, ids(client.all("charges", "customer", customer)));
        assertEquals(Set.of(charge.get("id").asText()),
                ids(client.all("charges", "payment_intent", charge.get("payment_intent").asText())));
    }

    @Test
    void customersByEmailIsExactAndCaseSensitive() {
        ObjectNode c = emu.store().list("customer").stream().filter(x -> x.hasNonNull("email")).findFirst().orElseThrow();
        String email = c.get("email").asText();
        assertEquals(Set.of(c.get("id").asText()), ids(client.all("customers", "email", email)));
        assertTrue(client.all("customers", "email", email.toUpperCase()).isEmpty());
    }

    @Test
    void invoicesByStatusCustomerAndSubscription() {
        for (String status : List.of("paid", "open", "draft")) {
            assertEquals(expected("invoice", i -> status.equals(i.get("status").asText())), ids(client.all("invoices", "status", status)), status);
        }
        ObjectNode inv = emu.store().list("invoice").get(3);
        assertEquals(expected("invoice", i -> inv.get("customer").asText().equals(i.get("customer").asText())),
                ids(client.all("invoices", "customer", inv.get("customer").asText())));
        assertEquals(expected("invoice", i -> inv.get("subscription").asText().equals(i.path("subscription").asText())),
                ids(client.all("invoices", "subscription", inv.get("subscription").asText())));
    }

    @Test
    void pricesByActiveCurrencyProductType() {
        assertEquals(expected("price", p -> "eur".equals(p.get("currency").asText())), ids(client.all("prices", "currency", "eur")));
        assertEquals(expected("price", p -> "one_time".equals(p.get("type").asText())), ids(client.all("prices", "type", "one_time")));
        assertEquals(expected("price", p -> p.get("active").asBoolean()), ids(client.all("prices", "active", "true")));
        String product = emu.store().list("price").get(0).get("product").asText();
        assertEquals(expected("price", p -> product.equals(p.get("product").asText())), ids(client.all("prices", "product", product)));
        assertEquals(expected("price", p -> "month".equals(p.path("recurring").path("interval").asText())),
                ids(client.all("prices", "recurring[interval]", "month")));
    }

    @Test
    void subscriptionsByCustomerPriceStatus() {
        Predicate<ObjectNode> live = x -> !"canceled".equals(x.get("status").asText());
        ObjectNode sub = emu.store().list("subscription").stream().filter(live).findFirst().orElseThrow();
        String price = sub.at("/items/data/0/price/id").asText();
        assertEquals(expected("subscription", s -> live.test(s) && price.equals(s.at("/items/data/0/price/id").asText())),
                ids(client.all("subscriptions", "price", price)));
        assertEquals(Set.of(sub.get("id").asText()), ids(client.all("subscriptions", "customer", sub.get("customer").asText())));
        // like Stripe: canceled subscriptions only when asked for
        Set<String> canceled = expected("subscription", s -> "canceled".equals(s.get("status").asText()));
        assertFalse(canceled.isEmpty());
        assertEquals(canceled, ids(client.all("subscriptions", "status", "canceled")));
        assertEquals(canceled, ids(client.all("subscriptions", "status", "ended")));
        assertEquals(expected("subscription", live), ids(client.all("subscriptions")));
        assertEquals(expected("subscription", s -> true), ids(client.all("subscriptions", "status", "all")));
        assertEquals(expected("subscription", s -> "active".equals(s.get("status").asText())), ids(client.all("subscriptions", "status", "active")));
    }

    @Test
    void createdRangesAndExactCreated() {
        List<ObjectNode> customers = emu.store().list("customer");
        long mid = customers.get(150).get("created").asLong();
        long lo = customers.get(200).get("created").asLong();
        assertEquals(expected("customer", c -> c.get("created").asLong() >= mid), ids(client.all("customers", "created[gte]", "" + mid)));
        assertEquals(expected("customer", c -> c.get("created").asLong() > mid), ids(client.all("customers", "created[gt]", "" + mid)));
        assertEquals(expected("customer", c -> c.get("created").asLong() < mid), ids(client.all("customers", "created[lt]", "" + mid)));
        assertEquals(expected("customer", c -> c.get("created").asLong() <= mid && c.get("created").asLong() >= lo),
                ids(client.all("customers", "created[lte]", "" + mid, "created[gte]", "" + lo)));
        assertEquals(expected("customer", c -> c.get("created").asLong() == mid), ids(client.all("customers", "created", "" + mid)));
        // a range and a cursor together: the second page of a range continues inside the range
        JsonNode first = client.get("customers", "created[lte]", "" + mid, "limit", "5").json();
        String after = first.get("data").get(4).get("id").asText();
        JsonNode second = client.get("customers", "created[lte]", "" + mid, "limit", "5", "starting_after", after).json();
        assertTrue(second.get("data").get(0).get("created").asLong() <= first.get("data").get(4).get("created").asLong());
    }

    @Test
    void nestedListsFilterByTheirParent() {
        ObjectNode pm = emu.store().list("payment_method").get(0);
        String customer = pm.get("customer").asText();
        assertEquals(expected("payment_method", p -> customer.equals(p.path("customer").asText())),
                ids(client.all("customers/" + customer + "/payment_methods")));
        ObjectNode inv = emu.store().list("invoice").get(0);
        JsonNode lines = client.get("invoices/" + inv.get("id").asText() + "/lines").json();
        assertEquals(inv.at("/lines/data/0/id"), lines.at("/data/0/id"));
        assertEquals("/v1/invoices/" + inv.get("id").asText() + "/lines", lines.get("url").asText());
        assertEquals(404, client.get("customers/cus_nobody/payment_methods").status());
        assertEquals(pm.get("id"), client.get("customers/" + customer + "/payment_methods/" + pm.get("id").asText()).json().get("id"));
        String otherCustomer = emu.store().list("customer").stream().map(c -> c.get("id").asText())
                .filter(id -> !id.equals(customer)).findFirst().orElseThrow();
        assertEquals(404, client.get("customers/" + otherCustomer + "/payment_methods/" + pm.get("id").asText()).status(),
                "a payment method is only found under its own customer");
    }

    @Test
    void setupAttemptsNeedASetupIntent() {
        Client.Response r = client.get("setup_attempts");
        assertEquals(400, r.status());
        assertEquals("setup_intent", r.json().at("/error/param").asText());
        ObjectNode att = emu.store().list("setup_attempt").get(0);
        assertEquals(Set.of(att.get("id").asText()), ids(client.all("setup_attempts", "setup_intent", att.get("setup_intent").asText())));
    }

    @Test
    void moneyMovementFilters() {
        assertEquals(expected("balance_transaction", t -> "refund".equals(t.get("type").asText())),
                ids(client.all("balance_transactions", "type", "refund")));
        assertEquals(expected("balance_transaction", t -> "gbp".equals(t.get("currency").asText())),
                ids(client.all("balance/history", "currency", "gbp")));
        ObjectNode refund = emu.store().list("refund").get(0);
        assertEquals(Set.of(refund.get("balance_transaction").asText()),
                ids(client.all("balance_transactions", "source", refund.get("id").asText())));
        assertEquals(expected("refund", r -> refund.get("charge").asText().equals(r.get("charge").asText())),
                ids(client.all("refunds", "charge", refund.get("charge").asText())));
        long arrival = emu.store().list("payout").get(10).get("arrival_date").asLong();
        assertEquals(expected("payout", p -> p.get("arrival_date").asLong() >= arrival),
                ids(client.all("payouts", "arrival_date[gte]", "" + arrival)));
        assertEquals(expected("payout", p -> "paid".equals(p.get("status").asText())), ids(client.all("payouts", "status", "paid")));
        assertEquals(expected("event", e -> Set.of("charge.succeeded", "customer.created").contains(e.get("type").asText())),
                ids(client.all("events", "types[]", "charge.succeeded", "types[]", "customer.created")));
        assertEquals(expected("product", p -> p.get("active").asBoolean()), ids(client.all("products", "active", "true")));
        List<ObjectNode> products = emu.store().list("product");
        assertEquals(Set.of(products.get(0).get("id").asText(), products.get(1).get("id").asText()),
                ids(client.all("products", "ids[]", products.get(0).get("id").asText(), "ids[]", products.get(1).get("id").asText())));
    }

    @Test
    void requiredQueryParametersAreEnforced() {
        Client.Response r = client.get("subscription_items");
        assertEquals(400, r.status());
        assertEquals("parameter_missing", r.json().at("/error/code").asText());
        assertEquals("subscription", r.json().at("/error/param").asText());
    }

    @Test
    void unknownParameterIsRefusedLikeStripe() {
        Client.Response r = client.get("customers", "colour", "blue");
        assertEquals(400, r.status());
        assertEquals("Received unknown parameter: colour", r.json().at("/error/message").asText());
        assertEquals("colour", r.json().at("/error/param").asText());
        // a filter another endpoint has is still unknown here
        assertEquals(400, client.get("customers", "status", "active").status());
    }

    @Test
    void everyListEndpointAnswers() {
        for (String path : List.of("accounts", "balance_transactions", "charges", "checkout/sessions", "customers", "disputes",
                "events", "files", "file_links", "invoices", "payment_intents", "payouts", "prices", "products", "refunds",
                "setup_intents", "subscriptions", "topups", "transfers", "coupons", "payment_methods", "plans",
                "promotion_codes", "tax_rates", "credit_notes", "subscription_items?subscription=sub_x", "invoiceitems", "quotes",
                "balance/history", "webhook_endpoints", "terminal/readers", "issuing/cards", "radar/value_lists")) {
            String[] parts = path.split("\\?");
            String[] q = parts.length > 1 ? parts[1].split("=") : new String[0];
            Client.Response r = client.get(parts[0], q);
            assertEquals(200, r.status(), path + " " + r.json());
            assertEquals("list", r.json().get("object").asText());
        }
        assertFalse(client.all("events").isEmpty());
        assertFalse(client.all("balance_transactions").isEmpty());
        assertFalse(client.all("payouts").isEmpty());
        assertFalse(client.all("accounts").isEmpty());
    }
}
