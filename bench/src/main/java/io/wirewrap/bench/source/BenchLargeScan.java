package io.wirewrap.bench.source;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.testkit.FetchScan;
import io.wirewrap.testkit.WirewrapProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A scan far larger than the server's heap: {@code n} customers in the emulator (this JVM: about 1 GB of heap per
 * million), read through pgjdbc with {@code setFetchSize(1000)} from a wirewrap process started with a small
 * {@code -Xmx}. Prints rows, wall time and the server's heap (from its GC log), for the fast path (rows straight
 * from stripe-source to the client) and for a query that goes through the local engine.
 *
 * <p>Run: {@code WIREWRAP_JAVA_OPTS=-Xmx3g bench/bench-large-scan [customers=1000000] [serverHeap=256m] [serverJavaOpts]}
 */
public final class BenchLargeScan {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "256m";
        String javaOpts = args.length > 2 ? args[2] : "";
        System.setProperty("sun.net.httpserver.nodelay", "true"); // see BenchScan
        long t0 = System.nanoTime();
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customersOnly(n)))) {
            System.out.printf("BenchLargeScan: %,d customers seeded in %.1f s; wirewrap -Xmx%s %s%n", n,
                    (System.nanoTime() - t0) / 1e9, heap, javaOpts.isBlank() ? "(launcher's ZGC)" : javaOpts);
            try (WirewrapProcess server = WirewrapProcess.start(heap, javaOpts, emu.baseUrl(), emu.apiKey(), 120);
                 Connection c = DriverManager.getConnection(server.jdbcUrl(), WirewrapProcess.USER, WirewrapProcess.PASSWORD)) {
                try (Statement st = c.createStatement()) {
                    // a local emulator: lift the sk_test_ default of 25 req/s, so the run measures streaming
                    st.execute("alter server stripe_server options (add rate_limit '2000')");
                }
                run(server, c, "fast path   ", "select id, email, name, created, attrs from stripe.customers", n);
                run(server, c, "local engine", "select id, attrs from stripe.customers where attrs->>'object' = 'customer'", n);
            }
        }
    }

    private static void run(WirewrapProcess server, Connection c, String label, String sql, int expected) throws Exception {
        long t0 = System.nanoTime();
        long rows = FetchScan.rows(c, sql, 1000);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %s: %,d rows in %.1f s (%,.0f rows/s); server peak heap %d MB, max after GC %d MB, %d GCs so far%s%n",
                label, rows, secs, rows / secs, server.peakHeapMb(), server.maxLiveHeapMb(), server.collections(),
                rows == expected && server.isAlive() ? "" : "  ERROR: expected " + expected + " rows, server alive: " + server.isAlive());
        System.out.println("    query: " + sql);
    }
}
