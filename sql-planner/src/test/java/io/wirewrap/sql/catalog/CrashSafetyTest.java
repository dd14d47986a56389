package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM running the engine (catalog DDL, vault writes, DuckDB local-table writes, see
 * {@link CrashLoopMain}) at random moments, many times. After each kill the next child must start, and the state it
 * finds must be old or new in every store: every acknowledged iteration present, at most the one in flight
 * beyond it, no half-written DDL, secret or insert.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void killedWritersLeaveOldOrNewState() throws Exception {
        Random random = new Random(20261125);
        // CI runs a short version; the full one: -Dwirewrap.crash.kills=200 -Dwirewrap.crash.seconds=900
        int minKills = Integer.getInteger("wirewrap.crash.kills", 4);
        int minIterations = Integer.getInteger("wirewrap.crash.iterations", 4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("wirewrap.crash.seconds", 90));
        long totalIterations = 0;
        int kills = 0;
        long acked = 0;
        String last = null;
        // outside the data directory, so a child's stack trace can be shown when it fails to start
        Path childErr = Files.createTempFile("crash-child", ".err");
        childErr.toFile().deleteOnExit();
        while (true) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashLoopMain.class.getName(), dir.toString())
                    .redirectError(childErr.toFile()).start();
            AtomicLong acknowledged = new AtomicLong(-1);
            AtomicReference<String> ready = new AtomicReference<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("ready ") || line.startsWith("broken ")) ready.set(line);
                        if (line.startsWith("committed ")) acknowledged.set(Long.parseLong(line.substring(10)));
                    }
                } catch (Exception ignored) {
                    // the child died
                }
            });
            long waitStart = System.nanoTime();
            while (ready.get() == null && child.isAlive() && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(60)) Thread.sleep(5);
            String state = ready.get();
            if (state == null) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                String err = Files.readString(childErr);
                fail("the engine did not start after kill " + kills + " (last state " + last + "): "
                        + err.substring(Math.max(0, err.length() - 3000)));
            }
            assertFalse(state.startsWith("broken"), "after kill " + kills + ": " + state);
            // ready <complete local groups> <schemas> <secrets> <comment version>
            long local = Long.parseLong(state.split(" ")[1]);
            long schemas = Long.parseLong(state.split(" ")[2]);
            assertTrue(local >= acked, "acknowledged iteration " + acked + " lost: " + state);
            assertTrue(schemas <= acked + 1, "more than the one iteration in flight: acked " + acked + ", " + state);
            last = state;
            // the child started after the last kill was checked: stop here
            if (totalIterations >= minIterations && kills >= minKills || System.nanoTime() > deadline) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                break;
            }
            long startedAt = local;
            // on a loaded machine a child may need seconds per iteration: half the kills (and every kill while too
            // few iterations are done) wait for one acknowledged iteration, then land at a random moment
            if (totalIterations < minIterations || random.nextBoolean()) {
                long t0 = System.nanoTime();
                while (acknowledged.get() <= startedAt && child.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(650));
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            kills++;
            acked = Math.max(local, acknowledged.get());
            totalIterations += Math.max(0, acknowledged.get() - startedAt);
        }
        assertTrue(totalIterations >= minIterations, "only " + totalIterations + " iterations in the time budget, " + kills + " kills");
        assertTrue(kills >= minKills, "only " + kills + " kills");
        System.out.println("crash-safety: " + kills + " kills, " + kills + " restarts checked, 0 broken, "
                + totalIterations + " committed iterations (DDL + vault + local insert each), last state " + last);
    }

    @Test
    void aStrayTempFileIsIgnored() throws Exception {
        try (FileCatalogStore store = new FileCatalogStore(dir)) {
            CatalogService c = new CatalogService(store, "postgres");
            c.apply(b -> b.schemas.add(new CatalogObjects.Schema(b.newOid(), "kept", "postgres")));
        }
        Files.writeString(dir.resolve(".catalog.json.tmp-" + "broken"), "{\"version\": 99, \"schem");
        try (FileCatalogStore store = new FileCatalogStore(dir)) {
            CatalogSnapshot s = store.load().orElseThrow();
            assertEquals(1, s.version());
            assertTrue(s.schema("kept").isPresent());
        }
        assertFalse(Files.exists(dir.resolve(".catalog.json.tmp-broken")));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve("catalog.json")), "the catalog is owner-only");
    }

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path fresh = dir.resolve("new/data");
        try (Harness h = new Harness(fresh, java.util.List.of(), java.util.Map.of(), null)) {
            h.exec("create schema x");
        }
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(fresh));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(fresh.resolve("master.key")));
    }

    @Test
    void aSecondProcessCannotOpenTheSameDirectory() {
        try (FileCatalogStore store = new FileCatalogStore(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileCatalogStore(dir));
            assertTrue(e.getMessage().contains("in use"));
        }
    }
}
