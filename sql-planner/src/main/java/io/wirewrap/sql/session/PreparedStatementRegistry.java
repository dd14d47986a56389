package io.wirewrap.sql.session;

/**
 * The protocol layer's named prepared statements, which share one namespace with SQL {@code DEALLOCATE} and
 * {@code DISCARD ALL}. The server attaches its implementation to the {@link SessionContext}; without one,
 * DEALLOCATE only checks its syntax.
 */
public interface PreparedStatementRegistry {
    /** Removes a named prepared statement; false when there is none of that name. */
    boolean deallocate(String name);

    /** Removes every named prepared statement (DEALLOCATE ALL, DISCARD ALL). */
    void deallocateAll();
}
