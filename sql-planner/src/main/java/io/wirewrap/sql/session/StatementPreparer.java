package io.wirewrap.sql.session;

import io.wirewrap.sql.api.PreparedQuery;

/**
 * Prepares one statement through the session's whole handler chain. Handlers that wrap another statement
 * (COPY (query) TO STDOUT) use it; {@link WirewrapSession} attaches it to its {@link SessionContext}.
 */
@FunctionalInterface
public interface StatementPreparer {
    PreparedQuery prepare(String sql, int[] parameterTypeOids);
}
