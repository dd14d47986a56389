package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.List;
import java.util.Locale;

import static io.wirewrap.emulator.api.Refs.requireRef;
import java.util.Set;

/**
 * What individual object types do beyond copying fields: defaults Stripe fills in, references that must
 * exist, related objects a create brings along (a price's product, a subscription's items and first invoice).
 */
class Behaviours {
    /** Types whose create takes the caller's id, like Stripe. */
    private static final Set<String> CUSTOM_IDS = Set.of("coupon", "product", "plan");

    protected final ObjectFactory factory;
    protected final Events events;
    final Money money;
    final Payments payments;
    final Billing billing;
    final Catalog catalog;

    Behaviours(ObjectFactory factory, Events events) {
        this.factory = factory;
        this.events = events;
        this.money = new Money(factory, events);
        this.payments = new Payments(factory, events, money);
        this.billing = new Billing(factory, events, money);
        this.catalog = new Catalog(factory, events, money);
    }

    boolean acceptsCustomId(ResourceType type) { return CUSTOM_IDS.contains(type.object()); }

    String newId(ResourceType type) {
        if (type.idPrefix().isEmpty()) return Ids.next("").substring(0, 8).toUpperCase(Locale.ROOT);
        if ("checkout.session".equals(type.object())) return Ids.next("cs_test_") + Ids.next("").substring(0, 10);
        return Ids.next(type.idPrefix());
    }

