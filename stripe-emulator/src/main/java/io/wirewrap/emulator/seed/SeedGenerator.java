package io.wirewrap.emulator.seed;

import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.api.Events;
import io.wirewrap.emulator.api.ObjectFactory;
import io.wirewrap.emulator.store.AccountData;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic data: the same {@link SeedSpec} always yields the same objects with the same ids. Objects are
 * related the way Stripe relates them: customers -> payment methods -> payment intents -> charges -> refunds
 * and disputes; products -> prices -> subscriptions (with items) -> invoices (with lines); balance
 * transactions for charges, refunds and payouts; events for the last 30 days, as Stripe keeps them.
 */
public final class SeedGenerator {
    /** Fixed, so the output never depends on the machine's core count. */
    private static final int SLICES = 16;

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
            go(new SeedContext(factory, events, data, spec, platform));
        } finally {
            data.endLoad();
        }
    }

    private static void go(SeedContext c) {
        if (c.spec.relations()) {
            CatalogSeed catalog = new CatalogSeed(c);
            catalog.catalog();
            catalog.taxRatesAndCoupons();
            if (c.platform) catalog.accounts();
        }
        customers(c);
        if (c.spec.relations()) {
            LedgerSeed ledger = new LedgerSeed(c);
            ledger.payouts();
            ledger.treasuryOddments();
        }
    }

    /**
     * Customers in a fixed number of slices, each with a random stream split off in order, so the data is
     * the same however many threads build it; slices run in parallel.
     */
    private static void customers(SeedContext c) {
        int n = c.spec.customers();
        int slices = n < 2_000 ? 1 : SLICES;
        List<CustomerSeed> runs = new ArrayList<>();
        for (int k = 0; k < slices; k++) runs.add(new CustomerSeed(slices == 1 ? c : c.slice(c.r.split())));
        java.util.stream.IntStream.range(0, slices).parallel().forEach(k -> {
            CustomerSeed run = runs.get(k);
            for (int i = (int) ((long) n * k / slices); i < (int) ((long) n * (k + 1) / slices); i++) run.customer(i);
        });
    }
}
