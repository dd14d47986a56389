package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Products with prices (recurring ones also as plans), tax rates, coupons and promotion codes, connected accounts. */
final class CatalogSeed extends SeedContext {
    CatalogSeed(SeedContext context) { super(context); }

    void catalog() {
        for (int p = 0; p < spec.products(); p++) {
            String name = Names.PRODUCTS[p % Names.PRODUCTS.length] + (p >= Names.PRODUCTS.length ? " " + (p / Names.PRODUCTS.length + 1) : "");
            long created = between(start, start + TWO_YEARS / 4);
            ObjectNode prod = factory.create("product", id("prod_"), created);
            prod.put("name", name);
            prod.put("description", name + " for teams that run on Stripe data");
            prod.put("active", r.nextInt(10) > 0);
            prod.put("updated", created);
            prod.putNull("default_price");
            prod.putObject("metadata").put("tier", Names.PLANS[p % Names.PLANS.length]);
            int priceCount = 1 + r.nextInt(3);
            String defaultPrice = null;
            for (int k = 0; k < priceCount; k++) {
                ObjectNode price = price(prod.get("id").asText(), created + k * 60L, CURRENCIES[(p + k * 3) % CURRENCIES.length], k);
                if (defaultPrice == null) defaultPrice = price.get("id").asText();
            }
            prod.put("default_price", defaultPrice);
            put(prod);
        }
    }

    ObjectNode price(String product, long created, String currency, int k) {
        ObjectNode price = factory.create("price", id("price_"), created);
        boolean isRecurring = k != 2;
        long amount = (5 + r.nextInt(60)) * 100L - (r.nextBoolean() ? 1 : 0);
        price.put("product", product);
        price.put("currency", currency);
        price.put("unit_amount", amount);
        price.put("unit_amount_decimal", Long.toString(amount));
        price.put("active", true);
        price.put("nickname", isRecurring ? (k == 0 ? "Monthly" : "Yearly") : "One-off");
        price.put("lookup_key", product.substring(5, 11).toLowerCase(java.util.Locale.ROOT) + "_" + currency + "_" + k);
        price.put("type", isRecurring ? "recurring" : "one_time");
        if (isRecurring) {
            ObjectNode rec = price.putObject("recurring");
            rec.putNull("aggregate_usage");
            rec.put("interval", k == 0 ? "month" : "year");
            rec.put("interval_count", 1);
            rec.put("usage_type", "licensed");
        } else {
            price.putNull("recurring");
        }
        put(price);
        prices.add(price);
        if (isRecurring) {
            recurring.add(price);
            plan(price);
        }
        return price;
    }

    /** Recurring prices are also plans, under the same id, as in Stripe. */
    void plan(ObjectNode price) {
        ObjectNode plan = factory.create("plan", price.get("id").asText(), price.get("created").asLong());
        plan.put("active", true);
        plan.put("amount", price.get("unit_amount").asLong());
        plan.put("amount_decimal", price.get("unit_amount_decimal").asText());
        plan.put("currency", price.get("currency").asText());
        plan.put("interval", price.path("recurring").path("interval").asText());
        plan.put("interval_count", 1);
        plan.put("nickname", price.get("nickname").asText());
        plan.put("product", price.get("product").asText());
        plan.put("usage_type", "licensed");
        data.put(plan);
    }

    void taxRatesAndCoupons() {
        String[][] rates = {{"VAT", "DE", "19.0", "false"}, {"VAT", "GB", "20.0", "true"}, {"Sales tax", "US", "8.875", "false"}};
        for (String[] t : rates) {
            ObjectNode rate = factory.create("tax_rate", id("txr_"), between(start, start + 30 * DAY));
            rate.put("display_name", t[0]);
            rate.put("country", t[1]);
            rate.put("percentage", Double.parseDouble(t[2]));
            rate.put("inclusive", Boolean.parseBoolean(t[3]));
            rate.put("active", true);
            rate.put("jurisdiction", t[1]);
            put(rate);
        }
        String[][] cs = {{"SUMMER20", "20", "", "once"}, {"WELCOME5", "", "500", "once"}, {"LOYAL10", "10", "", "forever"},
                {"BLACKFRIDAY", "30", "", "repeating"}, {"PARTNER15", "15", "", "forever"}};
        for (String[] c : cs) {
            ObjectNode coupon = factory.create("coupon", c[0], between(start, epoch - 60 * DAY));
            coupon.put("name", c[0].charAt(0) + c[0].substring(1).toLowerCase(java.util.Locale.ROOT));
            if (c[1].isEmpty()) coupon.putNull("percent_off"); else coupon.put("percent_off", Double.parseDouble(c[1]));
            if (c[2].isEmpty()) {
                coupon.putNull("amount_off");
                coupon.putNull("currency");
            } else {
                coupon.put("amount_off", Long.parseLong(c[2]));
                coupon.put("currency", "usd");
            }
            coupon.put("duration", c[3]);
            if ("repeating".equals(c[3])) coupon.put("duration_in_months", 3); else coupon.putNull("duration_in_months");
            coupon.put("times_redeemed", r.nextInt(100));
            coupon.put("valid", true);
            put(coupon);
            coupons.add(c[0]);
            if (coupons.size() <= 2) {
                ObjectNode promo = factory.create("promotion_code", id("promo_"), coupon.get("created").asLong() + DAY);
                promo.set("coupon", coupon.deepCopy());
                promo.put("code", c[0] + "-PROMO");
                promo.put("active", true);
                promo.putNull("customer");
                promo.put("times_redeemed", r.nextInt(20));
                put(promo);
            }
        }
    }

    void accounts() {
        String[][] accts = {{"Acme Marketplace GmbH", "DE", "eur"}, {"Bluebird Studio Ltd", "GB", "gbp"}, {"Cedar & Co", "US", "usd"}};
        for (String[] a : accts) {
            ObjectNode acct = factory.create("account", id("acct_"), between(start, start + 90 * DAY));
            acct.put("country", a[1]);
            acct.put("default_currency", a[2]);
            acct.put("email", Names.ascii(a[0]) + "@example.com");
            acct.put("type", "custom");
            acct.put("charges_enabled", true);
            acct.put("payouts_enabled", true);
            if (acct.get("business_profile") instanceof ObjectNode bp) bp.put("name", a[0]);
            put(acct);
            ObjectNode transfer = factory.create("transfer", id("tr_"), between(epoch - 200 * DAY, epoch));
            long amount = 1000 + r.nextInt(50_000);
            transfer.put("amount", amount);
            transfer.put("currency", a[2]);
            transfer.put("destination", acct.get("id").asText());
            transfer.put("reversed", false);
            transfer.put("amount_reversed", 0);
            ObjectNode rev = transfer.putObject("reversals");
            rev.put("object", "list");
            rev.putArray("data");
            rev.put("has_more", false);
            rev.put("url", "/v1/transfers/" + transfer.get("id").asText() + "/reversals");
            transfer.put("balance_transaction", ledger("transfer", transfer.get("id").asText(), -amount, 0, a[2], transfer.get("created").asLong()));
            put(transfer);
        }
    }
}
