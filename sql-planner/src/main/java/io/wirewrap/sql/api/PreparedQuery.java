package io.wirewrap.sql.api;

import java.util.List;

/** A parsed and (as far as possible) planned statement; executing it again re-uses the plan. */
public interface PreparedQuery {
    /** The statement text, for logs (never contains secrets: vault literals are masked by the engine). */
    String sql();

    /** Parameter type OIDs after inference, one per {@code $n}. */
    int[] parameterTypes();

    /** Result columns, or null when the statement returns no rows (the server answers NoData). */
    List<ResultColumn> describe();

    /**
     * Executes with bound parameter values (Java values per the parameter types: see
     * {@code io.wirewrap.fdw.ColumnType}; a parameter of unknown type arrives as its text).
     */
    QueryResult execute(List<Object> parameters, ExecContext context);
}
