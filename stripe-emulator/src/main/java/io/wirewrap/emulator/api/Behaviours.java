package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    Behaviours(ObjectFactory factory, Events events) {
        this.factory = factory;
        this.events = events;
        this.money = new Money(factory, events);
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
            case "price" -> price(req, node, params);
            case "plan" -> plan(req, node, params);
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
                    String pm = resolvePaymentMethod(req, params.get("payment_method").asText(), "payment_method");
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
            case "refund" -> refund(req, node, params);
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
            case "invoice" -> invoice(req, node, params);
            case "subscription" -> subscription(req, node, params);
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
                node.set("line_items", checkoutLineItems(req, node, params.get("line_items")));
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
            confirmPaymentIntent(req, node, params);
        }
        if ("setup_intent".equals(type.object()) && params.path("confirm").asBoolean(false)) {
            confirmSetupIntent(req, node, params);
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

    private void price(ApiRequest req, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        if (params.hasNonNull("product")) {
            requireRef(data, "product", params.get("product").asText(), "product");
        } else if (params.has("product_data")) {
            node.put("product", createProduct(req, params.get("product_data")));
        } else {
            throw ApiError.missingParameter("product");
        }
        JsonNode rec = params.get("recurring");
        if (rec != null && rec.isObject()) {
            ObjectNode r = node.putObject("recurring");
            r.putNull("aggregate_usage");
            r.put("interval", rec.path("interval").asText("month"));
            r.put("interval_count", rec.path("interval_count").asLong(1));
            r.put("usage_type", rec.path("usage_type").asText("licensed"));
            node.put("type", "recurring");
        } else {
            node.putNull("recurring");
            node.put("type", "one_time");
        }
        if (!params.has("active")) node.put("active", true);
        if (params.hasNonNull("unit_amount")) node.put("unit_amount_decimal", params.get("unit_amount").asText());
        if (!params.hasNonNull("lookup_key")) node.putNull("lookup_key");
        if (!params.hasNonNull("nickname")) node.putNull("nickname");
    }

    private void plan(ApiRequest req, ObjectNode node, ObjectNode params) {
        JsonNode product = params.get("product");
        if (product != null && product.isObject()) node.put("product", createProduct(req, product));
        else if (product != null) requireRef(req.data(), "product", product.asText(), "product");
        node.put("active", !params.has("active") || params.get("active").asBoolean());
        if (params.hasNonNull("amount")) node.put("amount_decimal", params.get("amount").asText());
        node.put("interval_count", params.path("interval_count").asLong(1));
    }

    private String createProduct(ApiRequest req, JsonNode productData) {
        if (!productData.hasNonNull("name")) throw ApiError.missingParameter("product_data[name]");
        ObjectNode prod = factory.create("product", Ids.next("prod_"), Clock.now());
        prod.put("name", productData.get("name").asText());
        prod.put("active", true);
        prod.put("updated", prod.get("created").asLong());
        prod.putNull("default_price");
        prod.putNull("description");
        req.data().put(prod);
        events.emit(req, "product.created", prod, null);
        return prod.get("id").asText();
    }

    private void refund(ApiRequest req, ObjectNode node, ObjectNode params) {
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

    private void invoice(ApiRequest req, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        if (!params.hasNonNull("customer")) throw ApiError.missingParameter("customer");
        ObjectNode customer = requireRef(data, "customer", params.get("customer").asText(), "customer");
        String currency = params.path("currency").asText(customer.path("currency").asText("usd"));
        node.put("status", "draft");
        node.put("currency", currency);
        node.put("customer_email", customer.path("email").asText(null));
        node.put("customer_name", customer.path("name").asText(null));
        node.put("collection_method", params.path("collection_method").asText("charge_automatically"));
        node.put("billing_reason", "manual");
        node.putNull("number");
        node.put("paid", false);
        node.put("attempted", false);
        node.put("attempt_count", 0);
        node.putNull("subscription");
        node.putNull("charge");
        node.putNull("payment_intent");
        node.put("period_start", node.get("created").asLong());
        node.put("period_end", node.get("created").asLong());
        if (node.get("status_transitions") instanceof ObjectNode st) {
            for (String f : List.of("finalized_at", "paid_at", "voided_at", "marked_uncollectible_at")) st.putNull(f);
        }
        // pending invoice items of the customer become the invoice's lines, as Stripe does by default
        ArrayNode lines = Json.object().arrayNode();
        long total = 0;
        TypeStore items = data.type("invoiceitem");
        List<ObjectNode> claimed = new ArrayList<>();
        int customerIdx = items.indexOf("customer");
        if (!"exclude".equals(params.path("pending_invoice_items_behavior").asText())) {
            for (StoredObject o : items.ordered().values()) {
                if (!customer.get("id").asText().equals(o.index()[customerIdx])) continue;
                ObjectNode ii = Json.parse(o.json());
                if (!ii.path("invoice").isNull()) continue;
                claimed.add(ii);
            }
        }
        for (ObjectNode ii : claimed) {
            ii.put("invoice", node.get("id").asText());
            data.put(ii);
            ObjectNode line = factory.create("line_item", Ids.next("il_"), 0);
            line.remove("created");
            long amount = ii.path("amount").asLong();
            line.put("amount", amount);
            line.put("amount_excluding_tax", amount);
            line.put("currency", ii.path("currency").asText());
            line.put("description", ii.path("description").asText(null));
            line.put("invoice_item", ii.get("id").asText());
            line.put("type", "invoiceitem");
            line.putNull("subscription");
            line.put("quantity", ii.path("quantity").asLong(1));
            line.set("price", ii.get("price"));
            ObjectNode per = line.putObject("period");
            per.put("end", node.get("created").asLong());
            per.put("start", node.get("created").asLong());
            lines.add(line);
            total += amount;
        }
        setLinesAndTotals(node, lines, total);
    }

    /** A session's line items as the list object Stripe embeds (and serves at .../line_items). */
    private ObjectNode checkoutLineItems(ApiRequest req, ObjectNode session, JsonNode itemParams) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        long total = 0;
        String currency = null;
        int i = 0;
        if (itemParams != null) {
            for (JsonNode ip : itemParams) {
                if (ip == null || ip.isNull()) continue;
                ObjectNode price = requireRef(req.data(), "price", ip.path("price").asText(), "line_items[" + i + "][price]");
                long qty = ip.path("quantity").asLong(1);
                long amount = price.path("unit_amount").asLong() * qty;
                ObjectNode item = factory.create("item", Ids.next("li_"), 0);
                item.remove("created");
                item.put("amount_subtotal", amount);
                item.put("amount_total", amount);
                item.put("amount_discount", 0);
                item.put("amount_tax", 0);
                item.put("currency", price.path("currency").asText());
                item.put("description", price.path("nickname").asText("item"));
                item.set("price", price);
                item.put("quantity", qty);
                data.add(item);
                total += amount;
                currency = price.path("currency").asText();
                i++;
            }
        }
        list.put("has_more", false);
        list.put("url", "/v1/checkout/sessions/" + session.get("id").asText() + "/line_items");
        session.put("amount_subtotal", total);
        session.put("amount_total", total);
        if (currency != null) session.put("currency", currency);
        return list;
    }

    static void setLinesAndTotals(ObjectNode invoice, ArrayNode lines, long total) {
        ObjectNode list = invoice.putObject("lines");
        list.put("object", "list");
        list.set("data", lines);
        list.put("has_more", false);
        list.put("url", "/v1/invoices/" + invoice.get("id").asText() + "/lines");
        invoice.put("subtotal", total);
        invoice.put("subtotal_excluding_tax", total);
        invoice.put("total", total);
        invoice.put("total_excluding_tax", total);
        invoice.put("amount_due", total);
        invoice.put("amount_paid", 0);
        invoice.put("amount_remaining", total);
    }

    private void subscription(ApiRequest req, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        ObjectNode customer = requireRef(data, "customer", params.path("customer").asText(), "customer");
        JsonNode itemParams = params.get("items");
        if (itemParams == null || itemParams.isEmpty()) throw ApiError.missingParameter("items");
        long now = node.get("created").asLong();
        String subId = node.get("id").asText();
        ArrayNode items = Json.object().arrayNode();
        String currency = null;
        String interval = "month";
        long total = 0;
        ArrayNode lines = Json.object().arrayNode();
        int i = 0;
        for (JsonNode ip : itemParams) {
            if (ip == null || ip.isNull()) continue;
            String priceId = ip.path("price").asText(ip.path("plan").asText(null));
            if (priceId == null) throw ApiError.missingParameter("items[" + i + "][price]");
            ObjectNode price = requireRef(data, "price", priceId, "items[" + i + "][price]");
            if (!"recurring".equals(price.path("type").asText()))
                throw ApiError.invalid(null, "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.", "items[" + i + "][price]");
            if (currency != null && !currency.equals(price.path("currency").asText()))
                throw ApiError.invalid(null, "All prices on a subscription must have the same `currency`.", "items[" + i + "][price]");
            currency = price.path("currency").asText();
            interval = price.path("recurring").path("interval").asText("month");
            ObjectNode si = factory.create("subscription_item", Ids.next("si_"), now);
            long qty = ip.path("quantity").asLong(1);
            si.set("price", price);
            si.put("quantity", qty);
            si.put("subscription", subId);
            si.putArray("tax_rates");
            data.put(si);
            items.add(si);
            long amount = price.path("unit_amount").asLong() * qty;
            total += amount;
            ObjectNode line = factory.create("line_item", Ids.next("il_"), 0);
            line.remove("created");
            line.put("amount", amount);
            line.put("amount_excluding_tax", amount);
            line.put("currency", currency);
            line.put("description", qty + " × " + price.path("nickname").asText("subscription"));
            line.set("price", price);
            line.put("quantity", qty);
            line.put("subscription", subId);
            line.put("subscription_item", si.get("id").asText());
            line.put("type", "subscription");
            line.remove("invoice_item");
            lines.add(line);
            i++;
        }
        long periodEnd = now + ("year".equals(interval) ? 365L : 30L) * 24 * 3600;
        for (JsonNode line : lines) {
            ObjectNode per = ((ObjectNode) line).putObject("period");
            per.put("end", periodEnd);
            per.put("start", now);
        }
        ObjectNode list = node.putObject("items");
        list.put("object", "list");
        list.set("data", items);
        list.put("has_more", false);
        list.put("url", "/v1/subscription_items?subscription=" + subId);
        long trialDays = params.path("trial_period_days").asLong(0);
        node.put("status", trialDays > 0 ? "trialing" : "active");
        node.put("customer", customer.get("id").asText());
        node.put("currency", currency);
        node.put("start_date", now);
        node.put("billing_cycle_anchor", now);
        node.put("current_period_start", now);
        node.put("current_period_end", trialDays > 0 ? now + trialDays * 24 * 3600 : periodEnd);
        if (trialDays > 0) {
            node.put("trial_start", now);
            node.put("trial_end", now + trialDays * 24 * 3600);
        } else {
            node.putNull("trial_start");
            node.putNull("trial_end");
        }
        node.putNull("canceled_at");
        node.putNull("ended_at");
        node.put("cancel_at_period_end", params.path("cancel_at_period_end").asBoolean(false));
        if (!params.hasNonNull("default_payment_method")) node.putNull("default_payment_method");
        // the first period's invoice, paid at once (trials invoice zero)
        ObjectNode inv = factory.create("invoice", Ids.next("in_"), now);
        inv.put("customer", customer.get("id").asText());
        inv.put("customer_email", customer.path("email").asText(null));
        inv.put("customer_name", customer.path("name").asText(null));
        inv.put("subscription", subId);
        inv.put("currency", currency);
        inv.put("billing_reason", "subscription_create");
        inv.put("collection_method", "charge_automatically");
        inv.put("number", customer.path("invoice_prefix").asText("INV") + "-" + Ids.next("").substring(0, 4).toUpperCase(Locale.ROOT));
        long due = trialDays > 0 ? 0 : total;
        setLinesAndTotals(inv, lines, due);
        inv.put("status", "paid");
        inv.put("paid", true);
        inv.put("amount_paid", due);
        inv.put("amount_remaining", 0);
        inv.put("attempted", true);
        inv.put("attempt_count", 1);
        inv.put("period_start", now);
        inv.put("period_end", now);
        inv.putNull("charge");
        inv.putNull("payment_intent");
        if (inv.get("status_transitions") instanceof ObjectNode st) {
            st.put("finalized_at", now);
            st.put("paid_at", now);
            st.putNull("voided_at");
            st.putNull("marked_uncollectible_at");
        }
        data.put(inv);
        events.emit(req, "invoice.paid", inv, null);
        node.put("latest_invoice", inv.get("id").asText());
    }

    // ---- shared with actions ----

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

    /** The referenced object, or a 400 naming the parameter (as Stripe does for bad references in bodies). */
    static ObjectNode requireRef(AccountData data, String object, String id, String param) {
        StoredObject o = id == null || id.isEmpty() ? null : data.type(object).get(id);
        if (o == null) throw ApiError.invalid("resource_missing", "No such " + object + ": '" + id + "'", param);
        return Json.parse(o.json());
    }
}