    void beforeCreate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        switch (type.object()) {
            case "customer" -> node.put("invoice_prefix", Ids.next("").substring(0, 8).toUpperCase(Locale.ROOT));
            case "product" -> {
                node.put("updated", node.get("created").asLong());
                if (!params.has("active")) node.put("active", true);
                node.putNull("default_price");
            }
            case "price" -> catalog.price(req, node, params);
            case "plan" -> catalog.plan(req, node, params);
            case "coupon" -> {
                if (!params.hasNonNull("percent_off") && !params.hasNonNull("amount_off"))
                    throw ApiError.invalid("parameter_missing", "You must pass either percent_off or amount_off.", "percent_off");
                if (params.hasNonNull("amount_off") && !params.hasNonNull("currency"))
                    throw ApiError.missingParameter("currency");
                for (String f : List.of("percent_off", "amount_off", "currency", "duration_in_months", "max_redemptions", "redeem_by", "name"))
                    if (!params.hasNonNull(f)) node.putNull(f);
                node.put("times_redeemed", 0);
                node.put("valid", true);
            }
            case "promotion_code" -> {
                String coupon = params.path("coupon").asText();
                StoredObject c = data.type("coupon").get(coupon);
                if (c == null) throw ApiError.invalid("resource_missing", "No such coupon: '" + coupon + "'", "coupon");
                node.set("coupon", Json.parse(c.json()));
                if (!params.has("code")) node.put("code", Ids.next("").substring(0, 8).toUpperCase(Locale.ROOT));
                node.put("active", !params.has("active") || params.get("active").asBoolean());
                node.put("times_redeemed", 0);
                if (!params.has("customer")) node.putNull("customer");
                else requireRef(data, "customer", params.get("customer").asText(), "customer");
            }
            case "payment_method" -> {
                node.putNull("customer");
                if (!"card".equals(params.path("type").asText())) node.remove("card");
            }
            case "payment_intent" -> {
                if (params.hasNonNull("customer")) requireRef(data, "customer", params.get("customer").asText(), "customer");
                if (params.hasNonNull("payment_method")) {
                    String pm = payments.resolvePaymentMethod(req, params.get("payment_method").asText(), "payment_method");
                    params.put("payment_method", pm);
                    node.put("payment_method", pm);
                }
                node.put("status", params.hasNonNull("payment_method") ? "requires_confirmation" : "requires_payment_method");
                node.put("amount_received", 0);
                node.put("amount_capturable", 0);
                node.putNull("latest_charge");
                node.putNull("canceled_at");
                node.putNull("cancellation_reason");
                node.put("client_secret", node.get("id").asText() + "_secret_" + Ids.next("").substring(0, 12));
                for (String f : List.of("customer", "payment_method", "description", "receipt_email"))
                    if (!params.hasNonNull(f)) node.putNull(f);
            }
            case "charge" -> {
                if (params.hasNonNull("customer")) requireRef(data, "customer", params.get("customer").asText(), "customer");
                long amount = params.path("amount").asLong();
                if (amount < 50) throw ApiError.invalid("amount_too_small", "Amount must be at least 50 cents", "amount");
                TestCards.Card sourceCard = TestCards.byToken(params.path("source").asText(""));
                TestCards.Decline declined = sourceCard == null ? null : TestCards.declineFor(sourceCard.last4());
                if (declined != null) {
                    ObjectNode failed = money.failedCharge(req, params.path("customer").asText(null), null, null, amount,
                            params.path("currency").asText(), declined);
                    throw new ApiError(402, "card_error", declined.code(), declined.message(), null)
                            .withDetails(declined.declineCode(), failed.get("id").asText(), null);
                }
                node.put("status", "succeeded");
                node.put("paid", true);
                node.put("captured", true);
                node.put("amount_captured", amount);
                node.put("amount_refunded", 0);
                node.put("refunded", false);
                node.put("disputed", false);
                node.putNull("payment_intent");
                node.putNull("failure_code");
                node.putNull("failure_message");
                if (!params.has("customer")) node.putNull("customer");
                node.put("balance_transaction", money.ledger(data, "charge", node.get("id").asText(), amount,
                        Math.round(amount * 0.029) + 30, params.path("currency").asText()));
                ObjectNode refunds = node.putObject("refunds");
                refunds.put("object", "list");
                refunds.putArray("data");
                refunds.put("has_more", false);
                refunds.put("url", "/v1/charges/" + node.get("id").asText() + "/refunds");
            }
            case "refund" -> payments.refund(req, node, params);
            case "invoiceitem" -> {
                requireRef(data, "customer", params.path("customer").asText(), "customer");
                long amount = params.path("amount").asLong(params.path("unit_amount").asLong(0) * params.path("quantity").asLong(1));
                if (params.hasNonNull("price")) {
                    ObjectNode price = requireRef(data, "price", params.get("price").asText(), "price");
                    amount = price.path("unit_amount").asLong() * params.path("quantity").asLong(1);
                    node.set("price", price);
                    node.put("currency", price.path("currency").asText());
                } else {
                    node.putNull("price");
                }
                node.put("amount", amount);
                node.put("quantity", params.path("quantity").asLong(1));
                node.remove("plan");
                node.putNull("subscription");
                if (!params.hasNonNull("invoice")) node.putNull("invoice");
                if (!params.hasNonNull("description")) node.putNull("description");
                if (!node.hasNonNull("currency")) node.put("currency", "usd");
            }
            case "invoice" -> billing.invoice(req, node, params);
            case "subscription" -> billing.subscription(req, node, params);
            case "subscription_item" -> {
                ObjectNode sub = requireRef(data, "subscription", params.path("subscription").asText(), "subscription");
                node.set("price", requireRef(data, "price", params.path("price").asText(), "price"));
                node.put("quantity", params.path("quantity").asLong(1));
                ArrayNode items = (ArrayNode) sub.path("items").path("data");
                items.add(node.deepCopy());
                data.put(sub);
            }
            case "setup_intent" -> {
                if (params.hasNonNull("customer")) requireRef(data, "customer", params.get("customer").asText(), "customer");
                node.put("status", params.hasNonNull("payment_method") ? "requires_confirmation" : "requires_payment_method");
                for (String f : List.of("customer", "payment_method", "description", "latest_attempt", "mandate"))
                    if (!params.hasNonNull(f)) node.putNull(f);
                node.put("client_secret", node.get("id").asText() + "_secret_" + Ids.next("").substring(0, 12));
            }
            case "payout" -> {
                node.put("status", "pending");
                node.put("arrival_date", node.get("created").asLong() + 2 * 24 * 3600);
                node.put("automatic", false);
                node.putNull("destination");
                node.putNull("failure_balance_transaction");
                node.put("balance_transaction", money.ledger(data, "payout", node.get("id").asText(),
                        -params.path("amount").asLong(), 0, params.path("currency").asText()));
            }
            case "topup" -> {
                node.put("status", "pending");
                node.put("balance_transaction", money.ledger(data, "topup", node.get("id").asText(),
                        params.path("amount").asLong(), 0, params.path("currency").asText()));
            }
            case "transfer" -> {
                node.put("amount_reversed", 0);
                node.put("reversed", false);
                node.put("balance_transaction", money.ledger(data, "transfer", node.get("id").asText(),
                        -params.path("amount").asLong(), 0, params.path("currency").asText()));
                ObjectNode rev = node.putObject("reversals");
                rev.put("object", "list");
                rev.putArray("data");
                rev.put("has_more", false);
                rev.put("url", "/v1/transfers/" + node.get("id").asText() + "/reversals");
            }
            case "checkout.session" -> {
                node.put("status", "open");
                node.put("payment_status", "unpaid");
                node.put("expires_at", node.get("created").asLong() + 24 * 3600);
                node.put("url", "https://checkout.stripe.com/c/pay/" + node.get("id").asText());
                node.set("line_items", billing.checkoutLineItems(req, node, params.get("line_items")));
                for (String f : List.of("customer", "payment_intent", "subscription", "invoice", "setup_intent", "payment_link"))
                    if (!params.hasNonNull(f)) node.putNull(f);
            }
            case "credit_note" -> {
                ObjectNode inv = requireRef(data, "invoice", params.path("invoice").asText(), "invoice");
                if (!Set.of("open", "paid").contains(inv.path("status").asText()))
                    throw ApiError.invalid("invoice_not_editable", "Credit notes can only be created for open or paid invoices.", "invoice");
                long amount = params.path("amount").asLong(inv.path("total").asLong());
                node.put("amount", amount);
                node.put("subtotal", amount);
                node.put("total", amount);
                node.put("currency", inv.path("currency").asText());
                node.put("customer", inv.path("customer").asText());
                node.put("number", inv.path("number").asText("DRAFT") + "-CN-" + Ids.next("").substring(0, 4));
                node.put("status", "issued");
                node.putNull("refund");
            }
            case "quote" -> {
                if (params.hasNonNull("customer")) requireRef(data, "customer", params.get("customer").asText(), "customer");
                node.put("status", "draft");
            }
            case "file_link" -> requireRef(data, "file", params.path("file").asText(), "file");
            case "token" -> {
                if (params.get("card") instanceof ObjectNode card && node.get("card") instanceof ObjectNode c) {
                    String number = card.path("number").asText("4242424242424242");
                    c.put("last4", number.length() >= 4 ? number.substring(number.length() - 4) : number);
                    c.put("brand", number.startsWith("4") ? "Visa" : number.startsWith("5") ? "MasterCard"
                            : number.startsWith("3") ? "American Express" : "Unknown");
                    c.put("id", Ids.next("card_"));
                    node.put("type", "card");
                }
                node.put("used", false);
                node.put("client_ip", "127.0.0.1");
            }
            case "account" -> {
                node.put("charges_enabled", false);
                node.put("payouts_enabled", false);
            }
            default -> { }
        }
    }

    void afterCreate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {
        if ("payment_intent".equals(type.object()) && params.path("confirm").asBoolean(false)) {
            payments.confirmPaymentIntent(req, node, params);
        }
        if ("setup_intent".equals(type.object()) && params.path("confirm").asBoolean(false)) {
            payments.confirmSetupIntent(req, node, params);
        }
    }

    void beforeUpdate(ApiRequest req, ResourceType type, ObjectNode node, ObjectNode params) {
        if ("invoice".equals(type.object()) && !"draft".equals(node.path("status").asText())) {
            for (String f : List.of("collection_method", "days_until_due", "auto_advance", "default_payment_method"))
                if (params.has(f)) throw ApiError.invalid("invoice_not_editable",
                        "You can only update the " + f + " of a draft invoice. This invoice is " + node.path("status").asText() + ".", f);
        }
        if ("payment_intent".equals(type.object()) && Set.of("succeeded", "canceled").contains(node.path("status").asText())
                && params.has("amount")) {
            throw ApiError.invalid("payment_intent_unexpected_state", "This PaymentIntent's amount could not be updated "
                    + "because it has a status of " + node.path("status").asText() + ".", "amount");
        }
        if ("product".equals(type.object())) node.put("updated", Clock.now());
    }

    void beforeDelete(ApiRequest req, ResourceType type, ObjectNode node) {
        switch (type.object()) {
            case "invoice" -> {
                if (!"draft".equals(node.path("status").asText()))
                    throw ApiError.invalid("invoice_not_editable", "You can only delete draft invoices. Use void to cancel finalized invoices.", null);
            }
            case "product" -> {
                TypeStore prices = req.data().type("price");
                int idx = prices.indexOf("product");
                for (StoredObject p : prices.ordered().values()) {
                    if (node.get("id").asText().equals(p.index()[idx]))
                        throw ApiError.invalid(null, "This product cannot be deleted because it has one or more user-created prices.", null);
                }
            }
            default -> { }
        }
    }

    // ---- types with more to do ----

    // ---- shared with actions ----

}
