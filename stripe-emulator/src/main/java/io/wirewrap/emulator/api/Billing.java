package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.wirewrap.emulator.api.Refs.requireRef;

/** Invoices, subscriptions and checkout line items: the objects whose totals are sums of lines. */
final class Billing {
    private final ObjectFactory factory;
    private final Events events;
    final Money money;

    Billing(ObjectFactory factory, Events events, Money money) {
        this.factory = factory;
        this.events = events;
        this.money = money;
    }

    void invoice(ApiRequest req, ObjectNode node, ObjectNode params) {
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
    ObjectNode checkoutLineItems(ApiRequest req, ObjectNode session, JsonNode itemParams) {
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

    void subscription(ApiRequest req, ObjectNode node, ObjectNode params) {
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
}
