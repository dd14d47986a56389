package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.QueryResults;
import io.wirewrap.sql.api.ResultColumn;
import java.util.List;
import java.util.function.Function;

/** PreparedQuery building blocks for statements the session answers itself (no parameters, no plan). */
public final class Results {
    private Results() {}

    /** A statement without rows whose effect runs at execute time and yields the CommandComplete tag. */
    public static PreparedQuery command(String sql, Function<ExecContext, String> run) {
        return new Answered(sql, null, ctx -> QueryResults.command(run.apply(ctx)));
    }

    /** A statement whose few rows are computed at execute time and that completes with {@code tag}. */
    public static PreparedQuery rows(String sql, List<ResultColumn> columns, Function<ExecContext, List<Object[]>> rows,
                                     String tag) {
        return new Answered(sql, columns, ctx -> QueryResults.rows(columns, rows.apply(ctx), tag));
    }

    private record Answered(String sql, List<ResultColumn> describe, Function<ExecContext, QueryResult> answer)
            implements PreparedQuery {
        @Override
        public int[] parameterTypes() {
            return new int[0];
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            return answer.apply(context);
        }
    }
}
