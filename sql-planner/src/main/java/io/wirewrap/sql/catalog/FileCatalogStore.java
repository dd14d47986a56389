package io.wirewrap.sql.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded store: one JSON document, {@code catalog.json}, in the data directory. A write goes to a temp
 * file that is fsynced, renamed over the document atomically, then the directory is fsynced, so after a crash
 * the document is the old one or the new one, never a mix; temp files a crash leaves behind are ignored and
 * removed at the next start. A lock file keeps a second server off the same directory.
 */
public final class FileCatalogStore implements CatalogStore {
    static final String DOCUMENT = "catalog.json";
    private static final String TEMP_PREFIX = ".catalog.json.tmp-";
    private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY = ownerOnly();

    private final Path dir;
    private final Path document;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long version;

    public FileCatalogStore(Path dir) {
        this.dir = dir;
        this.document = dir.resolve(DOCUMENT);
        try {
            io.wirewrap.sql.api.DataDirectory.create(dir);
            lockChannel = FileChannel.open(dir.resolve("catalog.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new IllegalStateException("catalog in " + dir + " is in use by another wirewrap process");
            }
            lock = l;
            removeTempFiles();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))} : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private void removeTempFiles() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path p : ds) Files.deleteIfExists(p);
        }
    }

    @Override
    public synchronized Optional<CatalogSnapshot> load() {
        if (!Files.exists(document)) return Optional.empty();
        try {
            CatalogSnapshot s = SnapshotCodec.decode(Files.readAllBytes(document));
            version = s.version();
            return Optional.of(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized long currentVersion() {
        return version; // this process is the only writer (the lock guarantees it)
    }

    @Override
    public synchronized void write(CatalogSnapshot next, long expectedVersion) {
        if (expectedVersion != version) {
            throw new ConcurrentCatalogChange("catalog changed from version " + expectedVersion + " to " + version);
        }
        byte[] bytes = SnapshotCodec.encode(next);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            // owner-only, like a PostgreSQL data directory: the document holds role verifiers and vault ciphertexts
            try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OWNER_ONLY)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(temp, document, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("file system of " + dir + " cannot rename atomically", e);
            }
            fsyncDirectory();
            version = next.version();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next start removes it
            }
            // the statement fails and nothing changed: the in-memory catalog is still the old version, reads go on
            boolean full = String.valueOf(e.getMessage()).contains("No space left on device");
            throw new io.wirewrap.sql.api.SqlError(full ? "53100" : "58030", "could not write catalog: " + e.getMessage(),
                    "the change was not applied; the server keeps serving reads",
                    full ? "free space in the data directory " + dir : "check that the data directory " + dir + " is writable", 0, e);
        }
    }

    /** Makes the rename itself durable (on Linux a directory can be opened and fsynced). */
    private void fsyncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some platforms cannot open directories; the rename is still atomic there
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
