package io.wirewrap.sql.exec;

import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanStats;
import io.wirewrap.sql.plan.ScanSlot;
import java.util.List;

/** What happened (or would happen) for one foreign-table scan, for EXPLAIN [ANALYZE]. */
final class ScanReport {
    final ScanSlot slot;
    final ScanStats stats = new ScanStats();
    ScanPlan plan;
    List<Qual> quals = List.of();
    String strategy = "full";
    boolean sortRequested;
    long keys;
    long batches;
    long rows;
    long nanos;
    double estimatedRequests;

    ScanReport(ScanSlot slot) {
        this.slot = slot;
    }

    String pushedText() {
        StringBuilder b = new StringBuilder();
        if (plan == null) return "";
        for (int i = 0; i < quals.size() && i < plan.quals().size(); i++) {
            if (plan.quals().get(i) == Pushdown.NONE) continue;
            if (!b.isEmpty()) b.append(", ");
            b.append(QualText.of(quals.get(i)));
            if (plan.quals().get(i) == Pushdown.PARTIAL) b.append(" (rechecked)");
        }
        return b.toString();
    }
}
