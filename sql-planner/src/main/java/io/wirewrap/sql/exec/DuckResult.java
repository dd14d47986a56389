package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.local.DuckTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Rows of a DuckDB query, converted to the Java types of their PostgreSQL types; drops the query's temp tables on close. */
final class DuckResult implements QueryResult {
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final List<ResultColumn> columns;
    private final Execution execution;
    private final ExecContext ctx;
    private long count;
    private boolean closed;

    DuckResult(PreparedStatement statement, ResultSet rs, List<ResultColumn> columns, Execution execution, ExecContext ctx) {
        this.statement = statement;
        this.rs = rs;
        this.columns = columns;
        this.execution = execution;
        this.ctx = ctx;
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
        try {
            ctx.cancel().throwIfCancelled();
            if (!rs.next()) {
                close();
                return null;
            }
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) row[i] = DuckTypes.toPg(rs.getObject(i + 1), columns.get(i).typeOid());
            count++;
            return row;
        } catch (SQLException e) {
            close();
            if (ctx.cancel().isCancelled()) ctx.cancel().throwIfCancelled();
            throw execution.fail(e);
        }
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
        try {
            rs.close();
            statement.close();
        } catch (SQLException ignored) {
            // closing
        }
        execution.dropTemps();
    }
}
