package io.wirewrap.stripe.scan;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the last complete scan of each list saw: the {@code created} time of every object, newest first. A later scan
 * of the same list (same path and filters) cuts its parallel pieces at exact page boundaries of that history, so no
 * piece ends with a partial page and the scan makes the minimum number of requests at full parallelism from its
 * first request. Stripe objects never change {@code created} and new ones are always the newest, so a history stays
 * valid: new objects only enlarge the top piece, deleted ones only shrink a piece.
 *
 * <p>One per Stripe client (account and key); memory is bounded: lists longer than {@link #MAX_PER_LIST} objects
 * are not kept (their adaptive split wastes a negligible share of their requests), and the least recently used
 * lists are dropped beyond {@link #MAX_TOTAL} objects (8 MB).
 */
public final class ScanHistory {
    static final int MAX_PER_LIST = 250_000;
    static final long MAX_TOTAL = 1_000_000;
    /** For tables with {@code scan_history 'off'}: remembers nothing. */
    public static final ScanHistory OFF = new ScanHistory(false);

    private final boolean enabled;

    private final LinkedHashMap<String, long[]> lists = new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    public ScanHistory() {
        this(true);
    }

    private ScanHistory(boolean enabled) {
        this.enabled = enabled;
    }

    /** The created times (newest first) of the last complete scan of {@code list}, or null. */
    synchronized long[] get(String list) {
        return lists.get(list);
    }

    /** Replaces the history of {@code list}; refuses arrays that are not newest-first. */
    synchronized void put(String list, long[] createdDesc) {
        if (!enabled) return;
        for (int i = 1; i < createdDesc.length; i++) if (createdDesc[i] > createdDesc[i - 1]) return;
        long[] old = lists.remove(list);
        if (old != null) total -= old.length;
        if (createdDesc.length > MAX_PER_LIST) return;
        lists.put(list, createdDesc);
        total += createdDesc.length;
        for (Iterator<Map.Entry<String, long[]>> it = lists.entrySet().iterator(); total > MAX_TOTAL && it.hasNext(); ) {
            total -= it.next().getValue().length;
            it.remove();
        }
    }
}
