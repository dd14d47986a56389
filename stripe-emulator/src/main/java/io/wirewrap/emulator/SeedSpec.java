package io.wirewrap.emulator;

import java.time.Instant;

/**
 * What the deterministic seed generator creates. Same spec, same objects, same ids.
 *
 * @param seed               drives every random choice
 * @param customers          number of customers
 * @param products           number of products (each with 1-3 prices in usd/eur/gbp)
 * @param chargesPerCustomer average payment intents (each with a charge) per customer
 * @param subscriptionShare  fraction of customers with a subscription (and its invoices)
 * @param relations          false: customers only (scale benchmarks), true: the whole object graph
 * @param epoch              the fixed "now" of the data set: created times spread over the two years before it
 */
public record SeedSpec(long seed, int customers, int products, double chargesPerCustomer, double subscriptionShare,
                       boolean relations, Instant epoch) {

    /** 2025-01-01T00:00:00Z: seeded data never depends on the wall clock. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    public SeedSpec {
        if (customers < 0 || products < 0) throw new IllegalArgumentException("counts must be >= 0");
    }

    /** The demo data set: 1,000 customers and everything around them. */
    public static SeedSpec defaults() { return customers(1_000); }

    /** {@code n} customers with related objects, scaled to n (products grow slowly). */
    public static SeedSpec customers(int n) {
        return new SeedSpec(42L, n, Math.max(3, Math.min(50, n / 50 + 3)), 2.0, 0.4, true, DEFAULT_EPOCH);
    }

    /** {@code n} customers and nothing else: the compact form for million-row benchmarks. */
    public static SeedSpec customersOnly(int n) {
        return new SeedSpec(42L, n, 0, 0, 0, false, DEFAULT_EPOCH);
    }

    /** No data at all. */
    public static SeedSpec empty() { return new SeedSpec(42L, 0, 0, 0, 0, false, DEFAULT_EPOCH); }

    public SeedSpec withSeed(long s) { return new SeedSpec(s, customers, products, chargesPerCustomer, subscriptionShare, relations, epoch); }
    public SeedSpec withProducts(int n) { return new SeedSpec(seed, customers, n, chargesPerCustomer, subscriptionShare, relations, epoch); }
    public SeedSpec withChargesPerCustomer(double c) { return new SeedSpec(seed, customers, products, c, subscriptionShare, relations, epoch); }
    public SeedSpec withSubscriptionShare(double s) { return new SeedSpec(seed, customers, products, chargesPerCustomer, s, relations, epoch); }
    public SeedSpec withEpoch(Instant e) { return new SeedSpec(seed, customers, products, chargesPerCustomer, subscriptionShare, relations, e); }
}
