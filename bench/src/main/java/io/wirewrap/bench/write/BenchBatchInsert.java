package io.wirewrap.bench.write;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.server.ServerConfig;
import io.wirewrap.server.ServerWiring;
import io.wirewrap.server.WirewrapServer;
import io.wirewrap.server.boot.StripeBootstrap;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Locale;

/**
 * A pgjdbc {@code executeBatch} of N inserts into {@code stripe.customers} against N sequential POSTs made directly
 * to the emulator, both with a fixed emulator latency. wirewrap sends a pipelined batch's rows as parallel creates
 * (bounded by the server's {@code parallelism} and {@code rate_limit}); a client that posts one by one pays the
 * latency N times. Prints both times, the ratio and the requests the emulator saw.
 *
 * <p>Usage: {@code bench/bench-batch-insert [rows latencyMs rateLimit parallelism rounds]} (default 100 50 100 8 3).
 */
public final class BenchBatchInsert {
    private static final String USER = "postgres";
    private static final String PASSWORD = "bench";

    public static void main(String[] args) throws Exception {
        int rows = arg(args, 0, 100);
        int latencyMs = arg(args, 1, 50);
        int rateLimit = arg(args, 2, 100);
        int parallelism = arg(args, 3, 8);
        int rounds = arg(args, 4, 3);
        Path dataDir = Files.createTempDirectory("ww-bench-batch");
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(0))
                .withLatency(Duration.ofMillis(latencyMs)));
             WirewrapServer server = start(dataDir)) {
            StripeBootstrap.apply(server.engine(), USER, emu.baseUrl(), emu.apiKey());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", USER, PASSWORD);
                 var st = c.createStatement()) {
                st.execute("alter server stripe_server options (add rate_limit '" + rateLimit + "', add parallelism '" + parallelism + "')");
            }
            HttpClient http = HttpClient.newHttpClient();
            System.out.printf(Locale.ROOT, "%d inserts into stripe.customers, emulator latency %d ms, rate_limit %d/s, parallelism %d%n",
                    rows, latencyMs, rateLimit, parallelism);
            // warm-up: connection pools, JIT, the first prepare
            batch(server.port(), Math.min(rows, 10), "warm");
            direct(http, emu, Math.min(rows, 10), "warm");
            double bestBatch = Double.MAX_VALUE;
            double bestDirect = Double.MAX_VALUE;
            int batchPosts = 0;
            for (int r = 1; r <= rounds; r++) {
                emu.clearRequestLog();
                double b = batch(server.port(), rows, "b" + r);
                batchPosts = (int) emu.requestLog().stream().filter(x -> x.method().equals("POST")).count();
                double d = direct(http, emu, rows, "d" + r);
                System.out.printf(Locale.ROOT, "round %d: executeBatch %.0f ms (%d POSTs), sequential POSTs %.0f ms, ratio %.3f%n",
                        r, b, batchPosts, d, b / d);
                bestBatch = Math.min(bestBatch, b);
                bestDirect = Math.min(bestDirect, d);
            }
            System.out.printf(Locale.ROOT, "best: executeBatch %.0f ms, sequential %.0f ms, ratio %.3f (goal <= 0.2; floor %d rows / %d per s = %.0f ms)%n",
                    bestBatch, bestDirect, bestBatch / bestDirect, rows, rateLimit, rows * 1000.0 / rateLimit);
        }
    }

    private static WirewrapServer start(Path dataDir) {
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir).user(USER).password(PASSWORD).build();
        WirewrapServer.Builder builder = WirewrapServer.builder(config);
        ServerWiring.install(builder, config, null);
        return builder.start();
    }

    /** One pgjdbc batch of {@code rows} inserts; milliseconds. */
    private static double batch(int port, int rows, String tag) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
             PreparedStatement ps = c.prepareStatement("insert into stripe.customers (email, name) values (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setString(1, tag + "-" + i + "@batch.example");
                ps.setString(2, "Batch " + i);
                ps.addBatch();
            }
            long t0 = System.nanoTime();
            int[] counts = ps.executeBatch();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (counts.length != rows) throw new IllegalStateException("executeBatch answered " + counts.length + " counts");
            return ms;
        }
    }

    /** {@code rows} POST /v1/customers one after another, as a client without wirewrap would; milliseconds. */
    private static double direct(HttpClient http, StripeEmulator emu, int rows, String tag) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            String form = "email=" + URLEncoder.encode(tag + "-" + i + "@direct.example", StandardCharsets.UTF_8) + "&name=Direct+" + i;
            HttpRequest req = HttpRequest.newBuilder(URI.create(emu.baseUrl() + "customers"))
                    .header("Authorization", "Bearer " + emu.apiKey())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) throw new IllegalStateException("POST answered " + resp.statusCode() + ": " + resp.body());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
