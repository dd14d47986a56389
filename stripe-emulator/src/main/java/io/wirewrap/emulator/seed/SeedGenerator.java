package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.api.Events;
import io.wirewrap.emulator.api.Ids;
import io.wirewrap.emulator.api.ObjectFactory;
import io.wirewrap.emulator.store.AccountData;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic data: the same {@link SeedSpec} always yields the same objects with the same ids. Objects are
 * related the way Stripe relates them: customers -> payment methods -> payment intents -> charges -> refunds
 * and disputes; products -> prices -> subscriptions (with items) -> invoices (with lines); balance
 * transactions for charges, refunds and payouts; events for the last 30 days, as Stripe keeps them.
 */
public final class SeedGenerator {
    private static final long TWO_YEARS = 2L * 365 * 24 * 3600;
    private static final long DAY = 24 * 3600;
    /** Fixed, so the output never depends on the machine's core count. */
    private static final int SLICES = 16;
    private static final String[] CURRENCIES = {"usd", "usd", "usd", "eur", "eur", "gbp"};

    private final ObjectFactory factory;
    private final Events events;

    public SeedGenerator(ObjectFactory factory, Events events) {
        this.factory = factory;
        this.events = events;
    }

    public void seed(AccountData data, SeedSpec spec) {
        seed(data, spec, true);
    }

    /**
     * Seeds the platform, then gives each seeded connected account a small data set of its own (1 customer in 50,
     * at least 5), reachable with {@code Stripe-Account}.
     */
    public void seed(io.wirewrap.emulator.store.Accounts accounts, SeedSpec spec) {
        seed(accounts.platform(), spec, true);
        if (!spec.relations()) return;
        int i = 0;
        for (var acct : accounts.platform().type("account").ordered().values()) {
            SeedSpec small = SeedSpec.customers(Math.max(5, spec.customers() / 50)).withSeed(spec.seed() * 31 + ++i)
                    .withEpoch(spec.epoch());
            seed(accounts.of(acct.id()), small, false);
        }
    }

    private void seed(AccountData data, SeedSpec spec, boolean platform) {
        data.beginLoad();
        try {
            new Run(data, spec, platform).go();
        } finally {
            data.endLoad();
        }
    }

    /** One generation pass: the random source and the objects later steps relate to. */
    private final class Run {
        final AccountData data;
        final SeedSpec spec;
        final SplittableRandom r;
        final long epoch;
        final long start;
        final List<ObjectNode> prices;
        final List<ObjectNode> recurring;
        final List<String> coupons;

        /** False for a connected account's own data: no connected accounts of its own. */
        boolean platform = true;

