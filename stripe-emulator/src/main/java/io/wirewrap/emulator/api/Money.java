package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;

/** Money that moves over the API: charges and their balance transactions, as a confirmed payment creates them. */
final class Money {
    private static final long DAY = 24 * 3600;
    private final ObjectFactory factory;
    private final Events events;

    Money(ObjectFactory factory, Events events) {
        this.factory = factory;
        this.events = events;
    }

    /** A balance transaction for money that moved now; returns its id. */
    String ledger(AccountData data, String type, String source, long amount, long fee, String currency) {
        long now = Clock.now();
        ObjectNode txn = factory.create("balance_transaction", Ids.next("txn_"), now);
        txn.put("amount", amount);
        txn.put("fee", fee);
        txn.put("net", amount - fee);
        txn.put("currency", currency);
        txn.put("type", type);
        txn.put("reporting_category", type);
        txn.put("source", source);
        txn.put("available_on", now + 2 * DAY);
        txn.put("status", "pending");
        txn.putNull("description");
        txn.putArray("fee_details");
        data.put(txn);
        return txn.get("id").asText();
    }

    /** A failed charge (no balance transaction), as a declined card leaves behind. */
    ObjectNode failedCharge(ApiRequest req, String customer, String paymentMethod, String paymentIntent, long amount,
                            String currency, TestCards.Decline decline) {
        ObjectNode ch = factory.create("charge", Ids.next("ch_"), Clock.now());
        String id = ch.get("id").asText();
        ch.put("amount", amount);
        ch.put("amount_captured", 0);
        ch.put("amount_refunded", 0);
        ch.put("captured", false);
        ch.put("paid", false);
        ch.put("refunded", false);
        ch.put("disputed", false);
        ch.put("status", "failed");
        ch.put("currency", currency);
        if (customer == null) ch.putNull("customer"); else ch.put("customer", customer);
        if (paymentIntent == null) ch.putNull("payment_intent"); else ch.put("payment_intent", paymentIntent);
        if (paymentMethod == null) ch.putNull("payment_method"); else ch.put("payment_method", paymentMethod);
        ch.put("failure_code", decline.code());
        ch.put("failure_message", decline.message());
        ch.putNull("balance_transaction");
        ObjectNode refunds = ch.putObject("refunds");
        refunds.put("object", "list");
        refunds.putArray("data");
        refunds.put("has_more", false);
        refunds.put("url", "/v1/charges/" + id + "/refunds");
        req.data().put(ch);
        events.emit(req, "charge.failed", ch, null);
        return ch;
    }

    /** A succeeded charge for a payment intent, with its balance transaction. */
    ObjectNode charge(ApiRequest req, String customer, String paymentMethod, String paymentIntent, long amount,
                      String currency, String invoice) {
        ObjectNode ch = factory.create("charge", Ids.next("ch_"), Clock.now());
        String id = ch.get("id").asText();
        ch.put("amount", amount);
        ch.put("amount_captured", amount);
        ch.put("amount_refunded", 0);
        ch.put("captured", true);
        ch.put("paid", true);
        ch.put("refunded", false);
        ch.put("disputed", false);
        ch.put("status", "succeeded");
        ch.put("currency", currency);
        if (customer == null) ch.putNull("customer"); else ch.put("customer", customer);
        if (paymentIntent == null) ch.putNull("payment_intent"); else ch.put("payment_intent", paymentIntent);
        if (paymentMethod == null) ch.putNull("payment_method"); else ch.put("payment_method", paymentMethod);
        if (invoice == null) ch.putNull("invoice"); else ch.put("invoice", invoice);
        ch.putNull("failure_code");
        ch.putNull("failure_message");
        ch.put("balance_transaction", ledger(req.data(), "charge", id, amount, Math.round(amount * 0.029) + 30, currency));
        ObjectNode refunds = ch.putObject("refunds");
        refunds.put("object", "list");
        refunds.putArray("data");
        refunds.put("has_more", false);
        refunds.put("url", "/v1/charges/" + id + "/refunds");
        req.data().put(ch);
        events.emit(req, "charge.succeeded", ch, null);
        return ch;
    }
}
