package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.testkit.RepoPaths;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The compose scenario without Docker: the image's file system rebuilt from {@code docker/Dockerfile}
 * ({@link RuntimeLayout}), the emulator and wirewrap services started exactly as the entrypoint and compose
 * start them (same arguments, same environment with {@code *_FILE} secrets under {@code /run/secrets}, the
 * image's non-root uid), their health checks run as Docker runs them, then a throwaway PostgreSQL 15 set up by
 * {@code docker/postgres-init/10-wirewrap.sh} queries Stripe through postgres_fdw. Only the network differs:
 * services are on loopback and free ports instead of compose's service names and fixed ports.
 */
class RuntimeLayoutIT {
    private static final int SECONDS = 120;

    @Test
    void theImageStartedLikeItsEntrypointServesTheComposeScenario() throws Exception {
        Path repo = RepoPaths.root();
        assumeTrue(Files.exists(repo.resolve("server/target/wirewrap.jar")), "fat jar not built (runs in verify)");
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        ComposeFile compose = ComposeFile.read(repo.resolve("docker/compose.yaml"));
        int emulatorPort = ThrowawayPostgres.freePort();
        int wirewrapPort = ThrowawayPostgres.freePort();
        // compose's network, on loopback: service names resolve to 127.0.0.1, fixed ports become free ones
        UnaryOperator<String> network = s -> s.replace("emulator:12111", "127.0.0.1:12111")
                .replace("12111", String.valueOf(emulatorPort));
        List<Process> started = new ArrayList<>();
        try (RuntimeLayout image = new RuntimeLayout(repo)) {
            compose.topLevelSecrets().forEach(name -> image.addSecret(name, compose.secretFile(name)));
            Path logs = Files.createDirectories(image.root.resolve("logs"));

            Map<String, String> emulatorEnv = image.environment(mapValues(compose.environment("emulator"), network));
            started.add(image.start(image.entrypointWith(compose.command("emulator").stream().map(network).toList()),
                    emulatorEnv, logs.resolve("emulator.log")));
            await("emulator", () -> HealthCheck.http("http://127.0.0.1:" + emulatorPort + "/healthz"), logs.resolve("emulator.log"));
            List<String> emulatorCheck = compose.healthcheck("emulator");
            assertEquals("CMD-SHELL", emulatorCheck.get(0));
            assertEquals(0, exitCode(image, List.of("sh", "-c", network.apply(emulatorCheck.get(1))), emulatorEnv, logs),
                    "compose's emulator health check");

            Map<String, String> wirewrapOverrides = mapValues(compose.environment("wirewrap"), network);
            wirewrapOverrides.put("WIREWRAP_PORT", String.valueOf(wirewrapPort)); // 5433 may be taken on a shared machine
            Map<String, String> wirewrapEnv = image.environment(wirewrapOverrides);
            started.add(image.start(image.entrypointWith(List.of()), wirewrapEnv, logs.resolve("wirewrap.log")));
            await("wirewrap", () -> HealthCheck.postgres("127.0.0.1", wirewrapPort), logs.resolve("wirewrap.log"));
            assertEquals(0, exitCode(image, image.stage.healthcheck(), wirewrapEnv, logs), "the image's HEALTHCHECK");
            Map<String, String> nothingListens = new HashMap<>(wirewrapEnv);
            nothingListens.put("WIREWRAP_PORT", String.valueOf(ThrowawayPostgres.freePort()));
            assertEquals(1, exitCode(image, image.stage.healthcheck(), nothingListens, logs), "HEALTHCHECK without a server");

            // healthy means ready: the password from the secret file logs in and schema stripe is there
            String password = Files.readString(compose.secretFile("wirewrap_password")).strip();
            String customers = compose.command("emulator").get(compose.command("emulator").indexOf("--customers") + 1);
            long charges;
            try (Connection ww = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + wirewrapPort + "/postgres",
                    compose.environment("wirewrap").get("WIREWRAP_USER"), password)) {
                assertEquals(customers, single(ww, "select count(*) from stripe.customers"));
                charges = Long.parseLong(single(ww, "select count(*) from stripe.charges where customer is not null"));
            }
            Path dataDir = image.path(image.stage.env().get("WIREWRAP_DATA_DIR"));
            try (var files = Files.list(dataDir)) {
                List<Path> written = files.toList();
                assertTrue(!written.isEmpty(), "the catalog lives in the data volume " + dataDir);
                if ("root".equals(System.getProperty("user.name"))) {
                    assertEquals(image.stage.uid(), Files.getAttribute(written.get(0), "unix:uid"), "written by the image's user");
                }
            }

            try (ThrowawayPostgres postgres = ThrowawayPostgres.start(15)) {
                runInitScript(repo, image, postgres, wirewrapPort);
                try (Connection pg = postgres.connect()) {
                    assertEquals(customers, single(pg, "select count(*) from stripe.customers"));
                    assertEquals(String.valueOf(charges), single(pg,
                            "select count(*) from stripe.charges ch join stripe.customers c on c.id = ch.customer"));
                }
            }
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    /** The postgres image runs it with POSTGRES_USER/POSTGRES_DB set and psql reaching the new cluster. */
    private static void runInitScript(Path repo, RuntimeLayout image, ThrowawayPostgres postgres, int wirewrapPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("docker/postgres-init/10-wirewrap.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", postgres.binDir() + ":/usr/bin:/bin");
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_DB", "postgres");
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", String.valueOf(postgres.port()));
        env.put("WIREWRAP_HOST", "127.0.0.1");
        env.put("WIREWRAP_PORT", String.valueOf(wirewrapPort));
        env.put("WIREWRAP_PASSWORD_FILE", image.path(RuntimeLayout.SECRETS + "/wirewrap_password").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(SECONDS, TimeUnit.SECONDS), "init script timed out");
        assertEquals(0, p.exitValue(), out);
    }

    private static int exitCode(RuntimeLayout image, List<String> command, Map<String, String> env, Path logs) throws Exception {
        Path log = Files.createTempFile(logs, "check-", ".log");
        Process p = image.start(command, env, log);
        if (!p.waitFor(SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return p.exitValue();
    }

    private static void await(String what, Callable<Boolean> ready, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                if (ready.call()) return;
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not become ready:\n" + Files.readString(log));
    }

    private static Map<String, String> mapValues(Map<String, String> env, UnaryOperator<String> f) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    private static String single(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
