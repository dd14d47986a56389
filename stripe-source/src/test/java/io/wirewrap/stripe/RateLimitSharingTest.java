package io.wirewrap.stripe;

import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stripe limits requests per account, not per query: two queries over two tables of the same account draw on one
 * bucket. Only a lower bound on time is asserted (a slow machine can only make it slower).
 */
class RateLimitSharingTest {
    static Fixture fx;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(40));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void concurrentQueriesOfOneAccountShareTheBucket() throws Exception {
        // a rate no other test of this emulator uses, so the bucket starts here
        Map<String, String> server = Map.of("rate_limit", "17");
        ForeignTable customers = fx.tableWith("customers", server);
        ForeignTable charges = fx.tableWith("charges", server);
        List<Object> customerIds = fx.emu.store().list("customer").stream().limit(9).map(o -> (Object) o.path("id").asText()).toList();
        List<Object> chargeIds = fx.emu.store().list("charge").stream().limit(9).map(o -> (Object) o.path("id").asText()).toList();
        long t0 = System.nanoTime();
        // each query on its own thread, as two sessions would run them
        ExecutorService sessions = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = sessions.submit(() -> rows(customers, customers.plan(req(List.of("id"), new Qual.In("id", customerIds)))).size());
            Future<Integer> b = sessions.submit(() -> rows(charges, charges.plan(req(List.of("id"), new Qual.In("id", chargeIds)))).size());
            assertEquals(9, a.get(60, TimeUnit.SECONDS));
            assertEquals(9, b.get(60, TimeUnit.SECONDS));
        } finally {
            sessions.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        // 18 requests at 17/s with a burst of 1.7: at least (18 - 2) / 17 = 0.94 s together; each alone would
        // take about 0.4 s, so two separate buckets would finish in well under 0.8 s
        assertTrue(secs >= 0.85, "took " + secs);
        assertEquals(18, fx.emu.requestLog().size());
    }
}
