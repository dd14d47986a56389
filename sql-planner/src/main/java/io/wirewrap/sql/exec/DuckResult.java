package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.local.DuckTypes;
import io.wirewrap.sql.local.LocalSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Rows of a DuckDB query, converted to the Java types of their PostgreSQL types; drops the query's temp tables on
 * close. The DuckDB result streams (a chunk at a time); if the session's connection is needed for another
 * statement while rows remain (an interleaved cursor or portal), the remaining rows are read into memory first.
 */
final class DuckResult implements QueryResult, LocalSession.OpenStream {
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final List<ResultColumn> columns;
    private final Execution execution;
    private final ExecContext ctx;
    private final LocalSession local;
    /** Rows read off the stream when it had to be detached; null while streaming. */
    private ArrayDeque<Object[]> detached;
    private RuntimeException detachFailure;
    private long count;
    private volatile boolean closed;
    private final io.wirewrap.fdw.CancelToken.Registration interruptOnCancel;

    DuckResult(PreparedStatement statement, ResultSet rs, List<ResultColumn> columns, Execution execution, ExecContext ctx,
               LocalSession local) {
        this.statement = statement;
        this.rs = rs;
        this.columns = columns;
        this.execution = execution;
        this.ctx = ctx;
        this.local = local;
        local.streaming(this);
        // a cancel or timeout must also stop DuckDB inside a fetch of this streaming result
        this.interruptOnCancel = ctx.cancel().onCancel(() -> {
            if (!closed) local.interrupt();
        });
    }

    @Override
    public Kind kind() {
        return Kind.ROWS;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed) return null;
        ctx.cancel().throwIfCancelled();
        if (detached != null) {
            Object[] row = detached.poll();
            if (row != null) {
                count++;
                return row;
            }
            RuntimeException failure = detachFailure;
            close();
            if (failure != null) throw failure;
            return null;
        }
        Object[] row;
        try {
            row = read();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (row == null) {
            close();
            return null;
        }
        count++;
        return row;
    }

    /** The next row of the DuckDB stream, or null at its end; a failure is already in PostgreSQL's terms. */
    private Object[] read() {
        try {
            if (!rs.next()) return null;
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) row[i] = DuckTypes.toPg(rs.getObject(i + 1), columns.get(i).typeOid());
            return row;
        } catch (SQLException e) {
            if (ctx.cancel().isCancelled()) ctx.cancel().throwIfCancelled();
            throw execution.fail(e);
        }
    }

    @Override
    public void detach() {
        if (closed || detached != null) return;
        detached = new ArrayDeque<>();
        try {
            for (Object[] row = read(); row != null; row = read()) detached.add(row);
        } catch (RuntimeException e) {
            // the rows before the failure are still delivered, then the error, as if it had streamed
            detachFailure = e;
        }
        closeStatement();
    }

    long count() {
        return count;
    }

    @Override
    public String commandTag() {
        return "SELECT " + count;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        interruptOnCancel.close();
        local.streamEnded(this);
        closeStatement();
        if (detached != null) detached.clear();
        execution.dropTemps();
    }

    private void closeStatement() {
        try {
            rs.close();
            statement.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
