package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.Operation;
import io.wirewrap.emulator.store.Json;

import java.util.Map;
import java.util.Set;

/**
 * State-changing actions with Stripe's state machines: invoices draft -> open -> paid | void | uncollectible,
 * payment intents confirm/cancel, payment methods attach/detach, subscriptions cancel, refunds on a charge.
 * A transition from the wrong state is a 400 with Stripe's code, never a silent success.
 */
final class Actions {
    private final Events events;
    private final Writes writes;
    private final Behaviours behaviours;
    private final StripeApiTypes types;

    /** The types actions load, looked up once. */
    record StripeApiTypes(io.wirewrap.emulator.spec.ResourceType invoice, io.wirewrap.emulator.spec.ResourceType paymentIntent,
                          io.wirewrap.emulator.spec.ResourceType paymentMethod, io.wirewrap.emulator.spec.ResourceType subscription,
                          io.wirewrap.emulator.spec.ResourceType setupIntent, io.wirewrap.emulator.spec.ResourceType payout,
                          io.wirewrap.emulator.spec.ResourceType refund, io.wirewrap.emulator.spec.ResourceType session) {}

    private static final Set<String> ROUTES = Set.of(
            "POST /v1/invoices/{invoice}/finalize", "POST /v1/invoices/{invoice}/pay", "POST /v1/invoices/{invoice}/void",
            "POST /v1/invoices/{invoice}/mark_uncollectible", "POST /v1/invoices/{invoice}/send",
            "POST /v1/payment_intents/{intent}/confirm", "POST /v1/payment_intents/{intent}/cancel",
            "POST /v1/payment_methods/{payment_method}/attach", "POST /v1/payment_methods/{payment_method}/detach",
            "POST /v1/setup_intents/{intent}/confirm", "POST /v1/setup_intents/{intent}/cancel",
            "DELETE /v1/subscriptions/{subscription_exposed_id}", "POST /v1/subscriptions/{subscription}/resume",
            "POST /v1/payouts/{payout}/cancel", "POST /v1/charges/{charge}/refunds",
            "POST /v1/checkout/sessions/{session}/expire");

    Actions(ObjectFactory factory, Events events, Writes writes, Behaviours behaviours) {
        this.events = events;
        this.writes = writes;
        this.behaviours = behaviours;
        var spec = factory.spec();
        this.types = new StripeApiTypes(spec.byObject("invoice"), spec.byObject("payment_intent"),
                spec.byObject("payment_method"), spec.byObject("subscription"), spec.byObject("setup_intent"),
                spec.byObject("payout"), spec.byObject("refund"), spec.byObject("checkout.session"));
    }

    boolean handles(String method, String template) { return ROUTES.contains(method + " " + template); }

    ObjectNode run(ApiRequest req, Operation op, String template, Map<String, String> pathParams) {
        String id = pathParams.values().iterator().next();
        ObjectNode params = op == null ? Json.object() : writes.typedParams(req, op);
        return switch (req.method() + " " + template) {
            case "POST /v1/invoices/{invoice}/finalize" -> finalizeInvoice(req, writes.load(req, types.invoice(), id), true);
            case "POST /v1/invoices/{invoice}/pay" -> payInvoice(req, writes.load(req, types.invoice(), id), params);
            case "POST /v1/invoices/{invoice}/void" -> voidInvoice(req, writes.load(req, types.invoice(), id));
            case "POST /v1/invoices/{invoice}/mark_uncollectible" -> uncollectible(req, writes.load(req, types.invoice(), id));
            case "POST /v1/invoices/{invoice}/send" -> sendInvoice(req, writes.load(req, types.invoice(), id));
            case "POST /v1/payment_intents/{intent}/confirm" -> {
                ObjectNode pi = writes.load(req, types.paymentIntent(), id);
                behaviours.payments.confirmPaymentIntent(req, pi, params);
                yield pi;
            }
            case "POST /v1/payment_intents/{intent}/cancel" -> cancelPaymentIntent(req, writes.load(req, types.paymentIntent(), id), params);
            case "POST /v1/payment_methods/{payment_method}/attach" -> attach(req, writes.load(req, types.paymentMethod(), id), params);
            case "POST /v1/payment_methods/{payment_method}/detach" -> detach(req, writes.load(req, types.paymentMethod(), id));
            case "POST /v1/setup_intents/{intent}/confirm" -> {
                ObjectNode si = writes.load(req, types.setupIntent(), id);
                behaviours.payments.confirmSetupIntent(req, si, params);
                yield si;
            }
            case "POST /v1/setup_intents/{intent}/cancel" -> cancelSetupIntent(req, writes.load(req, types.setupIntent(), id));
            case "DELETE /v1/subscriptions/{subscription_exposed_id}" -> cancelSubscription(req, writes.load(req, types.subscription(), id));
            case "POST /v1/subscriptions/{subscription}/resume" -> throw ApiError.invalid(null,
                    "Only subscriptions with `status=paused` can be resumed.", null);
            case "POST /v1/payouts/{payout}/cancel" -> cancelPayout(req, writes.load(req, types.payout(), id));
            case "POST /v1/charges/{charge}/refunds" -> refundCharge(req, op, id);
            case "POST /v1/checkout/sessions/{session}/expire" -> expireSession(req, writes.load(req, types.session(), id));
            default -> throw ApiError.unrecognizedUrl(req.method(), req.path());
        };
    }

