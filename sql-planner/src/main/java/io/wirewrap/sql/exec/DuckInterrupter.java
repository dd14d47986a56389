package io.wirewrap.sql.exec;

import io.wirewrap.sql.local.LocalSession;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Stops DuckDB work of a cancelled statement. One cancel can be lost: DuckDB's {@code Statement.cancel()} only
 * reaches a query already executing, and a CancelRequest or statement_timeout may come while the statement is
 * still being prepared, bound or started (on a loaded machine that takes longer than a 200 ms timeout). So after
 * a cancel the statement is interrupted again every {@link #EVERY_MS} ms until it is closed, for at most
 * {@link #FOR_MS} ms: long enough to outlast a slow start, short enough that a statement left open (a held
 * cursor whose fetch was cancelled) does not keep interrupting the session's later queries for long.
 */
final class DuckInterrupter {
    static final long EVERY_MS = 50;
    static final long FOR_MS = 5_000;

    private DuckInterrupter() {}

    static void untilClosed(PreparedStatement statement, LocalSession local) {
        Thread.ofVirtual().name("duckdb-interrupt").start(() -> {
            long deadline = System.nanoTime() + FOR_MS * 1_000_000;
            try {
                while (!statement.isClosed() && System.nanoTime() < deadline) {
                    statement.cancel();
                    local.interrupt();
                    Thread.sleep(EVERY_MS);
                }
            } catch (SQLException | InterruptedException e) {
                // closed meanwhile, or the process is stopping: nothing left to interrupt
            }
        });
    }
}
