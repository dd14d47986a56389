package io.wirewrap.emulator;

import java.util.ArrayList;
import java.util.List;

/** A bounded ring buffer of requests, so long benchmarks do not grow memory. */
final class RequestLog {
    private final LoggedRequest[] ring;
    private long written;

    RequestLog(int capacity) { ring = new LoggedRequest[capacity]; }

    synchronized void add(LoggedRequest r) {
        ring[(int) (written % ring.length)] = r;
        written++;
    }

    /** Oldest first, at most {@code capacity} entries. */
    synchronized List<LoggedRequest> snapshot() {
        int n = (int) Math.min(written, ring.length);
        List<LoggedRequest> out = new ArrayList<>(n);
        for (long i = written - n; i < written; i++) out.add(ring[(int) (i % ring.length)]);
        return out;
    }

    synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        written = 0;
    }
}
