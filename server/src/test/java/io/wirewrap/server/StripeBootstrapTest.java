package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.server.boot.StripeBootstrap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The start-up Stripe set-up run again and again, and by several starts at once (instances sharing a catalog):
 * every run succeeds, one vault secret holds the latest key, and the stripe schema stays usable.
 */
class StripeBootstrapTest {
    @Test
    void concurrentStartsAllSucceedAndKeepOneSecret() throws Exception {
        try (FullStack stack = new FullStack(20, "pw")) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 5; round++) {
                    List<Future<Void>> starts = new ArrayList<>();
                    for (int instance = 0; instance < 4; instance++) {
                        String key = "sk_test_round" + round + "_instance" + instance;
                        Callable<Void> start = () -> {
                            StripeBootstrap.apply(stack.server.engine(), FullStack.USER, stack.emulator.baseUrl(), key);
                            return null;
                        };
                        starts.add(pool.submit(start));
                    }
                    for (Future<Void> f : starts) f.get(); // rethrows a failed start
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select decrypted_secret from vault.decrypted_secrets where name = 'stripe_api_key'")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getString(1).startsWith("sk_test_round4_"), rs.getString(1));
                    assertTrue(!rs.next(), "one secret");
                }
                try (ResultSet rs = st.executeQuery("select count(*) from stripe.customers")) {
                    rs.next();
                    assertEquals(stack.emulator.store().count("customer"), rs.getInt(1));
                }
            }
        }
    }
}
