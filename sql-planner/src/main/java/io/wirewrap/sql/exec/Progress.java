package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.session.SessionContext;

/**
 * {@code set wirewrap.progress = on}: a NOTICE at most every {@code wirewrap.progress_interval_ms} (default 1000)
 * while a scan runs, saying how many rows and requests it has cost so far, so long scans are not silent.
 */
final class Progress {
    private final boolean on;
    private final long intervalNanos;
    private final ExecContext ctx;
    private long last = System.nanoTime();

    Progress(SessionContext session, ExecContext ctx) {
        String v = session.settings().getOrDefault("wirewrap.progress", "off").trim().toLowerCase(java.util.Locale.ROOT);
        this.on = v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes");
        long ms = StatementTimeout.millis(session.settings().getOrDefault("wirewrap.progress_interval_ms", "1000"));
        this.intervalNanos = Math.max(ms, 1) * 1_000_000L;
        this.ctx = ctx;
    }

    /** Called as rows arrive; cheap when off. */
    void tick(ScanReport r, long rows) {
        if (!on) return;
        long now = System.nanoTime();
        if (now - last < intervalNanos) return;
        last = now;
        ctx.notices().accept(new ExecContext.Notice("NOTICE", "00000",
                "scanning " + r.slot.table().qualifiedName() + ": " + rows + " rows, " + r.stats.requests.sum() + " requests so far", null));
    }
}
