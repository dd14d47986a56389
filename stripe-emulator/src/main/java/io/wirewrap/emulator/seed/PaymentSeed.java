package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.api.Ids;

/** Payment methods, setup intents, payment intents with their charges, refunds, disputes, evidence files, checkout sessions. */
final class PaymentSeed extends SeedContext {
    PaymentSeed(SeedContext context) { super(context); }

    ObjectNode paymentMethod(String cus, long created, String name, String email) {
        ObjectNode pm = factory.create("payment_method", id("pm_"), created);
        pm.put("customer", cus);
        pm.put("type", "card");
        ObjectNode card = (ObjectNode) pm.get("card");
        String brand = Names.pick(r, Names.BRANDS);
        card.put("brand", brand);
        card.put("last4", String.format("%04d", r.nextInt(10_000)));
        card.put("exp_month", 1 + r.nextInt(12));
        card.put("exp_year", 2025 + r.nextInt(6));
        card.put("fingerprint", Ids.next("", r, 16));
        card.put("country", "US");
        ObjectNode billing = (ObjectNode) pm.get("billing_details");
        billing.put("name", name);
        if (email == null) billing.putNull("email"); else billing.put("email", email);
        put(pm);
        return pm;
    }

    void setupIntent(String cus, ObjectNode pm, long created) {
        String seti = id("seti_");
        ObjectNode att = factory.create("setup_attempt", id("setatt_"), created + 5);
        att.put("customer", cus);
        att.put("payment_method", pm.get("id").asText());
        att.put("setup_intent", seti);
        att.put("status", "succeeded");
        att.put("usage", "off_session");
        put(att);
        ObjectNode si = factory.create("setup_intent", seti, created);
        si.put("customer", cus);
        si.put("payment_method", pm.get("id").asText());
        si.put("status", "succeeded");
        si.put("usage", "off_session");
        si.put("latest_attempt", att.get("id").asText());
        si.put("client_secret", seti + "_secret_" + Ids.next("", r, 12));
        put(si);
    }

    void payment(String cus, ObjectNode pm, String currency, long created, ObjectNode customer) {
        long amount = (5 + r.nextInt(500)) * 100L + r.nextInt(100);
        int roll = r.nextInt(100);
        String status = roll < 90 ? "succeeded" : roll < 95 ? "requires_payment_method" : "canceled";
        ObjectNode pi = factory.create("payment_intent", id("pi_"), created);
        String piId = pi.get("id").asText();
        pi.put("amount", amount);
        pi.put("currency", currency);
        pi.put("customer", cus);
        pi.put("payment_method", pm.get("id").asText());
        pi.put("status", status);
        pi.put("description", "Order #" + (10_000 + r.nextInt(90_000)));
        pi.put("client_secret", piId + "_secret_" + Ids.next("", r, 12));
        pi.put("amount_received", "succeeded".equals(status) ? amount : 0);
        pi.put("capture_method", "automatic");
        pi.putObject("metadata").put("order_channel", r.nextBoolean() ? "web" : "mobile");
        if ("canceled".equals(status)) {
            pi.put("canceled_at", created + 600);
            pi.put("cancellation_reason", "abandoned");
        }
        ObjectNode charge = null;
        if (!"canceled".equals(status)) {
            charge = charge(cus, pm, piId, amount, currency, created + 2, "succeeded".equals(status), customer);
            pi.put("latest_charge", charge.get("id").asText());
        }
        put(pi);
        if (charge != null && "succeeded".equals(status)) {
            int extra = r.nextInt(100);
            if (extra < 10) refund(charge, piId, created);
            else if (extra == 10) dispute(charge, piId, created);
            if (extra >= 11 && extra <= 14) checkoutSession(cus, piId, amount, currency, created - 120);
        }
    }

