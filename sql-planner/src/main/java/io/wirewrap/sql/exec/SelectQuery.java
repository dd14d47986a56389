package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.plan.AnalyzedQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SELECT (or WITH/VALUES/TABLE) planned once: its tables resolved, quals and columns collected, DuckDB text
 * rewritten per execution (scan table names change). {@code EXPLAIN [ANALYZE]} wraps the same object.
 */
final class SelectQuery implements PreparedQuery {
    enum Mode { RUN, EXPLAIN, EXPLAIN_ANALYZE }

    private final String sql;
    private final AnalyzedQuery query;
    private final QueryEnv env;
    private final int[] parameterTypes;
    private final Mode mode;
    private final boolean verbose;
    private final List<String> forcedNames;
    private List<ResultColumn> described;

    SelectQuery(String sql, AnalyzedQuery query, QueryEnv env, int[] declared, Mode mode, boolean verbose, List<String> forcedNames) {
        this.sql = sql;
        this.query = query;
        this.env = env;
        this.mode = mode;
        this.verbose = verbose;
        this.forcedNames = forcedNames;
        int n = Math.max(declared == null ? 0 : declared.length, query.parameterOids().length);
        this.parameterTypes = new int[n];
        for (int i = 0; i < n; i++) {
            int d = declared != null && i < declared.length ? declared[i] : 0;
            int inferred = i < query.parameterOids().length ? query.parameterOids()[i] : 0;
            if (d == 0 && inferred == -1) {
                throw new SqlError("42P18", "could not determine data type of parameter $" + (i + 1));
            }
            parameterTypes[i] = d != 0 ? d : inferred > 0 ? inferred : 25;
        }
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<ResultColumn> describe() {
        if (mode != Mode.RUN) return List.of(ResultColumn.of("QUERY PLAN", 25));
        if (described != null) return described;
        if (query.fastPath() != null) return described = Execution.fastColumns(query.fastPath());
        Execution e = new Execution(query, env, nullParams(), new ExecContext(new io.wirewrap.fdw.CancelToken(), n -> {}));
        e.parameterTypes(parameterTypes);
        try {
            e.load(true);
            String sql = e.duckSql();
            if (parameterTypes.length == 0) {
                try (PreparedStatement ps = e.prepare(sql)) {
                    described = Execution.columns(ps.getMetaData(), forcedNames);
                }
            } else {
                // DuckDB cannot type a result whose parameters are untyped until it runs: run it over the empty scan
                // tables with NULL parameters (a wrapping SELECT would rename duplicate column names)
                described = describeByRunning(e, sql, true);
                if (described == null) described = describeByRunning(e, sql, false);
                if (described == null) throw new SqlError("42P18", "could not determine the result types of the statement");
            }
        } catch (SQLException ex) {
            throw e.fail(ex);
        } finally {
            e.dropTemps();
        }
        return described;
    }

    /** Runs the statement over empty scan tables; null when the parameter stand-ins do not fit. */
    private List<ResultColumn> describeByRunning(Execution e, String sql, boolean textAsEmpty) throws SQLException {
        e.textForUnknown = textAsEmpty;
        try (PreparedStatement ps = e.prepare(sql)) {
            e.bindParameters(ps, parameterTypes);
            try (ResultSet rs = ps.executeQuery()) {
                return Execution.columns(rs.getMetaData(), forcedNames);
            }
        } catch (SQLException | SqlError ex) {
            if (!textAsEmpty) throw ex;
            return null;
        }
    }

    private List<Object> nullParams() {
        List<Object> p = new ArrayList<>();
        for (int i = 0; i < parameterTypes.length; i++) p.add(null);
        return p;
    }

    @Override
    public QueryResult execute(List<Object> parameters, ExecContext context) {
        StatementTimeout timeout = StatementTimeout.start(env.session(), context);
        try {
            return switch (mode) {
                case RUN -> timeout.wrap(run(execution(parameters, context), context));
                case EXPLAIN -> explain(parameters, context, false);
                case EXPLAIN_ANALYZE -> explain(parameters, context, true);
            };
        } catch (RuntimeException ex) {
            timeout.stop();
            throw ex;
        } finally {
            if (mode != Mode.RUN) timeout.stop();
        }
    }

    private Execution execution(List<Object> parameters, ExecContext context) {
        Execution e = new Execution(query, env, parameters, context);
        e.parameterTypes(parameterTypes);
        return e;
    }

    private QueryResult run(Execution e, ExecContext context) {
        try {
            QueryResult fast = e.tryFastPath(false);
            if (fast != null) return fast;
            e.load(false);
            var local = env.local();
            PreparedStatement ps = e.prepare(e.duckSql());
            e.bindParameters(ps, parameterTypes);
            ResultSet rs;
            try {
                rs = ps.executeQuery();
            } catch (SQLException ex) {
                ps.close();
                context.cancel().throwIfCancelled();
                throw e.fail(ex);
            }
            List<ResultColumn> cols = query.fastPath() != null ? Execution.fastColumns(query.fastPath())
                    : Execution.columns(rs.getMetaData(), forcedNames);
            return new DuckResult(ps, rs, cols, e, context, local);
        } catch (SQLException ex) {
            e.dropTemps();
            throw e.fail(ex);
        } catch (RuntimeException ex) {
            e.dropTemps();
            throw ex;
        }
    }

    private QueryResult explain(List<Object> parameters, ExecContext context, boolean analyze) {
        Execution e = execution(parameters, context);
        long started = System.nanoTime();
        long rows = 0;
        List<ResultColumn> outCols;
        if (analyze) {
            try (QueryResult r = run(e, context)) {
                outCols = r.columns();
                while (r.next() != null) rows++;
            }
        } else {
            e.tryFastPath(true);
            try {
                if (!e.fastPathTaken) e.load(true);
            } finally {
                e.dropTemps();
            }
            outCols = describeQuietly();
        }
        long nanos = System.nanoTime() - started;
        List<String> lines = ExplainText.render(e, outCols, analyze, verbose, rows, nanos);
        List<Object[]> out = new ArrayList<>();
        for (String l : lines) out.add(new Object[] {l});
        return new ListResult(List.of(ResultColumn.of("QUERY PLAN", 25)), out, "EXPLAIN");
    }

    private List<ResultColumn> describeQuietly() {
        try {
            return new SelectQuery(sql, query, env, parameterTypes, Mode.RUN, false, forcedNames).describe();
        } catch (SqlError ex) {
            return List.of();
        }
    }
}
