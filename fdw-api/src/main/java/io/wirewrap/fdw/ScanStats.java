package io.wirewrap.fdw;

import java.util.concurrent.atomic.LongAdder;

/** Counters a source updates while it works; EXPLAIN ANALYZE and progress notices read them. */
public final class ScanStats {
    public final LongAdder requests = new LongAdder();
    public final LongAdder pages = new LongAdder();
    public final LongAdder rows = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder rateLimitWaitsNanos = new LongAdder();

    @Override
    public String toString() {
        return "requests=" + requests.sum() + " pages=" + pages.sum() + " rows=" + rows.sum()
                + " retries=" + retries.sum();
    }
}
