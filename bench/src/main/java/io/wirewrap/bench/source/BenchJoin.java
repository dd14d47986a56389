package io.wirewrap.bench.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.testkit.WirewrapProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Customers joined with their charges under a filter on customers, through a wirewrap process and pgjdbc: Stripe
 * requests and wall time of the dependent join (charges fetched by batches of customer keys) against scanning both
 * sides ({@code set wirewrap.dependent_join = off}). Goal: the dependent join needs at most 1/10 of the requests.
 *
 * <p>Run: {@code bench/bench-join [customers=1000] [chargesPerCustomer=10] [latencyMs=50] [rateLimit=100]} (the demo
 * seed has 2 charges per customer; a live account usually has more, which is what makes scanning charges costly)
 */
public final class BenchJoin {
    private static final String JOIN = "select c.id, c.email, ch.id, ch.amount, ch.status from stripe.customers c "
            + "join stripe.charges ch on ch.customer = c.id where ";

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double chargesPerCustomer = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int latency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String rate = args.length > 3 ? args[3] : "100";
        System.setProperty("sun.net.httpserver.nodelay", "true"); // see BenchScan
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(customers).withChargesPerCustomer(chargesPerCustomer)));
             WirewrapProcess server = WirewrapProcess.start("512m", "", emu.baseUrl(), emu.apiKey(), 120);
             Connection c = DriverManager.getConnection(server.jdbcUrl(), WirewrapProcess.USER, WirewrapProcess.PASSWORD)) {
            exec(c, "alter server stripe_server options (add rate_limit '" + rate + "')");
            emu.faults().latency(Duration.ofMillis(latency), Duration.ZERO);
            System.out.printf("BenchJoin: %d customers, %d charges; emulator latency %d ms, rate limit %s req/s%n",
                    emu.store().count("customer"), emu.store().count("charge"), latency, rate);
            System.out.printf("  %-34s %6s | %-22s | %-22s | %s%n", "filter on customers", "rows", "dependent join", "scan both sides", "requests ratio");
            long dependentTotal = 0;
            long bothTotal = 0;
            for (String[] f : filters(emu)) {
                Run dependent = run(c, emu, f[1], "on");
                Run both = run(c, emu, f[1], "off");
                if (dependent.rows != both.rows || dependent.checksum != both.checksum) {
                    System.out.println("  ERROR: the two strategies returned different rows for " + f[1]);
                }
                dependentTotal += dependent.requests;
                bothTotal += both.requests;
                System.out.printf("  %-34s %6d | %5d req %8.2f s   | %5d req %8.2f s   | %.3f%s%n", f[0], dependent.rows,
                        dependent.requests, dependent.secs, both.requests, both.secs, dependent.requests / (double) both.requests,
                        dependent.strategy ? "" : "  (planner kept the full scan)");
            }
            System.out.printf("  all filters: %d vs %d requests, ratio %.3f (goal <= 0.100)%n", dependentTotal, bothTotal,
                    dependentTotal / (double) bothTotal);
        }
    }

    /** Filters on customers of growing width, built from the seeded data: {label, SQL condition}. */
    private static List<String[]> filters(StripeEmulator emu) {
        Set<String> payers = emu.store().list("charge").stream().filter(ch -> ch.hasNonNull("customer"))
                .map(ch -> ch.get("customer").asText()).collect(Collectors.toSet());
        List<ObjectNode> byNewest = emu.store().list("customer").stream()
                .filter(cu -> cu.hasNonNull("email") && payers.contains(cu.get("id").asText()))
                .sorted(Comparator.comparingLong((ObjectNode cu) -> cu.get("created").asLong()).reversed()).toList();
        String one = "c.email = " + literal(byNewest.get(0).get("email").asText());
        String five = "c.email in (" + byNewest.stream().skip(100).limit(5).map(cu -> literal(cu.get("email").asText()))
                .collect(Collectors.joining(", ")) + ")";
        long tenth = byNewest.get(Math.min(9, byNewest.size() - 1)).get("created").asLong();
        String newest = "c.created >= " + literal(Instant.ofEpochSecond(tenth).atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '));
        long fiftieth = byNewest.get(Math.min(49, byNewest.size() - 1)).get("created").asLong();
        String newest50 = "c.created >= " + literal(Instant.ofEpochSecond(fiftieth).atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '));
        return List.of(new String[] {"one customer by email", one}, new String[] {"five customers by email", five},
                new String[] {"~10 newest customers (created >=)", newest}, new String[] {"~50 newest customers (created >=)", newest50});
    }

    record Run(long rows, long checksum, long requests, double secs, boolean strategy) {}

    private static Run run(Connection c, StripeEmulator emu, String filter, String dependentJoin) throws SQLException {
        exec(c, "set wirewrap.dependent_join = " + dependentJoin);
        boolean dependent = false;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("explain " + JOIN + filter)) {
            while (rs.next()) dependent |= rs.getString(1).contains("Dependent Foreign Scan");
        }
        emu.clearRequestLog();
        long t0 = System.nanoTime();
        long rows = 0;
        long checksum = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(JOIN + filter)) {
            while (rs.next()) {
                rows++;
                checksum += (rs.getString(1) + rs.getString(3)).hashCode();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run(rows, checksum, emu.requestLog().size(), secs, dependent || dependentJoin.equals("off"));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
