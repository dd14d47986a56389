package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.testkit.FetchScan;
import io.wirewrap.testkit.RepoPaths;
import io.wirewrap.testkit.WirewrapProcess;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scan far larger than the server's heap, read through pgjdbc with a fetch size from a wirewrap process started
 * with a small {@code -Xmx}: it only completes if rows flow from Stripe (the emulator) to the client without being
 * held. The short version (50,000 customers, 64 MB: their JSON alone is well over 64 MB) runs in {@code verify};
 * {@code -Dwirewrap.big=true} runs the figure, 1,000,000 customers under 256 MB (the emulator in this JVM
 * then needs about 1 GB of heap). {@code -Dwirewrap.bigscan.rows} and {@code .heap} override either.
 */
class LargeScanMemoryIT {
    static final boolean BIG = Boolean.getBoolean("wirewrap.big");
    static final int ROWS = Integer.getInteger("wirewrap.bigscan.rows", BIG ? 1_000_000 : 50_000);
    static final String HEAP = System.getProperty("wirewrap.bigscan.heap", BIG ? "256m" : "64m");
    /**
     * The short run uses G1: its GC log shows the live heap exactly, and a concurrent collector (the launcher's
     * ZGC) needs more headroom than 64 MB on a loaded machine whatever the live set. The long run keeps the
     * launcher's own collector unless {@code -Dwirewrap.bigscan.javaOpts} says otherwise.
     */
    static final String JAVA_OPTS = System.getProperty("wirewrap.bigscan.javaOpts", BIG ? "" : "-XX:-UseZGC -XX:+UseG1GC");

    static StripeEmulator emulator;
    static WirewrapProcess server;

    @BeforeAll
    static void start() {
        assumeTrue(Files.exists(RepoPaths.root().resolve("server/target/wirewrap.jar")), "fat jar not built (runs in verify)");
        emulator = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customersOnly(ROWS)));
        server = WirewrapProcess.start(HEAP, JAVA_OPTS, emulator.baseUrl(), emulator.apiKey(), 120);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
    }

    private static Connection connect() throws Exception {
        Connection c = DriverManager.getConnection(server.jdbcUrl(), WirewrapProcess.USER, WirewrapProcess.PASSWORD);
        try (Statement st = c.createStatement()) {
            // the emulator is local: lift the default sk_test_ rate limit (25 req/s) so the run measures streaming
            st.execute("alter server stripe_server options (add rate_limit '2000')");
        } catch (java.sql.SQLException e) {
            if (!"42710".equals(e.getSQLState())) throw e; // already added by the other test
        }
        return c;
    }

    private static long scan(Connection c, String sql) throws Exception {
        return FetchScan.rows(c, sql, 1000);
    }

    private static void report(String what, long rows, long nanos) {
        System.out.printf(Locale.ROOT, "large scan (%s): %,d rows in %.1f s through a -Xmx%s %s wirewrap; peak heap %d MB, "
                        + "max after GC %d MB, %d collections%n", what, rows, nanos / 1e9, HEAP, JAVA_OPTS, server.peakHeapMb(),
                server.maxLiveHeapMb(), server.collections());
    }

    @Test
    void fastPathStreamsEveryRowThroughASmallHeap() throws Exception {
        try (Connection c = connect()) {
            long t0 = System.nanoTime();
            long rows = scan(c, "select id, email, name, created, attrs from stripe.customers");
            report("fast path", rows, System.nanoTime() - t0);
            assertEquals(ROWS, rows);
            assertTrue(server.isAlive(), "wirewrap died:\n" + String.join("\n", server.output()));
            // the connection and the server are still fine after it
            assertEquals(1, scan(c, "select id from stripe.customers limit 1"));
        }
        assertFalse(String.join("\n", server.output()).contains("OutOfMemoryError"), String.join("\n", server.output()));
    }

    @Test
    void localEngineResultStreamsThroughASmallHeap() throws Exception {
        try (Connection c = connect()) {
            long t0 = System.nanoTime();
            // a condition the source cannot take: every customer goes through DuckDB, and so does the result
            long rows = scan(c, "select id, attrs from stripe.customers where attrs->>'object' = 'customer'");
            report("local engine", rows, System.nanoTime() - t0);
            assertEquals(ROWS, rows);
            assertTrue(server.isAlive(), "wirewrap died:\n" + String.join("\n", server.output()));
        }
        assertFalse(String.join("\n", server.output()).contains("OutOfMemoryError"), String.join("\n", server.output()));
    }
}
