package io.wirewrap.sql.plan;

import io.wirewrap.sql.session.SessionContext;
import java.util.Optional;

/**
 * The query engine's view of the catalog: finds a foreign table by name. The integrator registers an
 * implementation backed by the catalog in {@code EngineServices}; the query engine asks nothing else of it.
 */
public interface ForeignTableResolver {
    /**
     * @param schema lower-cased schema as written, or null when unqualified (then the session's search_path
     *               applies, as PostgreSQL resolves names)
     * @param name   lower-cased table name (quoted identifiers keep their case)
     * @return the table, or empty when no foreign table has that name
     */
    Optional<ResolvedForeignTable> resolve(String schema, String name, SessionContext session);

    /**
     * A source function offered in a foreign schema (one holding foreign tables of a source with functions).
     *
     * @param schema lower-cased schema as written, or null for the search_path
     */
    default Optional<ResolvedForeignFunction> resolveFunction(String schema, String name, SessionContext session) {
        return Optional.empty();
    }

    /**
     * Throws {@code 42501} unless the session user holds {@code privilege} ({@code select}, {@code insert},
     * {@code update}, {@code delete}) on the table. Resolution only requires some privilege; the query engine asks
     * for the specific one once it knows what the statement does. No catalog, no checks.
     */
    default void requirePrivilege(ResolvedForeignTable table, String privilege, SessionContext session) {}
}
