package io.wirewrap.sql.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the data directory owner-only ({@code 0700}, like a PostgreSQL data directory): it holds the catalog,
 * the vault key and local tables, and DuckDB's files follow the umask. An existing directory is left as it is.
 */
public final class DataDirectory {
    private DataDirectory() {}

    public static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system
        }
    }
}
