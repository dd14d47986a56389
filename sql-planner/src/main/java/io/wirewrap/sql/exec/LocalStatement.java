package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.plan.AnalyzedQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * DDL and DML on local DuckDB tables ({@code create temp table}, {@code create table ... as select},
 * {@code insert into local ...}, {@code drop table}). Foreign tables it reads are scanned first like a SELECT.
 * Temp tables live in the session's temp schema; ordinary tables in the server's DuckDB file.
 */
final class LocalStatement implements PreparedQuery {
    private final String sql;
    private final AnalyzedQuery query;
    private final QueryEnv env;
    private final String tagVerb;

    LocalStatement(String sql, AnalyzedQuery query, QueryEnv env, String tagVerb) {
        this.sql = sql;
        this.query = query;
        this.env = env;
        this.tagVerb = tagVerb;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int[] parameterTypes() {
        int[] p = query.parameterOids().clone();
        for (int i = 0; i < p.length; i++) if (p[i] == 0) p[i] = 25;
        return p;
    }

    @Override
    public List<ResultColumn> describe() {
        return null;
    }

    @Override
    public QueryResult execute(List<Object> parameters, ExecContext context) {
        Execution e = new Execution(query, env, parameters, context);
        e.parameterTypes(parameterTypes());
        try {
            e.load(false);
            String duck = e.duckSql();
            try (PreparedStatement ps = e.prepare(duck)) {
                e.bindParameters(ps, parameterTypes());
                boolean rows = ps.execute();
                long n = rows ? 0 : Math.max(ps.getUpdateCount(), 0);
                if (rows) {
                    try (var rs = ps.getResultSet()) {
                        if (rs.next()) n = rs.getLong(1); // DuckDB answers DML with a "Count" row
                    }
                }
                return ListResult.command(switch (tagVerb) {
                    case "INSERT" -> "INSERT 0 " + n;
                    case "UPDATE", "DELETE", "SELECT" -> tagVerb + " " + n;
                    default -> tagVerb;
                });
            }
        } catch (SQLException ex) {
            throw e.fail(ex);
        } finally {
            e.dropTemps();
        }
    }
}
