package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.QueryResult;
import java.util.Iterator;
import java.util.List;
import io.wirewrap.sql.api.ResultColumn;

/** A small materialised result (EXPLAIN text, a FETCH batch) or a command tag. */
final class ListResult implements QueryResult {
    private final List<ResultColumn> columns;
    private final Iterator<Object[]> rows;
    private final String tag;

    ListResult(List<ResultColumn> columns, List<Object[]> rows, String tag) {
        this.columns = columns;
        this.rows = rows.iterator();
        this.tag = tag;
    }

    static ListResult command(String tag) {
        return new ListResult(null, List.of(), tag);
    }

    @Override
    public Kind kind() {
        return columns == null ? Kind.COMMAND : Kind.ROWS;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    public String commandTag() {
        return tag;
    }

    @Override
    public void close() {}
}
