package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.plan.Analyzer;
import io.wirewrap.sql.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DECLARE / FETCH / MOVE / CLOSE, parsed by hand (JSqlParser has no cursor grammar). postgres_fdw reads every
 * foreign scan through exactly these: DECLARE c1 CURSOR FOR ...; FETCH 100 FROM c1; CLOSE c1.
 */
final class CursorStatements {
    private CursorStatements() {}

    private static final Pattern DECLARE = Pattern.compile(
            "(?is)declare\\s+(\"[^\"]+\"|\\w+)\\s+((?:binary|insensitive|asensitive|no\\s+scroll|scroll)\\s+)*cursor\\s+(?:(with|without)\\s+hold\\s+)?for\\s+(.*)");
    private static final Pattern FETCH = Pattern.compile(
            "(?is)(fetch|move)\\s+(?:(next|prior|first|last|all|forward\\s+all|forward\\s+\\d+|forward|absolute\\s+-?\\d+|relative\\s+-?\\d+|backward.*?|-?\\d+)\\s+)?(?:(?:from|in)\\s+)?(\"[^\"]+\"|\\w+)");
    private static final Pattern CLOSE = Pattern.compile("(?is)close\\s+(all|\"[^\"]+\"|\\w+)");

    static PreparedQuery declare(String sql, int[] types, SessionContext session, QueryHandler handler) {
        Matcher m = DECLARE.matcher(sql.strip());
        if (!m.matches()) throw SqlError.syntax("syntax error in DECLARE", 1);
        String name = Analyzer.ident(m.group(1));
        boolean hold = "with".equalsIgnoreCase(m.group(3));
        PreparedQuery inner = handler.prepareCursorQuery(m.group(4), types, session);
        return new Simple(sql, inner.parameterTypes(), null, (params, ctx) -> {
            QueryResult r = inner.execute(params, ctx);
            Cursors.of(session).declare(new Cursors.Cursor(name, r, r.columns(), hold));
            return ListResult.command("DECLARE CURSOR");
        });
    }

    static PreparedQuery fetch(String sql, SessionContext session) {
        Matcher m = FETCH.matcher(sql.strip());
        if (!m.matches()) throw SqlError.syntax("syntax error in FETCH", 1);
        boolean move = m.group(1).equalsIgnoreCase("move");
        String how = m.group(2) == null ? "next" : m.group(2).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String name = Analyzer.ident(m.group(3));
        long count;
        if (how.equals("next") || how.equals("forward")) count = 1;
        else if (how.equals("all") || how.equals("forward all")) count = Long.MAX_VALUE;
        else if (how.startsWith("forward ")) count = Long.parseLong(how.substring(8));
        else if (how.matches("\\d+")) count = Long.parseLong(how);
        else throw SqlError.unsupported("FETCH " + how.toUpperCase(Locale.ROOT) + " (cursors are forward-only)");
        Cursors cursors = Cursors.of(session);
        return new Simple(sql, new int[0], move ? null : () -> cursors.get(name).columns(), (params, ctx) -> {
            Cursors.Cursor c = cursors.get(name);
            List<Object[]> rows = new ArrayList<>();
            long n = 0;
            Object[] row;
            while (n < count && (row = c.result().next()) != null) {
                if (!move) rows.add(row);
                n++;
            }
            return move ? ListResult.command("MOVE " + n) : new ListResult(c.columns(), rows, "FETCH " + n);
        });
    }

    static PreparedQuery close(String sql, SessionContext session) {
        Matcher m = CLOSE.matcher(sql.strip());
        if (!m.matches()) throw SqlError.syntax("syntax error in CLOSE", 1);
        String name = m.group(1).equalsIgnoreCase("all") ? null : Analyzer.ident(m.group(1));
        return new Simple(sql, new int[0], null, (params, ctx) -> {
            Cursors.of(session).close(name);
            return ListResult.command(name == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR");
        });
    }

    interface Body {
        QueryResult run(List<Object> params, ExecContext ctx);
    }

    /** A statement whose columns may only be known when it runs (FETCH from a cursor declared just before). */
    record Simple(String sql, int[] types, java.util.function.Supplier<List<ResultColumn>> columns, Body body) implements PreparedQuery {
        @Override
        public int[] parameterTypes() {
            return types.clone();
        }

        @Override
        public List<ResultColumn> describe() {
            return columns == null ? null : columns.get();
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            return body.run(parameters, context);
        }
    }
}