    ObjectNode charge(String cus, ObjectNode pm, String pi, long amount, String currency, long created, boolean paid,
                      ObjectNode customer) {
        ObjectNode ch = factory.create("charge", id("ch_"), created);
        String chId = ch.get("id").asText();
        ch.put("amount", amount);
        ch.put("amount_captured", paid ? amount : 0);
        ch.put("amount_refunded", 0);
        ch.put("captured", paid);
        ch.put("paid", paid);
        ch.put("status", paid ? "succeeded" : "failed");
        ch.put("currency", currency);
        ch.put("customer", cus);
        ch.put("payment_intent", pi);
        ch.put("payment_method", pm.get("id").asText());
        ch.put("refunded", false);
        ch.put("disputed", false);
        ch.put("description", null == customer.get("description") ? null : customer.path("description").asText(null));
        if (customer.hasNonNull("email")) ch.put("receipt_email", customer.get("email").asText()); else ch.putNull("receipt_email");
        if (!paid) {
            ch.put("failure_code", "card_declined");
            ch.put("failure_message", "Your card was declined.");
            ch.putNull("balance_transaction");
        } else {
            ch.putNull("failure_code");
            ch.putNull("failure_message");
            long fee = Math.round(amount * 0.029) + 30;
            ch.put("balance_transaction", ledger("charge", chId, amount, fee, currency, created));
        }
        if (ch.get("payment_method_details") instanceof ObjectNode pmd && pmd.get("card") instanceof ObjectNode card) {
            card.put("brand", pm.path("card").path("brand").asText());
            card.put("last4", pm.path("card").path("last4").asText());
        }
        if (ch.get("billing_details") instanceof ObjectNode bd) bd.put("name", customer.path("name").asText());
        ObjectNode refunds = ch.putObject("refunds");
        refunds.put("object", "list");
        refunds.putArray("data");
        refunds.put("has_more", false);
        refunds.put("url", "/v1/charges/" + chId + "/refunds");
        put(ch);
        return ch;
    }

    void refund(ObjectNode charge, String pi, long after) {
        long amount = charge.get("amount").asLong();
        long refunded = r.nextBoolean() ? amount : Math.max(1, amount / (2 + r.nextInt(3)));
        long created = between(charge.get("created").asLong() + 3600, Math.max(charge.get("created").asLong() + 7200, epoch));
        ObjectNode re = factory.create("refund", id("re_"), created);
        re.put("amount", refunded);
        re.put("charge", charge.get("id").asText());
        re.put("payment_intent", pi);
        re.put("currency", charge.get("currency").asText());
        re.put("status", "succeeded");
        re.put("reason", r.nextBoolean() ? "requested_by_customer" : "duplicate");
        re.put("balance_transaction", ledger("refund", re.get("id").asText(), -refunded, 0, charge.get("currency").asText(), created));
        put(re);
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded == amount);
        put(charge);
    }

    void dispute(ObjectNode charge, String pi, long after) {
        long created = charge.get("created").asLong() + DAY * (1 + r.nextInt(20));
        ObjectNode dp = factory.create("dispute", id("dp_"), created);
        dp.put("amount", charge.get("amount").asLong());
        dp.put("charge", charge.get("id").asText());
        dp.put("payment_intent", pi);
        dp.put("currency", charge.get("currency").asText());
        String[] statuses = {"needs_response", "under_review", "won", "lost"};
        dp.put("status", statuses[r.nextInt(statuses.length)]);
        dp.put("reason", r.nextBoolean() ? "fraudulent" : "product_not_received");
        dp.putArray("balance_transactions");
        put(dp);
        charge.put("disputed", true);
        put(charge);
        if (r.nextBoolean()) evidenceFile(created);
    }

    void evidenceFile(long created) {
        ObjectNode file = factory.create("file", id("file_"), created + 3600);
        String fileId = file.get("id").asText();
        file.put("purpose", "dispute_evidence");
        file.put("filename", "receipt-" + fileId.substring(5, 11) + ".pdf");
        file.put("size", 10_000 + r.nextInt(90_000));
        file.put("type", "pdf");
        file.putNull("title");
        file.put("url", "https://files.stripe.com/v1/files/" + fileId + "/contents");
        file.putNull("expires_at");
        file.putNull("links");
        put(file);
        ObjectNode link = factory.create("file_link", id("link_"), created + 7200);
        link.put("file", fileId);
        link.put("expired", false);
        link.putNull("expires_at");
        link.put("url", "https://files.stripe.com/links/" + link.get("id").asText());
        put(link);
    }

    void checkoutSession(String cus, String pi, long amount, String currency, long created) {
        ObjectNode cs = factory.create("checkout.session", Ids.next("cs_test_", r, 24), created);
        cs.put("customer", cus);
        cs.put("payment_intent", pi);
        cs.put("mode", "payment");
        cs.put("status", "complete");
        cs.put("payment_status", "paid");
        cs.put("amount_total", amount);
        cs.put("amount_subtotal", amount);
        cs.put("currency", currency);
        cs.put("expires_at", created + DAY);
        cs.putNull("url");
        cs.putNull("subscription");
        cs.putNull("invoice");
        put(cs);
    }
}
