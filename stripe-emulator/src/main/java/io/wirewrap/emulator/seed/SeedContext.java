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
 * What every seeding step shares: the target data, the spec, the random stream (one per slice, consumed in a
 * fixed order so the same spec gives the same objects), the catalog built first, and the helpers that store an
 * object (with its event when recent) and record money movement.
 */
class SeedContext {
    static final long TWO_YEARS = 2L * 365 * 24 * 3600;
    static final long DAY = 24 * 3600;
    static final String[] CURRENCIES = {"usd", "usd", "usd", "eur", "eur", "gbp"};

    final ObjectFactory factory;
    final Events events;
    final AccountData data;
    final SeedSpec spec;
    final SplittableRandom r;
    final long epoch;
    final long start;
    final List<ObjectNode> prices;
    final List<ObjectNode> recurring;
    final List<String> coupons;
    /** False for a connected account's own data: no connected accounts of its own. */
    final boolean platform;

    SeedContext(ObjectFactory factory, Events events, AccountData data, SeedSpec spec, boolean platform) {
        this(factory, events, data, spec, new SplittableRandom(spec.seed()), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), platform);
    }

    /** Another step over the same context and the same random stream. */
    SeedContext(SeedContext c) {
        this(c.factory, c.events, c.data, c.spec, c.r, c.prices, c.recurring, c.coupons, c.platform);
    }

    private SeedContext(ObjectFactory factory, Events events, AccountData data, SeedSpec spec, SplittableRandom r,
                        List<ObjectNode> prices, List<ObjectNode> recurring, List<String> coupons, boolean platform) {
        this.factory = factory;
        this.events = events;
        this.data = data;
        this.spec = spec;
        this.r = r;
        this.epoch = spec.epoch().getEpochSecond();
        this.start = epoch - TWO_YEARS;
        this.prices = prices;
        this.recurring = recurring;
        this.coupons = coupons;
        this.platform = platform;
    }

    /** The same catalog with its own random stream, for one slice of the customers. */
    SeedContext slice(SplittableRandom random) {
        return new SeedContext(factory, events, data, spec, random, prices, recurring, coupons, platform);
    }

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
