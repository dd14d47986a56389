package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Subscriptions with items and their last invoices (with lines), credit notes, pending invoice items. */
final class BillingSeed extends SeedContext {
    BillingSeed(SeedContext context) { super(context); }

    void subscription(ObjectNode customer, ObjectNode pm, String currency) {
        String cus = customer.get("id").asText();
        ObjectNode price = null;
        for (int tries = 0; tries < 6 && price == null; tries++) {
            ObjectNode p = recurring.get(r.nextInt(recurring.size()));
            if (p.get("currency").asText().equals(currency)) price = p;
        }
        if (price == null) price = recurring.get(r.nextInt(recurring.size()));
        boolean monthly = "month".equals(price.path("recurring").path("interval").asText());
        long period = monthly ? 30 * DAY : 365 * DAY;
        long created = between(customer.get("created").asLong() + 600, epoch - DAY);
        int roll = r.nextInt(100);
        String status = roll < 75 ? "active" : roll < 80 ? "trialing" : roll < 85 ? "past_due" : "canceled";
        ObjectNode sub = factory.create("subscription", id("sub_"), created);
        String subId = sub.get("id").asText();
        long periods = Math.max(1, (epoch - created) / period + 1);
        long endedAt = "canceled".equals(status) ? between(created + DAY, epoch) : 0;
        long lastStart = created + (("canceled".equals(status) ? (endedAt - created) / period : periods - 1)) * period;
        sub.put("customer", cus);
        sub.put("status", status);
        sub.put("currency", price.get("currency").asText());
        sub.put("start_date", created);
        sub.put("billing_cycle_anchor", created);
        sub.put("current_period_start", lastStart);
        sub.put("current_period_end", lastStart + period);
        sub.put("default_payment_method", pm.get("id").asText());
        sub.put("collection_method", "charge_automatically");
        sub.put("cancel_at_period_end", false);
        if ("canceled".equals(status)) {
            sub.put("canceled_at", endedAt);
            sub.put("ended_at", endedAt);
        } else {
            sub.putNull("canceled_at");
            sub.putNull("ended_at");
        }
        if ("trialing".equals(status)) {
            sub.put("trial_start", created);
            sub.put("trial_end", created + 14 * DAY);
        } else {
            sub.putNull("trial_start");
            sub.putNull("trial_end");
        }
        sub.putObject("metadata").put("plan", customer.path("metadata").path("plan").asText());
        ObjectNode si = factory.create("subscription_item", id("si_"), created);
        si.set("price", price.deepCopy());
        si.put("quantity", 1 + (r.nextInt(4) == 0 ? r.nextInt(10) : 0));
        si.put("subscription", subId);
        si.putArray("tax_rates");
        put(si);
        ObjectNode items = sub.putObject("items");
        items.put("object", "list");
        items.putArray("data").add(si.deepCopy());
        items.put("has_more", false);
            items.put("url", "/v1/subscription_items?subscription=" + subId);
        // the last up to three periods were invoiced
        long firstInvoiced = Math.max(0, ("canceled".equals(status) ? (endedAt - created) / period : periods - 1) - 2);
        String latest = null;
        long lastIndex = "canceled".equals(status) ? (endedAt - created) / period : periods - 1;
        for (long n = firstInvoiced; n <= lastIndex; n++) {
            long ps = created + n * period;
            if (ps > epoch) break;
            boolean last = n == lastIndex;
            String invStatus = last && "past_due".equals(status) ? "open" : "trialing".equals(status) && n == 0 ? "paid" : "paid";
            latest = invoice(customer, sub, si, price, ps, ps + period, invStatus, (int) n + 1);
        }
        sub.put("latest_invoice", latest);
        put(sub);
    }

