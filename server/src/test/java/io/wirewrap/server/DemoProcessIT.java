package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.testkit.RepoPaths;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer does first: {@code ./wirewrap --demo}, then psql. Runs the real launcher script as a process
 * (after {@code package} built the fat jar) and checks psql's answers against an emulator seeded identically
 * in this JVM (the seed is deterministic).
 */
class DemoProcessIT {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    @Test
    void demoServesTheSeededDataToPsql() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql not installed");
        Path root = RepoPaths.root();
        assumeTrue(Files.exists(root.resolve("server/target/wirewrap.jar")), "fat jar not built (runs in verify)");
        int port = ThrowawayPostgres.freePort();
        Path dataDir = Files.createTempDirectory("ww-demo-");
        Process demo = new ProcessBuilder(root.resolve("wirewrap").toString(), "--demo", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        try {
            String banner = awaitLine(demo, "demo ready", 90);
            assertTrue(banner.contains("demo ready"), banner);

            String conn = "host=127.0.0.1 port=" + port + " user=postgres password=postgres dbname=postgres";
            assertEquals("1000", psql(conn, "select count(*) from stripe.customers"));

            Map<String, Integer> expected = expectedChargesPerCustomerEmail();
            String joined = psql(conn, "select c.email, count(*) from stripe.customers c "
                    + "join stripe.charges ch on ch.customer = c.id where c.email is not null group by 1 order by 1");
            Map<String, Integer> actual = new HashMap<>();
            for (String line : joined.split("\n")) {
                String[] cols = line.split("\\|");
                actual.put(cols[0], Integer.parseInt(cols[1]));
            }
            assertEquals(expected, actual);
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) demo.destroyForcibly();
        }
    }

    /** Charges per customer email, from an emulator seeded exactly as the demo's. */
    private static Map<String, Integer> expectedChargesPerCustomerEmail() {
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(1000)))) {
            Map<String, String> emailById = new HashMap<>();
            for (ObjectNode c : emu.store().list("customer")) {
                if (c.hasNonNull("email")) emailById.put(c.get("id").asText(), c.get("email").asText());
            }
            Map<String, Integer> counts = new HashMap<>();
            for (ObjectNode ch : emu.store().list("charge")) {
                String email = ch.hasNonNull("customer") ? emailById.get(ch.get("customer").asText()) : null;
                if (email != null) counts.merge(email, 1, Integer::sum);
            }
            assertTrue(counts.size() > 100, "the seed relates charges to customers");
            return counts;
        }
    }

    private static String psql(String conn, String sql) throws Exception {
        Process p = new ProcessBuilder(PSQL.toString(), conn, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Reads the process output until a line containing {@code marker}; fails with everything read otherwise. */
    private static String awaitLine(Process p, String marker, int seconds) throws Exception {
        var lines = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
            } catch (Exception ignored) {
                // process ended
            }
        });
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) {
                if (!p.isAlive() && lines.isEmpty()) break;
                continue;
            }
            seen.add(l);
            if (l.contains(marker)) return l;
        }
        return String.join("\n", seen);
    }
}
