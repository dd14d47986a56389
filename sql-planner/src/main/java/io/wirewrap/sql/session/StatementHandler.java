package io.wirewrap.sql.session;

import io.wirewrap.sql.api.PreparedQuery;
import java.util.Optional;

/**
 * One family of statements (session commands, DDL and vault, queries, ...). The session offers each statement
 * to its handlers in order ({@link StatementHandlers}); the first that returns a query owns it. A handler
 * rejects statements that are not its own cheaply (a keyword check), and raises {@code SqlError} for its own
 * statements that are wrong.
 */
public interface StatementHandler {
    /**
     * @param sql one statement, without the trailing semicolon
     * @param parameterTypeOids declared parameter types from Parse (may be shorter than the $n used; 0 = infer)
     */
    Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session);
}
