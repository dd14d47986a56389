package io.wirewrap.sql.exec;

import io.wirewrap.fdw.RowStream;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.local.JsonbText;
import java.util.List;

/** Rows straight from a source's stream to the client: one row in memory at a time, OFFSET/LIMIT applied here. */
final class FastResult implements QueryResult {
    private final RowStream rows;
    private final List<ResultColumn> columns;
    private final int[] index;
    private final ExecContext ctx;
    private final ScanReport report;
    private final long started;
    private long toSkip;
    private final long limit;
    private long count;
    private boolean done;
    private final Progress progress;

    FastResult(RowStream rows, List<ResultColumn> columns, int[] index, long offset, long limit, ExecContext ctx,
               ScanReport report, long started, Progress progress) {
        this.progress = progress;
        this.rows = rows;
        this.columns = columns;
        this.index = index;
        this.toSkip = offset;
        this.limit = limit;
        this.ctx = ctx;
        this.report = report;
        this.started = started;
        ctx.cancel().onCancel(rows::close);
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
        if (done) return null;
        if (limit >= 0 && count >= limit) return finish();
        while (true) {
            ctx.cancel().throwIfCancelled();
            Object[] src = rows.next();
            if (src == null) return finish();
            if (toSkip > 0) {
                toSkip--;
                continue;
            }
            Object[] out = new Object[index.length];
            for (int i = 0; i < index.length; i++) {
                Object v = src[index[i]];
                int oid = columns.get(i).typeOid();
                out[i] = v instanceof String s && (oid == 3802 || oid == 114) ? JsonbText.normalize(s) : v;
            }
            count++;
            report.rows++;
            if ((count & 255) == 0) progress.tick(report, count);
            return out;
        }
    }

    private Object[] finish() {
        done = true;
        report.nanos = System.nanoTime() - started;
        rows.close();
        return null;
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
        done = true;
        rows.close();
    }
}
