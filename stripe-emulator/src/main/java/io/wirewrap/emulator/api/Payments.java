package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;

import java.util.Set;

import static io.wirewrap.emulator.api.Refs.requireRef;

/** Money in and out: payment methods (including Stripe's test cards), confirming intents, refunds. */
final class Payments {
    private final ObjectFactory factory;
    private final Events events;
    final Money money;

    Payments(ObjectFactory factory, Events events, Money money) {
        this.factory = factory;
        this.events = events;
        this.money = money;
    }

    /**
     * A payment method id as a request names it: a stored one, or one of Stripe's test ids ({@code pm_card_visa},
     * {@code pm_card_chargeDeclined}, ...), which, as in Stripe, creates a fresh payment method with that card.
     */
    String resolvePaymentMethod(ApiRequest req, String id, String param) {
        if (req.data().type("payment_method").get(id) != null) return id;
        TestCards.Card card = TestCards.byPaymentMethod(id);
        if (card == null) throw ApiError.invalid("resource_missing", "No such PaymentMethod: '" + id + "'", param);
        ObjectNode pm = factory.create("payment_method", Ids.next("pm_"), Clock.now());
        pm.put("type", "card");
        pm.putNull("customer");
        if (pm.get("card") instanceof ObjectNode c) {
            c.put("brand", card.brand());
            c.put("last4", card.last4());
            c.put("exp_month", 12);
            c.put("exp_year", 2034);
        }
        req.data().put(pm);
        events.emit(req, "payment_method.created", pm, null);
        return pm.get("id").asText();
    }

    void confirmPaymentIntent(ApiRequest req, ObjectNode pi, ObjectNode params) {
        String status = pi.path("status").asText();
        if (!Set.of("requires_payment_method", "requires_confirmation", "requires_action").contains(status)) {
            throw ApiError.invalid("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it has a status of "
                    + status + ".", null);
        }
        if (params != null && params.hasNonNull("payment_method")) {
            pi.put("payment_method", resolvePaymentMethod(req, params.get("payment_method").asText(), "payment_method"));
        }
        if (pi.path("payment_method").isNull() || pi.path("payment_method").asText().isEmpty()) {
            throw ApiError.invalid("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it's missing a payment method. "
                    + "To confirm the PaymentIntent with " + pi.path("customer").asText("a customer")
                    + ", specify a payment method attached to this customer along with the customer ID.", "payment_method");
        }
        long amount = pi.path("amount").asLong();
        ObjectNode before = pi.deepCopy();
        StoredObject storedPm = req.data().type("payment_method").get(pi.get("payment_method").asText());
        ObjectNode card = storedPm != null && Json.parse(storedPm.json()).get("card") instanceof ObjectNode c ? c : null;
        TestCards.Decline decline = TestCards.declineFor(card == null ? null : card.path("last4").asText(null));
        if (decline != null) {
            ObjectNode failed = money.failedCharge(req, pi.path("customer").asText(null), pi.get("payment_method").asText(),
                    pi.get("id").asText(), amount, pi.path("currency").asText(), decline);
            pi.put("status", "requires_payment_method");
            pi.put("latest_charge", failed.get("id").asText());
            ObjectNode err = pi.putObject("last_payment_error");
            err.put("charge", failed.get("id").asText());
            err.put("code", decline.code());
            err.put("decline_code", decline.declineCode());
            err.put("message", decline.message());
            err.put("type", "card_error");
            req.data().put(pi);
            events.emit(req, "payment_intent.payment_failed", pi, Writes.previousAttributes(before, pi));
            throw new ApiError(402, "card_error", decline.code(), decline.message(), null)
                    .withDetails(decline.declineCode(), failed.get("id").asText(), pi);
        }
        ObjectNode charge = money.charge(req, pi.path("customer").asText(null), pi.get("payment_method").asText(),
                pi.get("id").asText(), amount, pi.path("currency").asText(), null);
        pi.put("status", "succeeded");
        pi.put("amount_received", amount);
        pi.put("latest_charge", charge.get("id").asText());
        req.data().put(pi);
        events.emit(req, "payment_intent.succeeded", pi, Writes.previousAttributes(before, pi));
    }

    void confirmSetupIntent(ApiRequest req, ObjectNode si, ObjectNode params) {
        String status = si.path("status").asText();
        if (!Set.of("requires_payment_method", "requires_confirmation", "requires_action").contains(status)) {
            throw ApiError.invalid("setup_intent_unexpected_state", "You cannot confirm this SetupIntent because it has a status of "
                    + status + ".", null);
        }
        if (params != null && params.hasNonNull("payment_method")) si.put("payment_method", params.get("payment_method").asText());
        if (si.path("payment_method").isNull())
            throw ApiError.invalid("setup_intent_unexpected_state", "You cannot confirm this SetupIntent because it's missing a payment method.", "payment_method");
        ObjectNode att = factory.create("setup_attempt", Ids.next("setatt_"), Clock.now());
        att.put("setup_intent", si.get("id").asText());
        att.put("payment_method", si.get("payment_method").asText());
        att.put("customer", si.path("customer").asText(null));
        att.put("status", "succeeded");
        att.put("usage", si.path("usage").asText("off_session"));
        req.data().put(att);
        si.put("status", "succeeded");
        si.put("latest_attempt", att.get("id").asText());
        req.data().put(si);
        events.emit(req, "setup_intent.succeeded", si, null);
    }

    void refund(ApiRequest req, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        ObjectNode charge;
        if (params.hasNonNull("charge")) {
            charge = requireRef(data, "charge", params.get("charge").asText(), "charge");
        } else if (params.hasNonNull("payment_intent")) {
            ObjectNode pi = requireRef(data, "payment_intent", params.get("payment_intent").asText(), "payment_intent");
            String latest = pi.path("latest_charge").asText(null);
            if (latest == null || !"succeeded".equals(pi.path("status").asText()))
                throw ApiError.invalid("charge_not_refundable", "This PaymentIntent does not have a successful charge to refund.", "payment_intent");
            charge = requireRef(data, "charge", latest, "payment_intent");
        } else {
            throw ApiError.invalid("parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.", null);
        }
        long remaining = charge.path("amount_captured").asLong() - charge.path("amount_refunded").asLong();
        if (remaining <= 0) throw ApiError.invalid("charge_already_refunded",
                "Charge " + charge.get("id").asText() + " has already been refunded.", "charge");
        long amount = params.path("amount").asLong(remaining);
        if (amount > remaining) throw ApiError.invalid("amount_too_large", "Refund amount (" + amount
                + ") is greater than unrefunded amount on charge (" + remaining + ")", "amount");
        if (amount <= 0) throw ApiError.invalid("parameter_invalid_integer", "This value must be greater than or equal to 1.", "amount");
        String currency = charge.path("currency").asText();
        node.put("amount", amount);
        node.put("charge", charge.get("id").asText());
        node.put("currency", currency);
        node.put("payment_intent", charge.path("payment_intent").asText(null));
        node.put("status", "succeeded");
        if (!params.hasNonNull("reason")) node.putNull("reason");
        node.put("balance_transaction", money.ledger(data, "refund", node.get("id").asText(), -amount, 0, currency));
        ObjectNode before = charge.deepCopy();
        charge.put("amount_refunded", charge.path("amount_refunded").asLong() + amount);
        charge.put("refunded", charge.path("amount_refunded").asLong() == charge.path("amount_captured").asLong());
        data.put(charge);
        events.emit(req, "charge.refunded", charge, Writes.previousAttributes(before, charge));
    }
}
