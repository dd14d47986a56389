package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WritesTest {
    static StripeEmulator emu;
    static Client client;

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(50)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    @Test
    void customerCreateUpdateDeleteRoundTrip() {
        Client.Response created = client.post("customers", "email", "new@example.com", "name", "Ünïcode Ñame",
                "metadata[plan]", "pro", "metadata[segment]", "smb", "balance", "-500");
        assertEquals(200, created.status(), created.json().toString());
        JsonNode c = created.json();
        String id = c.get("id").asText();
        assertTrue(id.startsWith("cus_"));
        assertEquals("customer", c.get("object").asText());
        assertEquals(-500, c.get("balance").asLong());
        assertEquals("pro", c.at("/metadata/plan").asText());
        assertFalse(c.get("livemode").asBoolean());
        assertEquals(c, client.get("customers/" + id).json());

        JsonNode updated = client.post("customers/" + id, "metadata[plan]", "", "metadata[tier]", "gold", "description", "VIP").json();
        assertTrue(updated.at("/metadata/plan").isMissingNode(), "empty value unsets a metadata key");
        assertEquals("gold", updated.at("/metadata/tier").asText());
        assertEquals("smb", updated.at("/metadata/segment").asText());
        assertEquals("VIP", updated.get("description").asText());
        JsonNode unset = client.post("customers/" + id, "description", "").json();
        assertTrue(unset.get("description").isNull(), "empty value unsets a field");

        JsonNode deleted = client.delete("customers/" + id).json();
        assertEquals(id, deleted.get("id").asText());
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals("customer", deleted.get("object").asText());
        // like Stripe, a deleted customer still retrieves, as a deleted_customer; it no longer lists or updates
        Client.Response gone = client.get("customers/" + id);
        assertEquals(200, gone.status());
        assertTrue(gone.json().get("deleted").asBoolean());
        assertTrue(client.all("customers", "email", "new@example.com").isEmpty());
        assertEquals(404, client.post("customers/" + id, "name", "x").status());
        Client.Response missing = client.get("customers/cus_neverexisted");
        assertEquals(404, missing.status());
        assertEquals("No such customer: 'cus_neverexisted'", missing.json().at("/error/message").asText());
        assertEquals("resource_missing", missing.json().at("/error/code").asText());
        assertEquals("id", missing.json().at("/error/param").asText());
        // other types are simply gone
        String product = client.post("products", "name", "Ephemeral").json().get("id").asText();
        client.delete("products/" + product);
        assertEquals(404, client.get("products/" + product).status());
    }

    @Test
    void writesAppendEvents() {
        String id = client.post("customers", "email", "evented@example.com").json().get("id").asText();
        client.post("customers/" + id, "name", "Evented");
        JsonNode events = client.get("events", "limit", "5", "type", "customer.updated").json();
        JsonNode e = events.at("/data/0");
        assertEquals("customer.updated", e.get("type").asText());
        assertEquals(id, e.at("/data/object/id").asText());
        assertEquals("Evented", e.at("/data/object/name").asText());
        assertTrue(e.at("/data/previous_attributes").has("name"));
        assertTrue(client.all("events", "type", "customer.created").stream().anyMatch(x -> id.equals(x.at("/data/object/id").asText())));
    }

    @Test
    void unknownAndMissingBodyParameters() {
        Client.Response r = client.post("customers", "favourite_colour", "blue");
        assertEquals(400, r.status());
        assertEquals("parameter_unknown", r.json().at("/error/code").asText());
        Client.Response p = client.post("products");
        assertEquals(400, p.status());
        assertEquals("name", p.json().at("/error/param").asText());
        Client.Response bad = client.post("payment_intents", "amount", "lots", "currency", "usd");
        assertEquals(400, bad.status());
        assertEquals("amount", bad.json().at("/error/param").asText());
    }

    @Test
    void productPriceSubscriptionInvoiceLifecycle() {
        String product = client.post("products", "name", "Widget").json().get("id").asText();
        JsonNode price = client.post("prices", "product", product, "currency", "eur", "unit_amount", "1200",
                "recurring[interval]", "month").json();
        assertEquals("recurring", price.get("type").asText());
        assertEquals(1200, price.get("unit_amount").asLong());
        assertEquals("month", price.at("/recurring/interval").asText());
        String customer = client.post("customers", "email", "sub@example.com").json().get("id").asText();
        JsonNode sub = client.post("subscriptions", "customer", customer, "items[0][price]", price.get("id").asText(),
                "items[0][quantity]", "2").json();
        assertEquals("active", sub.get("status").asText(), sub.toString());
        assertEquals(2, sub.at("/items/data/0/quantity").asLong());
        JsonNode firstInvoice = client.get("invoices/" + sub.get("latest_invoice").asText()).json();
        assertEquals("paid", firstInvoice.get("status").asText());
        assertEquals(2400, firstInvoice.get("amount_paid").asLong());
        assertEquals(1, client.all("subscription_items", "subscription", sub.get("id").asText()).size());

        JsonNode canceled = client.delete("subscriptions/" + sub.get("id").asText()).json();
        assertEquals("canceled", canceled.get("status").asText());
        assertTrue(canceled.get("canceled_at").isNumber());

        // a manual invoice collects pending invoice items: draft -> open -> paid; void only from open
        client.post("invoiceitems", "customer", customer, "amount", "700", "currency", "eur", "description", "Setup fee");
        JsonNode draft = client.post("invoices", "customer", customer).json();
        assertEquals("draft", draft.get("status").asText());
        assertEquals(700, draft.get("amount_due").asLong());
        String inv = draft.get("id").asText();
        assertEquals("invoice_not_editable", client.post("invoices/" + inv + "/void").json().at("/error/code").asText());
        JsonNode open = client.post("invoices/" + inv + "/finalize").json();
        assertEquals("open", open.get("status").asText());
        assertFalse(open.get("number").isNull());
        assertEquals(400, client.post("invoices/" + inv + "/finalize").status());
        assertEquals(400, client.delete("invoices/" + inv).status(), "only drafts can be deleted");
        JsonNode paid = client.post("invoices/" + inv + "/pay").json();
        assertEquals("paid", paid.get("status").asText());
        assertEquals(700, paid.get("amount_paid").asLong());
        assertTrue(paid.get("charge").asText().startsWith("ch_"));
        assertEquals(400, client.post("invoices/" + inv + "/pay").status());
        assertEquals(400, client.post("invoices/" + inv + "/void").status());

        JsonNode draft2 = client.post("invoices", "customer", customer).json();
        client.post("invoices/" + draft2.get("id").asText() + "/finalize");
        assertEquals("void", client.post("invoices/" + draft2.get("id").asText() + "/void").json().get("status").asText());
        JsonNode draft3 = client.post("invoices", "customer", customer).json();
        assertTrue(client.delete("invoices/" + draft3.get("id").asText()).json().get("deleted").asBoolean());
    }

    @Test
    void paymentIntentConfirmCancelAndRefunds() {
        String customer = client.post("customers", "email", "pay@example.com").json().get("id").asText();
        String pm = client.post("payment_methods", "type", "card").json().get("id").asText();
        JsonNode attached = client.post("payment_methods/" + pm + "/attach", "customer", customer).json();
        assertEquals(customer, attached.get("customer").asText());
        assertEquals(1, client.all("customers/" + customer + "/payment_methods").size());

        JsonNode pi = client.post("payment_intents", "amount", "5000", "currency", "usd", "customer", customer).json();
        assertEquals("requires_payment_method", pi.get("status").asText());
        String piId = pi.get("id").asText();
        assertEquals(400, client.post("payment_intents/" + piId + "/confirm").status(), "no payment method yet");
        JsonNode confirmed = client.post("payment_intents/" + piId + "/confirm", "payment_method", pm).json();
        assertEquals("succeeded", confirmed.get("status").asText());
        String charge = confirmed.get("latest_charge").asText();
        JsonNode ch = client.get("charges/" + charge).json();
        assertEquals(5000, ch.get("amount").asLong());
        assertEquals(piId, ch.get("payment_intent").asText());
        assertTrue(ch.get("balance_transaction").asText().startsWith("txn_"));
        JsonNode cancel = client.post("payment_intents/" + piId + "/cancel").json();
        assertEquals("payment_intent_unexpected_state", cancel.at("/error/code").asText());

        JsonNode refund = client.post("refunds", "charge", charge, "amount", "2000").json();
        assertEquals(2000, refund.get("amount").asLong());
        assertEquals("succeeded", refund.get("status").asText());
        assertEquals(2000, client.get("charges/" + charge).json().get("amount_refunded").asLong());
        assertEquals("amount_too_large", client.post("refunds", "charge", charge, "amount", "4000").json().at("/error/code").asText());
        client.post("refunds", "payment_intent", piId);
        JsonNode full = client.get("charges/" + charge).json();
        assertTrue(full.get("refunded").asBoolean());
        assertEquals("charge_already_refunded", client.post("refunds", "charge", charge).json().at("/error/code").asText());
        assertEquals(2, client.all("refunds", "charge", charge).size());
        assertEquals(2, client.all("charges/" + charge + "/refunds").size());

        JsonNode other = client.post("payment_intents", "amount", "900", "currency", "usd").json();
        assertEquals("canceled", client.post("payment_intents/" + other.get("id").asText() + "/cancel").json().get("status").asText());

        JsonNode detached = client.post("payment_methods/" + pm + "/detach").json();
        assertTrue(detached.get("customer").isNull());
        assertEquals(400, client.post("payment_methods/" + pm + "/detach").status());
    }

    @Test
    void concurrentRefundsNeverExceedTheCharge() throws Exception {
        String pm = client.post("payment_methods", "type", "card").json().get("id").asText();
        String charge = client.post("payment_intents", "amount", "1000", "currency", "usd", "payment_method", pm, "confirm", "true")
                .json().get("latest_charge").asText();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                if (client.post("refunds", "charge", charge, "amount", "300").status() == 200) ok.incrementAndGet();
            }));
        }
        for (Thread t : threads) t.join();
        assertEquals(3, ok.get(), "3 x 300 fit in 1000, a fourth does not");
        assertEquals(900, client.get("charges/" + charge).json().get("amount_refunded").asLong());
    }

    @Test
    void testCardsDeclineWith402() {
        JsonNode pi = client.post("payment_intents", "amount", "2000", "currency", "usd").json();
        String id = pi.get("id").asText();
        Client.Response declined = client.post("payment_intents/" + id + "/confirm", "payment_method", "pm_card_chargeDeclined");
        assertEquals(402, declined.status());
        assertEquals("card_error", declined.json().at("/error/type").asText());
        assertEquals("card_declined", declined.json().at("/error/code").asText());
        assertEquals("generic_decline", declined.json().at("/error/decline_code").asText());
        assertEquals(id, declined.json().at("/error/payment_intent/id").asText());
        JsonNode after = client.get("payment_intents/" + id).json();
        assertEquals("requires_payment_method", after.get("status").asText());
        assertEquals("failed", client.get("charges/" + after.get("latest_charge").asText()).json().get("status").asText());
        // a good test card then succeeds on the same intent
        JsonNode ok = client.post("payment_intents/" + id + "/confirm", "payment_method", "pm_card_visa").json();
        assertEquals("succeeded", ok.get("status").asText());
        assertEquals(402, client.post("charges", "amount", "900", "currency", "usd", "source", "tok_chargeDeclinedInsufficientFunds").status());
        assertEquals(400, client.post("payment_intents/" + id + "/confirm", "payment_method", "pm_nope").status());
    }

    @Test
    void confirmAtCreate() {
        String pm = client.post("payment_methods", "type", "card").json().get("id").asText();
        JsonNode pi = client.post("payment_intents", "amount", "1500", "currency", "gbp", "payment_method", pm, "confirm", "true").json();
        assertEquals("succeeded", pi.get("status").asText(), pi.toString());
        assertEquals(1500, pi.get("amount_received").asLong());
    }

    @Test
    void couponsCreateAndDelete() {
        JsonNode coupon = client.post("coupons", "id", "TESTTEN", "percent_off", "10", "duration", "once").json();
        assertEquals("TESTTEN", coupon.get("id").asText());
        assertEquals(10.0, coupon.get("percent_off").asDouble());
        assertEquals(400, client.post("coupons", "id", "TESTTEN", "percent_off", "10", "duration", "once").status());
        assertEquals(400, client.post("coupons", "duration", "once").status(), "percent_off or amount_off");
        JsonNode promo = client.post("promotion_codes", "coupon", "TESTTEN", "code", "TEN4U").json();
        assertEquals("TESTTEN", promo.at("/coupon/id").asText());
        assertTrue(client.delete("coupons/TESTTEN").json().get("deleted").asBoolean());
        client.post("coupons", "id", "SPRING SALE", "amount_off", "100", "currency", "usd", "duration", "once");
        assertEquals("SPRING SALE", client.get("coupons/SPRING%20SALE").json().get("id").asText(), "ids are URL-decoded");
        assertEquals(404, client.get("coupons/TESTTEN").status());
    }

    @Test
    void balanceIsMultiCurrency() {
        JsonNode b = client.get("balance").json();
        assertEquals("balance", b.get("object").asText());
        assertTrue(b.get("available").size() >= 2, b.toString());
        assertEquals(b.get("available").size(), b.get("pending").size());
    }

    @Test
    void nestedObjectsAreWrittenUnderTheirParent() {
        String customer = client.post("customers", "email", "nested@example.com").json().get("id").asText();
        String other = client.post("customers", "email", "other@example.com").json().get("id").asText();
        JsonNode taxId = client.post("customers/" + customer + "/tax_ids", "type", "eu_vat", "value", "DE123456789").json();
        String txi = taxId.get("id").asText();
        assertTrue(txi.startsWith("txi_"), txi);
        assertEquals(customer, taxId.get("customer").asText(), "the parent in the path lands on its field");
        assertEquals(1, client.all("customers/" + customer + "/tax_ids").size());
        assertEquals(0, client.all("customers/" + other + "/tax_ids").size());
        assertEquals(404, client.post("customers/cus_nobody/tax_ids", "type", "eu_vat", "value", "DE1").status());
        assertEquals(404, client.delete("customers/" + other + "/tax_ids/" + txi).status(), "not this parent's child");
        JsonNode deleted = client.delete("customers/" + customer + "/tax_ids/" + txi).json();
        assertTrue(deleted.get("deleted").asBoolean(), deleted.toString());
        assertEquals(0, client.all("customers/" + customer + "/tax_ids").size());

        JsonNode cbt = client.post("customers/" + customer + "/balance_transactions", "amount", "-500", "currency", "usd").json();
        String path = "customers/" + customer + "/balance_transactions/" + cbt.get("id").asText();
        JsonNode updated = client.post(path, "description", "goodwill", "metadata[reason]", "late").json();
        assertEquals("goodwill", updated.get("description").asText());
        assertEquals("late", updated.at("/metadata/reason").asText());
        assertEquals("goodwill", client.get(path).json().get("description").asText());
        assertEquals(404, client.post("customers/" + other + "/balance_transactions/" + cbt.get("id").asText(), "description", "x").status());
        assertEquals(404, client.delete(path).status(), "the spec has no such route: unrecognized URL");
    }
}
