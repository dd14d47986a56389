package io.wirewrap.sql.api;

import java.util.Iterator;
import java.util.List;

/** Results computed before they are returned: a command tag, or a few rows (SHOW, constant selects, vault). */
public final class QueryResults {
    private QueryResults() {}

    /** A finished COMMAND result. */
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

    /** A ROWS result over rows already in memory, completing with {@code tag} ("SHOW", "SELECT 1"). */
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
