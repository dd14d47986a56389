package io.wirewrap.sql.catalog;

import java.util.Optional;

/**
 * Durable home of catalog snapshots. A store holds one current snapshot; {@link #write} replaces it only if
 * nobody else wrote since {@code expectedVersion} (optimistic concurrency for shared mode), all or nothing.
 */
public interface CatalogStore extends AutoCloseable {
    /** The latest stored snapshot, or empty for a brand-new store. */
    Optional<CatalogSnapshot> load();

    /** The latest stored version, cheaply (0 for an empty store): lets readers skip reloading. */
    long currentVersion();

    /**
     * Stores {@code next} (whose version is {@code expectedVersion + 1}). Throws
     * {@link ConcurrentCatalogChange} when the stored version is no longer {@code expectedVersion}.
     */
    void write(CatalogSnapshot next, long expectedVersion);

    @Override
    void close();

    /** Another writer got there first; the caller re-reads and re-applies its change. */
    final class ConcurrentCatalogChange extends RuntimeException {
        public ConcurrentCatalogChange(String message) {
            super(message);
        }
    }
}