    private ObjectNode save(ApiRequest req, ObjectNode before, ObjectNode after, String eventType) {
        req.data().put(after);
        events.emit(req, eventType, after, Writes.previousAttributes(before, after));
        return after;
    }

    ObjectNode finalizeInvoice(ApiRequest req, ObjectNode inv, boolean alone) {
        if (!"draft".equals(inv.path("status").asText())) {
            throw ApiError.invalid("invoice_not_editable", "This invoice is already finalized, you can't re-finalize a non-draft invoice.", null);
        }
        ObjectNode before = inv.deepCopy();
        long now = Clock.now();
        inv.put("status", "open");
        if (inv.path("number").isNull() || inv.path("number").asText().isEmpty()) {
            inv.put("number", Ids.next("").substring(0, 8).toUpperCase(java.util.Locale.ROOT) + "-0001");
        }
        if (inv.get("status_transitions") instanceof ObjectNode st) st.put("finalized_at", now);
        inv.put("effective_at", now);
        inv.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_emulator/" + inv.get("id").asText());
        inv.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_emulator/" + inv.get("id").asText() + "/pdf");
        return save(req, before, inv, "invoice.finalized");
    }

    private ObjectNode payInvoice(ApiRequest req, ObjectNode inv, ObjectNode params) {
        String status = inv.path("status").asText();
        if ("draft".equals(status)) {
            inv = finalizeInvoice(req, inv, false);
        } else if ("paid".equals(status)) {
            throw ApiError.invalid("invoice_already_paid", "Invoice is already paid", null);
        } else if (!"open".equals(status) && !"uncollectible".equals(status)) {
            throw ApiError.invalid("invoice_not_editable", "You cannot pay an invoice with status " + status + ".", null);
        }
        ObjectNode before = inv.deepCopy();
        long amount = inv.path("amount_remaining").asLong(inv.path("amount_due").asLong());
        boolean outOfBand = params.path("paid_out_of_band").asBoolean(false);
        if (amount > 0 && !outOfBand) {
            ObjectNode charge = behaviours.money.charge(req, inv.path("customer").asText(null), null, null, amount,
                    inv.path("currency").asText(), inv.get("id").asText());
            inv.put("charge", charge.get("id").asText());
        }
        inv.put("status", "paid");
        inv.put("paid", true);
        inv.put("paid_out_of_band", outOfBand);
        inv.put("amount_paid", inv.path("amount_due").asLong());
        inv.put("amount_remaining", 0);
        inv.put("attempted", true);
        inv.put("attempt_count", inv.path("attempt_count").asLong() + 1);
        if (inv.get("status_transitions") instanceof ObjectNode st) st.put("paid_at", Clock.now());
        return save(req, before, inv, "invoice.paid");
    }

    private ObjectNode voidInvoice(ApiRequest req, ObjectNode inv) {
        if (!"open".equals(inv.path("status").asText()) && !"uncollectible".equals(inv.path("status").asText())) {
            throw ApiError.invalid("invoice_not_editable", "You can only pass in open invoices. This invoice isn't open.", null);
        }
        ObjectNode before = inv.deepCopy();
        inv.put("status", "void");
        inv.put("amount_remaining", 0);
        if (inv.get("status_transitions") instanceof ObjectNode st) st.put("voided_at", Clock.now());
        return save(req, before, inv, "invoice.voided");
    }

    private ObjectNode uncollectible(ApiRequest req, ObjectNode inv) {
        if (!"open".equals(inv.path("status").asText())) {
            throw ApiError.invalid("invoice_not_editable", "You can only mark open invoices as uncollectible. This invoice isn't open.", null);
        }
        ObjectNode before = inv.deepCopy();
        inv.put("status", "uncollectible");
        if (inv.get("status_transitions") instanceof ObjectNode st) st.put("marked_uncollectible_at", Clock.now());
        return save(req, before, inv, "invoice.marked_uncollectible");
    }