    String invoice(ObjectNode customer, ObjectNode sub, ObjectNode si, ObjectNode price, long periodStart,
                   long periodEnd, String status, int sequence) {
        ObjectNode inv = factory.create("invoice", id("in_"), periodStart);
        String invId = inv.get("id").asText();
        long amount = price.get("unit_amount").asLong() * si.get("quantity").asLong();
        String currency = price.get("currency").asText();
        inv.put("customer", customer.get("id").asText());
        inv.put("customer_email", customer.path("email").asText(null));
        inv.put("customer_name", customer.path("name").asText(null));
        inv.put("subscription", sub.get("id").asText());
        inv.put("status", status);
        inv.put("currency", currency);
        inv.put("collection_method", "charge_automatically");
        inv.put("billing_reason", sequence == 1 ? "subscription_create" : "subscription_cycle");
        inv.put("number", customer.get("invoice_prefix").asText() + "-" + String.format("%04d", sequence));
        inv.put("subtotal", amount);
        inv.put("subtotal_excluding_tax", amount);
        inv.put("total", amount);
        inv.put("total_excluding_tax", amount);
        inv.put("amount_due", amount);
        boolean paid = "paid".equals(status);
        inv.put("amount_paid", paid ? amount : 0);
        inv.put("amount_remaining", paid ? 0 : amount);
        inv.put("paid", paid);
        inv.put("attempted", true);
        inv.put("attempt_count", paid ? 1 : 2);
        inv.put("period_start", periodStart);
        inv.put("period_end", periodEnd);
        inv.put("effective_at", periodStart);
        inv.putNull("due_date");
        inv.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_emulator/" + invId);
        inv.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_emulator/" + invId + "/pdf");
        if (inv.get("status_transitions") instanceof ObjectNode st) {
            st.put("finalized_at", periodStart + 3600);
            if (paid) st.put("paid_at", periodStart + 3700); else st.putNull("paid_at");
            st.putNull("voided_at");
            st.putNull("marked_uncollectible_at");
        }
        ObjectNode line = factory.create("line_item", id("il_"), periodStart);
        line.remove("created");
        line.put("amount", amount);
        line.put("amount_excluding_tax", amount);
        line.put("currency", currency);
        line.put("description", si.get("quantity").asLong() + " × " + price.path("nickname").asText() + " (at "
                + String.format("%.2f", price.get("unit_amount").asLong() / 100.0) + " / " + price.path("recurring").path("interval").asText() + ")");
        line.set("price", price.deepCopy());
        line.put("quantity", si.get("quantity").asLong());
        line.put("subscription", sub.get("id").asText());
        line.put("subscription_item", si.get("id").asText());
        line.put("type", "subscription");
        line.remove("invoice_item");
        line.put("proration", false);
        ObjectNode per = line.putObject("period");
        per.put("end", periodEnd);
        per.put("start", periodStart);
        ObjectNode lines = inv.putObject("lines");
        lines.put("object", "list");
        lines.putArray("data").add(line);
        lines.put("has_more", false);
        lines.put("url", "/v1/invoices/" + invId + "/lines");
        put(inv);
        if (r.nextInt(100) == 0 && paid) creditNote(inv, amount / 2);
        return invId;
    }

    void creditNote(ObjectNode inv, long amount) {
        ObjectNode cn = factory.create("credit_note", id("cn_"), inv.get("created").asLong() + 5 * DAY);
        cn.put("amount", amount);
        cn.put("currency", inv.get("currency").asText());
        cn.put("customer", inv.get("customer").asText());
        cn.put("invoice", inv.get("id").asText());
        cn.put("number", inv.get("number").asText() + "-CN-01");
        cn.put("status", "issued");
        cn.put("subtotal", amount);
        cn.put("total", amount);
        cn.put("reason", "product_unsatisfactory");
        cn.putNull("refund");
        if (cn.get("lines") instanceof ObjectNode l) {
            l.putArray("data");
            l.put("url", "/v1/credit_notes/" + cn.get("id").asText() + "/lines");
        }
        put(cn);
    }

    void pendingInvoiceItem(String cus, String currency) {
        ObjectNode ii = factory.create("invoiceitem", id("ii_"), between(epoch - 20 * DAY, epoch));
        long amount = 500 + r.nextInt(5000);
        ii.put("customer", cus);
        ii.put("amount", amount);
        ii.put("unit_amount", amount);
        ii.put("unit_amount_decimal", Long.toString(amount));
        ii.put("quantity", 1);
        ii.put("currency", currency);
        ii.put("description", "Extra seats");
        ii.putNull("invoice");
        ii.putNull("subscription");
        ii.putNull("price");
        ii.remove("plan");
        put(ii);
    }
}
