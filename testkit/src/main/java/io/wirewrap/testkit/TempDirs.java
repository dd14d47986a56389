package io.wirewrap.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Removal of the temporary data directories test fixtures create, so runs leave nothing behind in /tmp. */
public final class TempDirs {
    private static final int ATTEMPTS = 10;

    private TempDirs() {}

    /**
     * Deletes {@code dir} and everything under it. A server that has just closed may still be finishing writes
     * (DuckDB's WAL, a catalog file being replaced), which can make a walk fail or leave a directory non-empty, so
     * the walk is retried a few times before giving up quietly: a leftover temp directory must not fail a test.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null) return;
        for (int attempt = 0; attempt < ATTEMPTS && Files.exists(dir); attempt++) {
            try {
                deleteTree(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50L * (attempt + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths;
        try (var walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.toList());
        } catch (NoSuchFileException gone) {
            return;
        }
        Collections.reverse(paths); // children before their directories
        for (Path p : paths) Files.deleteIfExists(p);
    }
}
