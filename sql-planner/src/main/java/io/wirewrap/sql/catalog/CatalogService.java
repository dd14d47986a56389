package io.wirewrap.sql.catalog;

import io.wirewrap.sql.api.SqlError;
import java.util.function.Function;

/**
 * The live catalog: the current snapshot plus the store it came from. Readers take {@link #snapshot()} (after
 * {@link #refresh()} at statement start in shared mode); writers go through {@link #apply}, which runs a
 * transition on a working copy and persists the result as one step, retrying on a concurrent change from
 * another instance so that statement order is the store's order.
 */
public final class CatalogService implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 40;
    private final CatalogStore store;
    private volatile CatalogSnapshot current;

    public CatalogService(CatalogStore store, String bootstrapOwner) {
        this.store = store;
        this.current = store.load().orElseGet(() -> CatalogSnapshot.initial(bootstrapOwner));
    }

    public CatalogSnapshot snapshot() {
        return current;
    }

    /** Re-reads the store when another instance wrote a newer version; cheap when nothing changed. */
    public CatalogSnapshot refresh() {
        CatalogSnapshot seen = current;
        try {
            if (store.currentVersion() != seen.version()) {
                synchronized (this) {
                    if (current == seen) current = store.load().orElse(seen);
                }
            }
        } catch (RuntimeException unreachable) {
            // a shared catalog database that is briefly unreachable must not fail every query: reads go on with
            // the last snapshot; DDL, which has to store, fails with the store's error
        }
        return current;
    }

    /**
     * Applies one statement's change atomically: the transition edits a working copy of the latest snapshot;
     * if it throws, nothing changes; otherwise the next version is stored before anyone can see it.
     */
    public synchronized <R> R apply(Function<CatalogSnapshot.Builder, R> transition) {
        for (int attempt = 1; ; attempt++) {
            CatalogSnapshot base = current;
            CatalogSnapshot.Builder working = base.toBuilder();
            R result = transition.apply(working);
            CatalogSnapshot next = working.build();
            try {
                store.write(next, base.version());
                current = next;
                return result;
            } catch (CatalogStore.ConcurrentCatalogChange e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new SqlError("40001", "could not serialize catalog change: concurrent changes from other instances");
                }
                current = store.load().orElse(base);
                backOff(attempt);
            }
        }
    }

    /** Jittered, growing pause so two instances that keep colliding stop doing so in lockstep. */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(200, 1L << Math.min(attempt, 8));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlError("57014", "canceling catalog change due to interrupt");
        }
    }

    public CatalogStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
