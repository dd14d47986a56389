package io.wirewrap.fdw;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the planner would like from one foreign table: the columns it needs (rows come back in this order),
 * the quals it offers (ANDed), the order it wants and a row limit. The source answers with a {@link ScanPlan}
 * saying what it takes; everything it does not take the planner evaluates locally.
 *
 * <p>The limit is only offered when the planner could push every qual and the sort would be honoured,
 * but a source must still refuse it ({@link ScanPlan#limitPushed()} false) unless all its quals are EXACT.
 *
 * <p>{@code jsonPaths} are the paths the query reads inside JSON columns (select list, WHERE, ORDER BY, GROUP BY,
 * join conditions), so a source can fetch nested data the same request could carry (Stripe's {@code expand[]}).
 * They are a hint: a source may ignore them, and an empty list means "none known".
 */
public record ScanRequest(List<String> columns, List<Qual> quals, List<SortKey> sort, OptionalLong limit,
                          List<JsonPathRef> jsonPaths) {
    public ScanRequest {
        columns = List.copyOf(columns);
        quals = List.copyOf(quals);
        sort = List.copyOf(sort);
        jsonPaths = List.copyOf(jsonPaths);
    }

    /** A request without JSON path hints. */
    public ScanRequest(List<String> columns, List<Qual> quals, List<SortKey> sort, OptionalLong limit) {
        this(columns, quals, sort, limit, List.of());
    }

    /** The same request with these JSON path hints. */
    public ScanRequest withJsonPaths(List<JsonPathRef> paths) {
        return new ScanRequest(columns, quals, sort, limit, paths);
    }

    public static ScanRequest all(List<String> columns) {
        return new ScanRequest(columns, List.of(), List.of(), OptionalLong.empty());
    }
}
