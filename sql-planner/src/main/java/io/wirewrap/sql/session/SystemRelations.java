package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ResultColumn;
import java.util.List;
import java.util.Optional;

/**
 * Tables the query engine can read that are not foreign tables: {@code pg_catalog.*},
 * {@code information_schema.*} and {@code vault.*} views. The catalog package provides them (registered in
 * {@link EngineServices}); the query engine loads their rows when a query references them.
 */
public interface SystemRelations {
    /** A virtual relation's columns and its current rows as seen by {@code session} (privileges apply). */
    interface Relation {
        List<ResultColumn> columns();

        List<Object[]> rows(SessionContext session);
    }

    /** {@code schema} is lower-case; empty when the name is not a system relation. */
    Optional<Relation> find(String schema, String name);

    /**
     * A number that changes whenever any relation's rows may change (the catalog snapshot version, say). While
     * it stays the same, the query engine re-uses the rows it loaded for a session instead of loading them for
     * every query. Negative (the default) means rows must be read every time.
     */
    default long version() {
        return -1;
    }
}
