package io.wirewrap.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wirewrap as a user runs it: the {@code ./wirewrap} launcher (fat jar) in its own JVM, with a heap limit of our
 * choosing, configured for one Stripe API (an emulator) through {@code WIREWRAP_STRIPE_URL}/{@code _KEY}. Its GC
 * log tells how much heap it used; it exits on OutOfMemoryError rather than limp on.
 */
public final class WirewrapProcess implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** ZGC's "26M(10%)->14M(5%)" and G1's "26M->14M(256M)": heap before and after one collection. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M(?:\\(\\d+%\\))?->(\\d+)M");

    private final Process process;
    private final Path dataDir;
    private final Path gcLog;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private WirewrapProcess(Process process, Path dataDir, Path gcLog, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.gcLog = gcLog;
        this.port = port;
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) output.add(l);
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /**
     * Starts {@code ./wirewrap} with {@code -Xmx<heap>} (and {@code javaOpts}, e.g. another collector than the
     * launcher's ZGC) serving schema {@code stripe} from {@code stripeUrl}, and waits until it accepts connections
     * (at most {@code startSeconds}).
     */
    public static WirewrapProcess start(String heap, String javaOpts, String stripeUrl, String stripeKey, int startSeconds) {
        Path root = RepoPaths.root();
        Path launcher = root.resolve("wirewrap");
        if (!Files.exists(root.resolve("server/target/wirewrap.jar"))) {
            throw new IllegalStateException("server/target/wirewrap.jar is not built (mvn -pl server -am package)");
        }
        try {
            Path dataDir = Files.createTempDirectory("ww-proc-");
            Path gcLog = dataDir.resolve("gc.log");
            int port = ThrowawayPostgres.freePort();
            ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--port", String.valueOf(port),
                    "--data-dir", dataDir.resolve("data").toString(), "--log-level", "warn").redirectErrorStream(true);
            pb.environment().put("WIREWRAP_JAVA_OPTS", "-Xmx" + heap + " -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=" + gcLog
                    + (javaOpts == null || javaOpts.isBlank() ? "" : " " + javaOpts));
            pb.environment().put("WIREWRAP_STRIPE_URL", stripeUrl);
            pb.environment().put("WIREWRAP_STRIPE_KEY", stripeKey);
            pb.environment().put("WIREWRAP_PASSWORD", PASSWORD);
            WirewrapProcess p = new WirewrapProcess(pb.start(), dataDir, gcLog, port);
            p.awaitOutput("wirewrap listening", startSeconds);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitOutput(String marker, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(l -> l.contains(marker))) return;
            if (!process.isAlive()) break;
            sleep(100);
        }
        close();
        throw new IllegalStateException("wirewrap did not start:\n" + String.join("\n", output));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process printed so far (stdout and stderr). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** The largest heap occupancy any collection started from, in MB (the peak between collections). */
    public long peakHeapMb() {
        return gcFigures()[0];
    }

    /**
     * The largest heap occupancy left after a collection, in MB: what was really held under a stop-the-world
     * collector (G1); under ZGC it also counts what was allocated while the concurrent collection ran.
     */
    public long maxLiveHeapMb() {
        return gcFigures()[1];
    }

    /** Number of collections logged so far. */
    public long collections() {
        return gcFigures()[2];
    }

    private long[] gcFigures() {
        long before = 0;
        long after = 0;
        long count = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (!m.find()) continue;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                count++;
            }
        } catch (IOException e) {
            // no log yet: no collection yet
        }
        return new long[] {before, after, count};
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TempDirs.deleteQuietly(dataDir);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