    private ObjectNode sendInvoice(ApiRequest req, ObjectNode inv) {
        if (!"open".equals(inv.path("status").asText())) {
            throw ApiError.invalid("invoice_not_editable", "You can only send open invoices.", null);
        }
        events.emit(req, "invoice.sent", inv, null);
        return inv;
    }

    private ObjectNode cancelPaymentIntent(ApiRequest req, ObjectNode pi, ObjectNode params) {
        String status = pi.path("status").asText();
        if (!Set.of("requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing").contains(status)) {
            throw ApiError.invalid("payment_intent_unexpected_state", "You cannot cancel this PaymentIntent because it has a status of "
                    + status + ". Only a PaymentIntent with one of the following statuses may be canceled: "
                    + "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.", null);
        }
        ObjectNode before = pi.deepCopy();
        pi.put("status", "canceled");
        pi.put("canceled_at", Clock.now());
        pi.put("cancellation_reason", params.path("cancellation_reason").asText("requested_by_customer"));
        return save(req, before, pi, "payment_intent.canceled");
    }

    private ObjectNode attach(ApiRequest req, ObjectNode pm, ObjectNode params) {
        String customer = params.path("customer").asText(null);
        if (customer == null) throw ApiError.missingParameter("customer");
        Refs.requireRef(req.data(), "customer", customer, "customer");
        String current = pm.path("customer").asText(null);
        if (current != null && !pm.path("customer").isNull()) {
            if (current.equals(customer)) return pm;
            throw ApiError.invalid("payment_method_unexpected_state", "The payment method you provided has already been attached to a customer.", null);
        }
        ObjectNode before = pm.deepCopy();
        pm.put("customer", customer);
        return save(req, before, pm, "payment_method.attached");
    }

    private ObjectNode detach(ApiRequest req, ObjectNode pm) {
        if (pm.path("customer").isNull() || pm.path("customer").isMissingNode()) {
            throw ApiError.invalid("payment_method_unexpected_state", "The payment method you provided is not attached to a customer so detachment is impossible.", null);
        }
        ObjectNode before = pm.deepCopy();
        pm.putNull("customer");
        return save(req, before, pm, "payment_method.detached");
    }

    private ObjectNode cancelSetupIntent(ApiRequest req, ObjectNode si) {
        String status = si.path("status").asText();
        if ("succeeded".equals(status) || "canceled".equals(status)) {
            throw ApiError.invalid("setup_intent_unexpected_state", "You cannot cancel this SetupIntent because it has a status of " + status + ".", null);
        }
        ObjectNode before = si.deepCopy();
        si.put("status", "canceled");
        si.put("cancellation_reason", "requested_by_customer");
        return save(req, before, si, "setup_intent.canceled");
    }

    private ObjectNode cancelSubscription(ApiRequest req, ObjectNode sub) {
        if ("canceled".equals(sub.path("status").asText())) {
            throw ApiError.invalid("resource_missing", "No such subscription: '" + sub.get("id").asText() + "'", "id")
                    .withStatus(404);
        }
        ObjectNode before = sub.deepCopy();
        long now = Clock.now();
        sub.put("status", "canceled");
        sub.put("canceled_at", now);
        sub.put("ended_at", now);
        return save(req, before, sub, "customer.subscription.deleted");
    }

    private ObjectNode cancelPayout(ApiRequest req, ObjectNode po) {
        if (!"pending".equals(po.path("status").asText())) {
            throw ApiError.invalid("payout_not_cancelable", "Payouts can only be canceled while they are pending.", null);
        }
        ObjectNode before = po.deepCopy();
        po.put("status", "canceled");
        return save(req, before, po, "payout.canceled");
    }

    private ObjectNode refundCharge(ApiRequest req, Operation op, String chargeId) {
        ObjectNode params = writes.typedParams(req, op);
        params.put("charge", chargeId);
        Refs.requireRef(req.data(), "charge", chargeId, "charge");
        ObjectNode refund = behavioursCreate(req, params);
        return refund;
    }

    private ObjectNode behavioursCreate(ApiRequest req, ObjectNode params) {
        ObjectNode node = writes.factory().create("refund", Ids.next("re_"), Clock.now());
        if (params.has("metadata")) Writes.mergeMetadata(node, params.get("metadata"));
        behaviours.beforeCreate(req, types.refund(), node, params);
        req.data().put(node);
        events.emit(req, "refund.created", node, null);
        return node;
    }

    private ObjectNode expireSession(ApiRequest req, ObjectNode cs) {
        if (!"open".equals(cs.path("status").asText())) {
            throw ApiError.invalid("checkout_session_unexpected_state", "Only Checkout Sessions with a status of open can be expired.", null);
        }
        ObjectNode before = cs.deepCopy();
        cs.put("status", "expired");
        return save(req, before, cs, "checkout.session.expired");
    }
}
