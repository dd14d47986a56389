package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a statement's token when {@code statement_timeout} elapses; cancelling stops the source scans and
 * interrupts DuckDB. The timer runs until the result is closed, because streaming rows is part of the statement.
 */
final class StatementTimeout {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wirewrap-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> future;

    private StatementTimeout(ScheduledFuture<?> future) {
        this.future = future;
    }

    static StatementTimeout start(SessionContext session, ExecContext ctx) {
        long ms = millis(session.settings().getOrDefault("statement_timeout", "0"));
        if (ms <= 0) return new StatementTimeout(null);
        return new StatementTimeout(TIMER.schedule(() -> ctx.cancel().cancel("canceling statement due to statement timeout"),
                ms, TimeUnit.MILLISECONDS));
    }

    /** PostgreSQL accepts {@code 5000}, {@code 5s}, {@code 250ms}, {@code 1min}. */
    static long millis(String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        try {
            if (s.endsWith("ms")) return Long.parseLong(s.substring(0, s.length() - 2));
            if (s.endsWith("min")) return Long.parseLong(s.substring(0, s.length() - 3)) * 60_000;
            if (s.endsWith("s")) return Long.parseLong(s.substring(0, s.length() - 1)) * 1000;
            if (s.endsWith("h")) return Long.parseLong(s.substring(0, s.length() - 1)) * 3_600_000;
            if (s.endsWith("d")) return Long.parseLong(s.substring(0, s.length() - 1)) * 86_400_000;
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void stop() {
        if (future != null) future.cancel(false);
    }

    QueryResult wrap(QueryResult r) {
        if (future == null) return r;
        return new QueryResult() {
            @Override
            public Kind kind() {
                return r.kind();
            }

            @Override
            public List<ResultColumn> columns() {
                return r.columns();
            }

            @Override
            public Object[] next() {
                Object[] row = r.next();
                if (row == null) stop();
                return row;
            }

            @Override
            public String commandTag() {
                return r.commandTag();
            }

            @Override
            public void close() {
                stop();
                r.close();
            }
        };
    }
}
