package io.wirewrap.bench.protocol;

import io.wirewrap.server.ServerConfig;
import io.wirewrap.server.WirewrapServer;
import io.wirewrap.server.auth.AuthMethod;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Protocol overhead against a real PostgreSQL 15: pgbench with a {@code select 1} script, 8 clients and
 * 1 client, in simple and extended query mode, against a throwaway PostgreSQL and an in-process wirewrap
 * side by side. Prints tps, average latency and the wirewrap/PostgreSQL ratios.
 *
 * <p>Usage: {@code bench/bench-protocol [seconds-per-run]} (default 12).
 */
public final class BenchProtocol {
    private record Run(String mode, int clients, double tps, double latencyMs) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path pgbench = pgbench();
        if (!ThrowawayPostgres.available(15)) {
            System.err.println("bench-protocol: PostgreSQL 15 binaries not found under /usr/lib/postgresql/15/bin");
            System.exit(2);
        }
        Path script = Files.createTempFile("select1", ".sql");
        Files.writeString(script, "select 1;\n");
        Path dataDir = Files.createTempDirectory("ww-bench-data");
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(15);
             WirewrapServer ww = WirewrapServer.builder(ServerConfig.builder().port(0).dataDir(dataDir)
                     .auth(AuthMethod.SCRAM).maxConnections(200).build()).start()) {
            System.out.printf(Locale.ROOT, "pgbench %s, script 'select 1;', %d s per run; PostgreSQL 15 on port %d, wirewrap on port %d%n",
                    pgbench, seconds, pg.port(), ww.port());
            // warm the JIT so the measured runs see steady state, as PostgreSQL's are
            pgbenchRun(pgbench, script, ww.port(), "extended", 8, 4);
            pgbenchRun(pgbench, script, ww.port(), "simple", 8, 3);
            List<String[]> table = new ArrayList<>();
            for (int clients : new int[] {8, 1}) {
                for (String mode : new String[] {"simple", "extended"}) {
                    Run p = pgbenchRun(pgbench, script, pg.port(), mode, clients, seconds);
                    Run w = pgbenchRun(pgbench, script, ww.port(), mode, clients, seconds);
                    table.add(new String[] {mode, Integer.toString(clients), fmt(p.tps()), fmt(w.tps()), ratio(w.tps(), p.tps()),
                            fmt3(p.latencyMs()), fmt3(w.latencyMs()), ratio(w.latencyMs(), p.latencyMs())});
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%-9s %7s %12s %12s %9s %12s %12s %9s%n", "mode", "clients", "pg tps", "ww tps",
                    "ww/pg", "pg lat ms", "ww lat ms", "ww/pg");
            for (String[] r : table) {
                System.out.printf(Locale.ROOT, "%-9s %7s %12s %12s %9s %12s %12s %9s%n", (Object[]) r);
            }
            System.out.println("\ngoal: tps ratio >= 1.2 with 8 clients, latency ratio <= 1.0 with 1 client");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Run pgbenchRun(Path pgbench, Path script, int port, String mode, int clients, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(pgbench.toString(), "-n", "-f", script.toString(), "-M", mode, "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", "postgres", "postgres");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + cmd + "\n" + out);
        }
        return new Run(mode, clients, number(out, "tps = ([0-9.]+)"), number(out, "latency average = ([0-9.]+) ms"));
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) throw new IllegalStateException("no match for " + regex + " in pgbench output:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    private static Path pgbench() {
        for (String c : new String[] {"/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"}) {
            if (Files.isExecutable(Path.of(c))) return Path.of(c);
        }
        throw new IllegalStateException("pgbench not found");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
