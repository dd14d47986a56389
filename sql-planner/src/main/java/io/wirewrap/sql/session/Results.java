package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** Small PreparedQuery/QueryResult building blocks for statements the session answers itself. */
public final class Results {
    private Results() {}

    /** A statement without rows whose effect runs at execute time and yields the CommandComplete tag. */
    public static PreparedQuery command(String sql, Function<ExecContext, String> run) {
        return new PreparedQuery() {
            @Override
            public String sql() {
                return sql;
            }

            @Override
            public int[] parameterTypes() {
                return new int[0];
            }

            @Override
            public List<ResultColumn> describe() {
                return null;
            }

            @Override
            public QueryResult execute(List<Object> parameters, ExecContext context) {
                return done(run.apply(context));
            }
        };
    }

    /** A finished COMMAND result. */
    public static QueryResult done(String tag) {
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

    /** A ROWS result over rows already computed (small: SHOW, constant selects). */
    public static QueryResult rows(List<ResultColumn> columns, List<Object[]> rows, String tagVerb) {
        Iterator<Object[]> it = rows.iterator();
        return new QueryResult() {
            int count;

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
                if (!it.hasNext()) return null;
                count++;
                return it.next();
            }

            @Override
            public String commandTag() {
                return tagVerb + " " + count;
            }

            @Override
            public void close() {}
        };
    }
}
