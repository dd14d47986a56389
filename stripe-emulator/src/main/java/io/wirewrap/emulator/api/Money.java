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
        ObjectNode ch = newCharge(false, customer, paymentMethod, paymentIntent, amount, currency);
        ch.put("failure_code", decline.code());
        ch.put("failure_message", decline.message());
        ch.putNull("balance_transaction");
        addEmptyRefunds(ch);
        req.data().put(ch);
        events.emit(req, "charge.failed", ch, null);
        return ch;
    }

    /** A succeeded charge for a payment intent, with its balance transaction. */
    ObjectNode charge(ApiRequest req, String customer, String paymentMethod, String paymentIntent, long amount,
                      String currency, String invoice) {
        ObjectNode ch = newCharge(true, customer, paymentMethod, paymentIntent, amount, currency);
        String id = ch.get("id").asText();
        putOrNull(ch, "invoice", invoice);
        ch.putNull("failure_code");
        ch.putNull("failure_message");
        ch.put("balance_transaction", ledger(req.data(), "charge", id, amount, Math.round(amount * 0.029) + 30, currency));
        addEmptyRefunds(ch);
        req.data().put(ch);
        events.emit(req, "charge.succeeded", ch, null);
        return ch;
    }

    /** The fields every charge has, in Stripe's order, up to its payment method. */
    private ObjectNode newCharge(boolean succeeded, String customer, String paymentMethod, String paymentIntent,
                                 long amount, String currency) {
        ObjectNode ch = factory.create("charge", Ids.next("ch_"), Clock.now());
        ch.put("amount", amount);
        ch.put("amount_captured", succeeded ? amount : 0);
        ch.put("amount_refunded", 0);
        ch.put("captured", succeeded);
        ch.put("paid", succeeded);
        ch.put("refunded", false);
        ch.put("disputed", false);
        ch.put("status", succeeded ? "succeeded" : "failed");
        ch.put("currency", currency);
        putOrNull(ch, "customer", customer);
        putOrNull(ch, "payment_intent", paymentIntent);
        putOrNull(ch, "payment_method", paymentMethod);
        return ch;
    }

    private static void putOrNull(ObjectNode node, String field, String value) {
        if (value == null) node.putNull(field);
        else node.put(field, value);
    }

    private static void addEmptyRefunds(ObjectNode ch) {
        ObjectNode refunds = ch.putObject("refunds");
        refunds.put("object", "list");
        refunds.putArray("data");
        refunds.put("has_more", false);
        refunds.put("url", "/v1/charges/" + ch.get("id").asText() + "/refunds");
    }
}
