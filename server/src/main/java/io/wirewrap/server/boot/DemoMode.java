package io.wirewrap.server.boot;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code --demo}: an in-process Stripe emulator on a free loopback port, seeded with realistic data, and the
 * {@code stripe} schema pointing at it, so a newcomer queries Stripe-shaped data without any key.
 */
public final class DemoMode implements AutoCloseable {
    private final StripeEmulator emulator;
    private final int customers;

    private DemoMode(StripeEmulator emulator, int customers) {
        this.emulator = emulator;
        this.customers = customers;
    }

    /**
     * The demo's data ends today (midnight UTC) rather than at the tests' fixed epoch, so queries a user writes
     * about recent activity ({@code created > now() - interval '30 days'}) find rows; ids stay the same.
     */
    public static DemoMode startEmulator(int customers) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        var config = EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSeed(SeedSpec.customers(customers).withEpoch(today));
        return new DemoMode(StripeEmulator.start(config), customers);
    }

    public StripeEmulator emulator() {
        return emulator;
    }

    /** What to print once the server listens: how to connect and what to try. */
    public String banner(String host, int port, String user, String password, double readySeconds) {
        return """

                wirewrap demo ready in %.1f s: Stripe emulator with %d customers at %s
                connect:
                  psql "host=%s port=%d user=%s password=%s dbname=postgres"
                then try:
                  select id, email, name, created from stripe.customers order by created desc limit 5;
                  select c.email, count(*), sum(ch.amount) from stripe.customers c join stripe.charges ch on ch.customer = c.id group by 1 order by 3 desc limit 5;
                  select attrs->'metadata'->>'plan' as plan, count(*) from stripe.customers group by 1 order by 2 desc;
                """.formatted(readySeconds, customers, emulator.baseUrl(), host, port, user, password);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
