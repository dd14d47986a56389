package io.wirewrap.server.boot;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlEngine;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.api.SqlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs SQL in-process as the bootstrap superuser, through the same session code a client reaches, so start-up
 * configuration is ordinary SQL that the catalog validates and persists like any other.
 */
final class SqlRunner implements AutoCloseable {
    private final SqlSession session;

    SqlRunner(SqlEngine engine, String user) {
        this.session = engine.openSession(new SessionInfo(user, "postgres", Map.of("application_name", "wirewrap-bootstrap"), 0));
    }

    /** Executes one statement and returns its rows (empty for commands). */
    List<Object[]> run(String sql) {
        List<Object[]> rows = new ArrayList<>();
        for (PreparedQuery q : session.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), new ExecContext(new CancelToken(), n -> {}))) {
                if (r.kind() == QueryResult.Kind.ROWS) {
                    for (Object[] row = r.next(); row != null; row = r.next()) rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Like {@link #run} but treats the given SQLSTATEs (e.g. 42710 duplicate object) as "already done". */
    boolean runUnless(String sql, Set<String> alreadyDoneStates) {
        try {
            run(sql);
            return true;
        } catch (SqlError e) {
            if (!alreadyDoneStates.contains(e.sqlState())) throw e;
            session.markFailed();
            return false;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
