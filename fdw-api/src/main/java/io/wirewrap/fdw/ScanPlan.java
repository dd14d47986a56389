package io.wirewrap.fdw;

import java.util.List;

/**
 * A source's answer to a {@link ScanRequest}. It is immutable and may be executed many times
 * (a prepared statement plans once); {@link ForeignTable#scan} takes it back.
 */
public interface ScanPlan {
    /** One entry per qual of the request, same order. */
    List<Pushdown> quals();

    /** True when rows arrive in the requested order, so no local sort is needed. */
    boolean sortPushed();

    /** True when the source stops after the requested limit itself. */
    boolean limitPushed();

    /** Estimated HTTP requests (or equivalent remote calls); the planner compares strategies with it. */
    double estimatedRequests();

    /** Estimated rows returned, or -1 when unknown. */
    long estimatedRows();

    /**
     * Human-readable lines for EXPLAIN: each planned request ({@code GET /v1/charges?customer=cus_1}),
     * parallelism, what stays local. Never contains credentials.
     */
    List<String> explain();
}