        Run(AccountData data, SeedSpec spec, boolean platform) {
            this(data, spec, new SplittableRandom(spec.seed()), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            this.platform = platform;
        }

        private Run(AccountData data, SeedSpec spec, SplittableRandom r, List<ObjectNode> prices, List<ObjectNode> recurring,
                    List<String> coupons) {
            this.data = data;
            this.spec = spec;
            this.r = r;
            this.epoch = spec.epoch().getEpochSecond();
            this.start = epoch - TWO_YEARS;
            this.prices = prices;
            this.recurring = recurring;
            this.coupons = coupons;
        }

        /** A run over the same catalog with its own random stream, for one slice of the customers. */
        Run slice(SplittableRandom random) { return new Run(data, spec, random, prices, recurring, coupons); }

        String id(String prefix) { return Ids.next(prefix, r, 14); }

        long between(long from, long to) { return to <= from ? from : from + r.nextLong(to - from); }

        void put(ObjectNode node) {
            data.put(node);
            long created = node.path("created").asLong();
            if (spec.relations() && created > epoch - 30 * DAY) {
                String type = eventType(node);
                events.emit(data, type, node, null, created, id("evt_"), null, null);
            }
        }

        String eventType(ObjectNode node) {
            String object = node.get("object").asText();
            return switch (object) {
                case "charge" -> "succeeded".equals(node.path("status").asText()) ? "charge.succeeded" : "charge.failed";
                case "invoice" -> "paid".equals(node.path("status").asText()) ? "invoice.paid" : "invoice.finalized";
                case "payment_intent" -> "succeeded".equals(node.path("status").asText()) ? "payment_intent.succeeded" : "payment_intent.created";
                case "customer" -> "customer.created";
                default -> Events.stem(object) + ".created";
            };
        }

        void go() {
            if (spec.relations()) {
                catalog();
                taxRatesAndCoupons();
                if (platform) accounts();
            }
            customers();
            if (spec.relations()) {
                payouts();
                treasuryOddments();
            }
        }

        /**
         * Customers in a fixed number of slices, each with a random stream split off in order, so the data is
         * the same however many threads build it; slices run in parallel.
         */
        void customers() {
            int n = spec.customers();
            int slices = n < 2_000 ? 1 : SLICES;
            List<Run> runs = new ArrayList<>();
            for (int k = 0; k < slices; k++) runs.add(slices == 1 ? this : slice(r.split()));
            java.util.stream.IntStream.range(0, slices).parallel().forEach(k -> {
                Run run = runs.get(k);
                for (int i = (int) ((long) n * k / slices); i < (int) ((long) n * (k + 1) / slices); i++) run.customer(i);
            });
        }

        // ---- catalog ----

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

        // ---- customers and their money ----

        void customer(int i) {
            long created = between(start, epoch - 3600);
            ObjectNode c = factory.create("customer", id("cus_"), created);
            String first = Names.pick(r, Names.FIRST), last = Names.pick(r, Names.LAST);
            String name = r.nextInt(25) == 0 ? Names.pick(r, Names.NON_LATIN) : first + " " + last;
            c.put("name", name);
            if (r.nextInt(12) == 0) c.putNull("email");
            else c.put("email", Names.ascii(first) + "." + Names.ascii(last) + i + "@example.com");
            String currency = CURRENCIES[r.nextInt(CURRENCIES.length)];
            c.put("currency", currency);
            if (r.nextInt(3) == 0) c.put("phone", "+1555" + (1_000_000 + r.nextInt(8_999_999)));
            if (r.nextInt(4) == 0) c.put("description", "Customer since " + java.time.Instant.ofEpochSecond(created).toString().substring(0, 10));
            c.put("invoice_prefix", Ids.next("", r, 8).toUpperCase(java.util.Locale.ROOT));
            c.put("balance", r.nextInt(20) == 0 ? -500L * (1 + r.nextInt(4)) : 0L);
            c.put("delinquent", false);
            if (r.nextInt(3) == 0) {
                int city = r.nextInt(Names.CITIES.length);
                ObjectNode addr = c.putObject("address");
                addr.put("city", Names.CITIES[city]);
                addr.put("country", Names.COUNTRIES[city]);
                addr.put("line1", (1 + r.nextInt(200)) + " Market Street");
                addr.putNull("line2");
                addr.put("postal_code", Integer.toString(10000 + r.nextInt(89999)));
                addr.putNull("state");
            }
            ObjectNode md = c.putObject("metadata");
            md.put("plan", Names.pick(r, Names.PLANS));
            md.put("segment", Names.pick(r, Names.SEGMENTS));
            if (!spec.relations()) {
                data.put(c);
                return;
            }
            String cus = c.get("id").asText();
            ObjectNode pm = paymentMethod(cus, created + 60, name, c.path("email").asText(null));
            ((ObjectNode) c.get("invoice_settings")).put("default_payment_method", pm.get("id").asText());
            put(c);
            if (r.nextInt(5) == 0) setupIntent(cus, pm, created + 30);
            int payments = (int) Math.round(spec.chargesPerCustomer() * 2 * r.nextDouble());
            for (int k = 0; k < payments; k++) payment(cus, pm, currency, between(created + 120, epoch), c);
            if (r.nextDouble() < spec.subscriptionShare() && !recurring.isEmpty()) subscription(c, pm, currency);
            if (r.nextInt(40) == 0) pendingInvoiceItem(cus, currency);
        }

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

        /**
         * Weekly automatic payouts per currency over the last year, each paying out most of that week's net
         * charges and refunds, so balances stay positive as they would in a real account.
         */
        void payouts() {
            long first = epoch - 365 * DAY;
            data.type("balance_transaction").endLoad(); // read in list order below
            java.util.Map<String, long[]> weekly = new java.util.TreeMap<>();
            for (var o : data.type("balance_transaction").ordered().values()) {
                if (o.created() < first) break;
                ObjectNode txn = io.wirewrap.emulator.store.Json.parse(o.json());
                String type = txn.path("type").asText();
                if (!"charge".equals(type) && !"refund".equals(type)) continue;
                long[] weeks = weekly.computeIfAbsent(txn.path("currency").asText(), c -> new long[53]);
                weeks[(int) Math.min(52, (o.created() - first) / (7 * DAY))] += txn.path("net").asLong();
            }
            weekly.forEach((currency, weeks) -> {
                for (int w = 0; w < weeks.length; w++) {
                    long amount = weeks[w] * 9 / 10;
                    if (amount <= 0) continue;
                    long t = first + (w + 1) * 7 * DAY;
                    if (t >= epoch) t = epoch - 3600;
                    ObjectNode po = factory.create("payout", id("po_"), t);
                    po.put("amount", amount);
                    po.put("currency", currency);
                    po.put("arrival_date", t + 2 * DAY);
                    po.put("status", t + 2 * DAY < epoch ? "paid" : "in_transit");
                    po.put("automatic", true);
                    po.put("method", "standard");
                    po.put("type", "bank_account");
                    po.putNull("destination");
                    po.putNull("failure_balance_transaction");
                    po.put("balance_transaction", ledger("payout", po.get("id").asText(), -amount, 0, currency, t));
                    put(po);
                }
            });
        }

        void treasuryOddments() {
            for (int i = 0; i < 4; i++) {
                long created = between(epoch - 300 * DAY, epoch);
                ObjectNode tu = factory.create("topup", id("tu_"), created);
                long amount = 50_000 + r.nextInt(200_000);
                tu.put("amount", amount);
                tu.put("currency", "usd");
                tu.put("status", "succeeded");
                tu.put("description", "Top-up for refunds");
                tu.put("balance_transaction", ledger("topup", tu.get("id").asText(), amount, 0, "usd", created));
                put(tu);
            }
            evidenceFile(epoch - 90 * DAY);
            evidenceFile(epoch - 10 * DAY);
            ObjectNode tok = factory.create("token", id("tok_"), epoch - DAY);
            tok.put("type", "card");
            tok.put("used", false);
            data.put(tok);
            ObjectNode mandate = factory.create("mandate", id("mandate_"), epoch - DAY);
            data.put(mandate);
        }

        /** A balance transaction for money moving; returns its id. Available two days after it happened. */
        String ledger(String type, String source, long amount, long fee, String currency, long created) {
            ObjectNode txn = factory.create("balance_transaction", id("txn_"), created);
            txn.put("amount", amount);
            txn.put("fee", fee);
            txn.put("net", amount - fee);
            txn.put("currency", currency);
            txn.put("type", type);
            txn.put("reporting_category", type);
            txn.put("source", source);
            txn.put("available_on", created + 2 * DAY);
            txn.put("status", created + 2 * DAY <= epoch ? "available" : "pending");
            txn.putNull("description");
            ArrayNode fees = txn.putArray("fee_details");
            if (fee > 0) {
                ObjectNode fd = fees.addObject();
                fd.put("amount", fee);
                fd.putNull("application");
                fd.put("currency", currency);
                fd.put("description", "Stripe processing fees");
                fd.put("type", "stripe_fee");
            }
            data.put(txn);
            return txn.get("id").asText();
        }
    }
}
