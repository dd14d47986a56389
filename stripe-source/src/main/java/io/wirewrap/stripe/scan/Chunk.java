package io.wirewrap.stripe.scan;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;

/**
 * A piece of a list scan: one variant (a value of an IN qual) and an inclusive {@code created} range. Chunks are
 * disjoint (a worker only ever gives away the part of its range below its cursor), so no id can come twice, and
 * emitting them in {@link #ORDER} (variant, then newest range first) keeps Stripe's created-desc order.
 * Guarded by the owning {@link PagedScan}'s lock.
 */
final class Chunk {
    static final Comparator<Chunk> ORDER = Comparator.<Chunk>comparingInt(c -> c.variant)
            .thenComparing(c -> c.hi, Comparator.reverseOrder())
            .thenComparingLong(c -> c.seq);

    final int variant;
    final Map<String, String> variantParams;
    /** Raised when the worker gives the bottom of its range away (guarded by the scan's lock). */
    long lo;
    final long hi;
    final long seq;
    final ArrayDeque<Object[]> buffer = new ArrayDeque<>();
    boolean done;
    /** How many times the open-ended range this chunk descends from was cut: pieces grow with it. */
    int generation;
    /** Created times of the rows fetched, in order, while the scan records a {@link ScanHistory}; else null. */
    long[] created;
    int createdCount;

    Chunk(int variant, Map<String, String> variantParams, long lo, long hi, long seq) {
        this.variant = variant;
        this.variantParams = variantParams;
        this.lo = lo;
        this.hi = hi;
        this.seq = seq;
    }

    void recordCreated(long t) {
        if (createdCount == created.length) created = java.util.Arrays.copyOf(created, created.length * 2);
        created[createdCount++] = t;
    }
}
