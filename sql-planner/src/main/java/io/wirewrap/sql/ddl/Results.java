package io.wirewrap.sql.ddl;

import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import java.util.Iterator;
import java.util.List;

/** Small in-memory results for DDL (a tag) and vault statements (a few rows). */
public final class Results {
    private Results() {}

    public static QueryResult command(String tag) {
        return new QueryResult() {
            @Override
            public Kind kind() {
                return Kind.COMMAND;
            }

            @Override
            public List<ResultColumn> columns() {
                return null;
            }

            @Override
            public Object[] next() {
                return null;
            }

            @Override
            public String commandTag() {
                return tag;
            }

            @Override
            public void close() {}
        };
    }

    public static QueryResult rows(List<ResultColumn> columns, List<Object[]> rows, String tag) {
        Iterator<Object[]> it = rows.iterator();
        return new QueryResult() {
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
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public String commandTag() {
                return tag;
            }

            @Override
            public void close() {}
        };
    }
}
