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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is writing the catalog at random moments, many times, and checks after each kill that
 * the catalog loads and is the last acknowledged version or the one being written (old or new, never broken).
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void killedWritersLeaveAnOldOrNewCatalog() throws Exception {
        Random random = new Random(20261125);
        // CI runs a short version; the full one: -Dwirewrap.crash.kills=200 -Dwirewrap.crash.seconds=900
        int minKills = Integer.getInteger("wirewrap.crash.kills", 5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("wirewrap.crash.seconds", 55));
        long totalIterations = 0;
        int kills = 0;
        long lastVersion = 0;
        while ((totalIterations < 200 || kills < minKills) && System.nanoTime() < deadline) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashLoopMain.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong acknowledged = new AtomicLong(-1);
            AtomicLong started = new AtomicLong(-1);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("ready ")) started.set(Long.parseLong(line.substring(6)));
                        if (line.startsWith("committed ")) acknowledged.set(Long.parseLong(line.substring(10)));
                    }
                } catch (Exception ignored) {
                    // the child died
                }
            });
            long waitStart = System.nanoTime();
            while (started.get() < 0 && child.isAlive() && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(20)) Thread.sleep(5);
            assertTrue(started.get() >= 0, "child did not start");
            assertEquals(lastVersion, started.get(), "the child sees the state the previous one left");
            Thread.sleep(50 + random.nextInt(650));
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            kills++;
            long acked = acknowledged.get();
            totalIterations += Math.max(0, acked - started.get());

            try (FileCatalogStore store = new FileCatalogStore(dir)) {
                CatalogSnapshot s = store.load().orElse(CatalogSnapshot.initial("postgres"));
                long v = s.version();
                long floor = Math.max(acked, started.get());
                assertTrue(v == floor || v == floor + 1, "loaded version " + v + " after acknowledging " + acked);
                // the whole document is one consistent version: schema count and comment agree with it
                assertEquals(v + 1, s.schemas().size());
                if (v > 0) assertTrue(s.comments().get(0).text().startsWith("version " + v + " "));
                lastVersion = v;
            }
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".catalog.json.tmp-")),
                        "temp files of a crashed write are removed at the next open");
            }
        }
        assertTrue(totalIterations >= 200, "only " + totalIterations + " iterations in the time budget, " + kills + " kills");
        assertTrue(kills >= minKills, "only " + kills + " kills");
        System.out.println("crash-safety: " + kills + " kills, " + totalIterations + " committed iterations, final version " + lastVersion);
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
    void aSecondProcessCannotOpenTheSameDirectory() {
        try (FileCatalogStore store = new FileCatalogStore(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileCatalogStore(dir));
            assertTrue(e.getMessage().contains("in use"));
        }
    }
}
