package io.wirewrap.stripe.plan;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.ScanPlan;

import java.util.List;
import java.util.Map;

/**
 * The source's answer to a scan request: which quals it takes, and the {@link Strategy} that {@code scan} runs.
 * {@code pinned} are columns whose value an equality qual fixed but the object may not carry (parent ids);
 * {@code variantPins}, when not empty, add one such column per {@code ListScan} variant (an {@code in} over it).
 * {@code ordered}: the query takes Stripe's created-desc order from the scan, so a parallel scan must keep it;
 * otherwise it may emit rows in the order its pieces arrive.
 */
public record StripeScanPlan(List<Pushdown> quals, boolean sortPushed, boolean limitPushed, double estimatedRequests,
                             long estimatedRows, List<String> explain, Strategy strategy, List<String> columns,
                             List<ColumnType> columnTypes, Map<String, Object> pinned, List<Map<String, Object>> variantPins, long rowLimit,
                             boolean ordered) implements ScanPlan {
    public StripeScanPlan {
        quals = List.copyOf(quals);
        explain = List.copyOf(explain);
        columns = List.copyOf(columns);
        columnTypes = List.copyOf(columnTypes);
        pinned = Map.copyOf(pinned);
        variantPins = List.copyOf(variantPins);
    }
}
