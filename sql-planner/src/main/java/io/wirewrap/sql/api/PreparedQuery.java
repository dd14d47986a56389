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

    /**
     * Whether {@link #executeBatch} does better than one execution after another: a foreign-table INSERT sends
     * the rows of a whole pipelined batch (pgjdbc's {@code executeBatch}) as parallel requests.
     */
    default boolean batchable() {
        return false;
    }

    /**
     * Executes once per parameter set, as one operation where the statement can; results in the order of the
     * sets. Either every execution succeeds or it throws (what a failed remote write already did is in the error).
     */
    default List<QueryResult> executeBatch(List<List<Object>> parameterSets, ExecContext context) {
        List<QueryResult> out = new java.util.ArrayList<>();
        for (List<Object> p : parameterSets) out.add(execute(p, context));
        return out;
    }
}
