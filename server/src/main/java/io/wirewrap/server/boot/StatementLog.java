package io.wirewrap.server.boot;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.ForwardingPreparedQuery;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.ddl.SecretMasker;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.StatementHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement log, as PostgreSQL keeps one: every statement at DEBUG ({@code log_statement = all}) and every
 * failed one at INFO with its SQLSTATE ({@code log_min_error_statement = error}). Statement text always goes
 * through {@link SecretMasker} and error text through its scrubber, because statements carry API keys
 * ({@code create server ... api_key '...'}, vault inserts).
 */
public final class StatementLog implements StatementHandler {
    private static final Logger log = LoggerFactory.getLogger("io.wirewrap.statement");
    private final StatementHandler inner;

    public StatementLog(StatementHandler inner) {
        this.inner = inner;
    }

    @Override
    public Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session) {
        try {
            return inner.prepare(sql, parameterTypeOids, session).map(q -> new Logged(q, session.user()));
        } catch (FdwException e) {
            logError(session.user(), sql, e);
            throw e;
        }
    }

    private static void logError(String user, String sql, FdwException e) {
        if (!log.isInfoEnabled()) return;
        String message = SecretMasker.scrub(String.valueOf(e.getMessage()), SecretMasker.secretsIn(sql));
        log.info("user={} ERROR {}: {} STATEMENT: {}", user, e.sqlState(), message, SecretMasker.mask(sql));
    }

    /** Logs each execution of a prepared statement and its failure, if any. */
    private static final class Logged extends ForwardingPreparedQuery {
        private final String user;

        Logged(PreparedQuery inner, String user) {
            super(inner);
            this.user = user;
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            if (log.isDebugEnabled()) log.debug("user={} statement: {}", user, SecretMasker.mask(inner.sql()));
            try {
                return inner.execute(parameters, context);
            } catch (FdwException e) {
                logError(user, inner.sql(), e);
                throw e;
            }
        }

        @Override
        public List<QueryResult> executeBatch(List<List<Object>> parameterSets, ExecContext context) {
            if (log.isDebugEnabled()) log.debug("user={} statement ({} executions): {}", user, parameterSets.size(), SecretMasker.mask(inner.sql()));
            try {
                return inner.executeBatch(parameterSets, context);
            } catch (FdwException e) {
                logError(user, inner.sql(), e);
                throw e;
            }
        }
    }
}
