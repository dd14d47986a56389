package io.wirewrap.bench.load;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.server.ServerConfig;
import io.wirewrap.server.ServerWiring;
import io.wirewrap.server.WirewrapServer;
import io.wirewrap.server.boot.StripeBootstrap;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many concurrent pgjdbc sessions against the whole product in this JVM: a Stripe emulator and wirewrap
 * (catalog, vault, query engine, schema {@code stripe}) on loopback ports. Every session first connects (SCRAM),
 * then until the deadline runs a mix of {@code select 1}, point lookups and small scans of
 * {@code stripe.customers} and catalog queries; one in ten is a slow reader instead, fetching a whole-table scan
 * 20 rows at a time with a pause after each batch. Counts queries, errors by SQLSTATE, connections held, heap,
 * and latency percentiles of the non-slow queries.
 */
public final class LoadRun {
    /** What to run. {@code slowReaderPercent} of the connections read slowly. */
    public record Options(int connections, int seconds, int customers, int slowReaderPercent, long seed) {}

    /** What happened. Latencies are of the fast mix only (slow readers are slow on purpose). */
    public record Result(long queries, long slowScans, Map<String, Long> errorsBySqlState, int connectionsHeld,
                         long peakHeapMb, long p50Micros, long p99Micros, long maxMicros, double seconds,
                         Map<String, String> meanByKind) {
        public long errors() {
            return errorsBySqlState.values().stream().mapToLong(Long::longValue).sum();
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "queries %,d (%.0f/s) + %,d slow scans; connections held %d; errors %s; peak heap %d MB;"
                            + " latency p50 %.2f ms, p99 %.2f ms, max %.1f ms",
                    queries, queries / seconds, slowScans, connectionsHeld, errorsBySqlState.isEmpty() ? "none" : errorsBySqlState,
                    peakHeapMb, p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0) + "\n  by kind: " + meanByKind;
        }
    }

    private static final String USER = "postgres";
    private static final String PASSWORD = "load-test-password";

    private final Options options;
    private final LongAdder queries = new LongAdder();
    private final LongAdder slowScans = new LongAdder();
    private static final String[] KINDS = {"select 1", "point lookup", "small scan", "information_schema", "getTables"};
    private final LongAdder[] kindCount = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder[] kindNanos = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<long[]> latencies = new ArrayList<>(); // one array per fast session, filled then merged

    public LoadRun(Options options) {
        this.options = options;
    }

    public Result run() throws Exception {
        Path dataDir = Files.createTempDirectory("ww-load-");
        var emulatorConfig = EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withSeed(SeedSpec.customers(options.customers()));
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir).user(USER).password(PASSWORD)
                .maxConnections(options.connections() + 20).build();
        WirewrapServer.Builder builder = WirewrapServer.builder(config);
        ServerWiring.install(builder, config, null);
        try (StripeEmulator emulator = StripeEmulator.start(emulatorConfig);
             WirewrapServer server = builder.start()) {
            StripeBootstrap.apply(server.engine(), USER, emulator.baseUrl(), emulator.apiKey());
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            List<String> ids;
            try (Connection c = connect(url); Statement st = c.createStatement()) {
                // the emulator is local: lift the per-key default of 25 requests/s meant for Stripe's test mode
                st.execute("alter server stripe_server options (add rate_limit '10000')");
                ids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select id from stripe.customers")) {
                    while (rs.next()) ids.add(rs.getString(1));
                }
            }
            return drive(server, url, ids);
        }
    }

    private Result drive(WirewrapServer server, String url, List<String> ids) throws InterruptedException {
        var heap = ManagementFactory.getMemoryMXBean();
        var peakHeap = new AtomicLong();
        var peakConnections = new AtomicInteger();
        var done = new CountDownLatch(1);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            try {
                do {
                    peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                    peakConnections.accumulateAndGet(server.openConnections(), Math::max);
                } while (!done.await(50, java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (InterruptedException ignored) {
                // stop
            }
        });
        int slow = options.connections() * options.slowReaderPercent() / 100;
        var allConnected = new CountDownLatch(options.connections());
        long[] deadline = new long[1];
        var started = new CountDownLatch(1);
        List<Thread> sessions = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            boolean slowReader = i < slow;
            long seed = options.seed() * 7919 + i;
            long[] mine = slowReader ? null : new long[1 << 16];
            if (mine != null) synchronized (latencies) {
                latencies.add(mine);
            }
            sessions.add(Thread.ofVirtual().name("load-" + i).start(() -> {
                try (Connection c = connectCounting(url, allConnected)) {
                    if (c == null) return;
                    started.await();
                    if (slowReader) slowReader(c, deadline[0]);
                    else fastMix(c, deadline[0], ids, new Random(seed), mine);
                } catch (SQLException e) {
                    error(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        allConnected.await();
        long start = System.nanoTime();
        deadline[0] = start + options.seconds() * 1_000_000_000L;
        started.countDown();
        for (Thread t : sessions) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        done.countDown();
        sampler.join();
        long[] all = merged();
        Map<String, Long> bySqlState = new TreeMap<>();
        errors.forEach((k, v) -> bySqlState.put(k, v.sum()));
        Map<String, String> byKind = new java.util.LinkedHashMap<>();
        for (int k = 0; k < KINDS.length; k++) {
            long n = kindCount[k].sum();
            byKind.put(KINDS[k], String.format(java.util.Locale.ROOT, "%,d x %.1f ms", n, n == 0 ? 0 : kindNanos[k].sum() / 1e6 / n));
        }
        return new Result(queries.sum(), slowScans.sum(), bySqlState, peakConnections.get(), peakHeap.get() >> 20,
                percentile(all, 50), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1000, seconds, byKind);
    }

    private Connection connectCounting(String url, CountDownLatch connected) {
        try {
            return connect(url);
        } catch (SQLException e) {
            error(e);
            return null;
        } finally {
            connected.countDown();
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("socketTimeout", "120"); // a hang shows up as an error, not as a stuck run
        p.setProperty("connectTimeout", "60");
        p.setProperty("loginTimeout", "120");
        return DriverManager.getConnection(url, p);
    }

    private void fastMix(Connection c, long deadline, List<String> ids, Random r, long[] latencies) throws SQLException {
        try (Statement st = c.createStatement();
             PreparedStatement lookup = c.prepareStatement("select id, email, name from stripe.customers where id = ?")) {
            int n = 1; // latencies[0] holds the count
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                int pick = r.nextInt(10);
                try {
                    if (pick < 3) {
                        drain(st.executeQuery("select 1"));
                    } else if (pick < 6) {
                        lookup.setString(1, ids.get(r.nextInt(ids.size())));
                        drain(lookup.executeQuery());
                    } else if (pick < 8) {
                        drain(st.executeQuery("select id, email, created from stripe.customers limit 10"));
                    } else if (pick < 9) {
                        drain(st.executeQuery("select table_name, column_name, data_type from information_schema.columns"
                                + " where table_schema = 'stripe' and table_name = 'customers'"));
                    } else {
                        drain(c.getMetaData().getTables(null, "stripe", "%", new String[] {"FOREIGN TABLE", "TABLE"}));
                    }
                    queries.increment();
                    long took = System.nanoTime() - t0;
                    int kind = pick < 3 ? 0 : pick < 6 ? 1 : pick < 8 ? 2 : pick < 9 ? 3 : 4;
                    kindCount[kind].increment();
                    kindNanos[kind].add(took);
                    if (n < latencies.length) latencies[n++] = took;
                } catch (SQLException e) {
                    error(e);
                    if (c.isClosed()) return;
                }
            }
            latencies[0] = n - 1;
        }
    }

    /** Reads a whole-table scan 20 rows per round trip, pausing after each batch, until the deadline. */
    private void slowReader(Connection c, long deadline) throws SQLException, InterruptedException {
        c.setAutoCommit(false); // pgjdbc only fetches in batches inside a transaction
        while (System.nanoTime() < deadline) {
            try (Statement st = c.createStatement()) {
                st.setFetchSize(20);
                try (ResultSet rs = st.executeQuery("select id, email, name, created, attrs from stripe.customers")) {
                    for (int row = 1; rs.next() && System.nanoTime() < deadline; row++) {
                        if (row % 20 == 0) Thread.sleep(20);
                    }
                }
                c.commit();
                slowScans.increment();
            } catch (SQLException e) {
                error(e);
                if (c.isClosed()) return;
                c.rollback();
            }
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private void error(SQLException e) {
        String state = e.getSQLState() == null ? "(none) " + e.getClass().getSimpleName() : e.getSQLState();
        errors.computeIfAbsent(state, k -> {
            System.err.println("first error with SQLSTATE " + k + ": " + e.getMessage());
            return new LongAdder();
        }).increment();
    }

    private long[] merged() {
        synchronized (latencies) {
            int total = 0;
            for (long[] l : latencies) total += (int) l[0];
            long[] all = new long[total];
            int at = 0;
            for (long[] l : latencies) {
                System.arraycopy(l, 1, all, at, (int) l[0]);
                at += (int) l[0];
            }
            Arrays.sort(all);
            return all;
        }
    }

    private static long percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) return 0;
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(sortedNanos.length * p / 100.0) - 1);
        return sortedNanos[Math.max(0, i)] / 1000;
    }
}
