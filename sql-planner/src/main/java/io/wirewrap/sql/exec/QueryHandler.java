package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.plan.AnalyzedQuery;
import io.wirewrap.sql.plan.Analyzer;
import io.wirewrap.sql.plan.PgLexer;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.StatementHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The last statement handler: queries (SELECT, WITH, VALUES, TABLE), EXPLAIN [ANALYZE], cursors, and DDL/DML on
 * local tables. Install with {@code handlers.add(new QueryHandler())} after the session and DDL handlers; register
 * a {@link io.wirewrap.sql.plan.ForeignTableResolver} and a {@code SystemRelations} in {@code EngineServices}.
 */
public final class QueryHandler implements StatementHandler {
    /**
     * JSqlParser runs each parse on an executor (to bound its time); without one it starts and stops a platform
     * thread per statement, which showed up in the load benchmark. Virtual threads cost next to nothing.
     */
    private static final ExecutorService PARSER_THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Pattern EXPLAIN = Pattern.compile("(?is)explain\\s+(\\((.*?)\\)\\s*|((?:analy[sz]e|verbose)\\s+)*)(.*)");

    @Override
    public Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session) {
        String word = firstWord(sql);
        return Optional.ofNullable(switch (word) {
            case "select", "with", "values", "table", "(" -> prepareQuery(sql, parameterTypeOids, session);
            case "explain" -> explain(sql, parameterTypeOids, session);
            case "declare" -> CursorStatements.declare(sql, parameterTypeOids, session, this);
            case "fetch", "move" -> CursorStatements.fetch(sql, session);
            case "close" -> CursorStatements.close(sql, session);
            case "create" -> isLocalCreate(sql) ? local(sql, session, sql.toLowerCase(Locale.ROOT).contains(" as ") ? "SELECT" : "CREATE TABLE") : null;
            case "drop" -> sql.strip().toLowerCase(Locale.ROOT).matches("(?s)drop\\s+table\\b.*") ? local(sql, session, "DROP TABLE") : null;
            case "insert", "update", "delete" -> local(sql, session, word.toUpperCase(Locale.ROOT));
            default -> null;
        });
    }

    static String firstWord(String sql) {
        String s = PgLexer.prepare(sql);
        if (s.startsWith("(")) return "(";
        Matcher m = Pattern.compile("^([A-Za-z]+)").matcher(s);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isLocalCreate(String sql) {
        return sql.strip().toLowerCase(Locale.ROOT).matches("(?s)create\\s+(or\\s+replace\\s+)?((global|local)\\s+)?(temp|temporary|unlogged\\s+)?\\s*table\\b.*");
    }

    PreparedQuery prepareQuery(String sql, int[] types, SessionContext session) {
        return select(sql, types, session, SelectQuery.Mode.RUN, false, false);
    }

    /** The query of DECLARE ... CURSOR FOR: as {@link #prepareQuery}, but ANALYZE's sample scan is bounded. */
    PreparedQuery prepareCursorQuery(String sql, int[] types, SessionContext session) {
        return select(sql, types, session, SelectQuery.Mode.RUN, false, true);
    }

    private PreparedQuery select(String sql, int[] types, SessionContext session, SelectQuery.Mode mode, boolean verbose) {
        return select(sql, types, session, mode, verbose, false);
    }

    private PreparedQuery select(String sql, int[] types, SessionContext session, SelectQuery.Mode mode, boolean verbose,
                                 boolean cursor) {
        String text = PgLexer.prepare(sql);
        if (text.toLowerCase(Locale.ROOT).startsWith("table ")) text = "SELECT * FROM " + text.substring(6);
        Statement st = parse(text);
        if (cursor) AnalyzeSample.limitSampleScan(st, session);
        List<String> forced = null;
        if (st instanceof Values v) {
            forced = new ArrayList<>();
            int n = v.getExpressions().isEmpty() ? 0 : width(v.getExpressions().get(0));
            for (int i = 1; i <= n; i++) forced.add("column" + i);
        }
        if (st instanceof net.sf.jsqlparser.statement.select.PlainSelect ps && ps.getForMode() != null) {
            // row locks mean nothing to a remote API and local tables are session-private: postgres_fdw sends
            // FOR UPDATE before updates, so it is accepted and ignored
            ps.setForMode(null);
            ps.setForUpdateTable(null);
            ps.setWait(null);
            ps.setNoWait(false);
            ps.setSkipLocked(false);
        }
        QueryEnv env = new QueryEnv(session);
        if (mode == SelectQuery.Mode.RUN) AnalyzeSample.observe(text, session, env);
        List<ForeignCalls.Call> calls = mode == SelectQuery.Mode.RUN ? ForeignCalls.extract(st, env, session) : List.of();
        PreparedQuery arguments = null;
        if (!calls.isEmpty()) {
            // the arguments' parameters are typed by their casts; the rewritten statement no longer mentions them
            arguments = prepareQuery(ForeignCalls.Query.argumentsSql(calls), types, session);
            types = mergeTypes(types, arguments.parameterTypes());
        }
        ResultNames.apply(st);
        AnalyzedQuery q = new Analyzer(env.resolver(), env.systemRelations(), session).analyze(st, mode != SelectQuery.Mode.EXPLAIN);
        SelectQuery query = new SelectQuery(sql, q, env, types, mode, verbose, forced);
        return calls.isEmpty() ? query : new ForeignCalls.Query(calls, arguments, query, env);
    }

    private static int[] mergeTypes(int[] declared, int[] inferred) {
        int n = Math.max(declared == null ? 0 : declared.length, inferred.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int d = declared != null && i < declared.length ? declared[i] : 0;
            out[i] = d != 0 ? d : i < inferred.length ? inferred[i] : 0;
        }
        return out;
    }

    private static int width(Object row) {
        if (row instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?> l) return l.size();
        return 1;
    }

    private PreparedQuery explain(String sql, int[] types, SessionContext session) {
        Matcher m = EXPLAIN.matcher(PgLexer.prepare(sql));
        if (!m.matches()) throw SqlError.syntax("syntax error at or near \"EXPLAIN\"", 1);
        String opts = (m.group(2) != null ? m.group(2) : m.group(1)).toLowerCase(Locale.ROOT);
        boolean analyze = opts.matches("(?s).*\\banaly[sz]e\\b(?!\\s+(false|off|0)).*");
        boolean verbose = opts.matches("(?s).*\\bverbose\\b(?!\\s+(false|off|0)).*");
        if (opts.matches("(?s).*\\bformat\\s+(json|xml|yaml).*")) throw SqlError.unsupported("EXPLAIN (FORMAT JSON/XML/YAML)");
        String inner = m.group(4);
        String w = firstWord(inner);
        if (!List.of("select", "with", "values", "table", "(").contains(w)) throw SqlError.unsupported("EXPLAIN of " + w.toUpperCase(Locale.ROOT));
        return select(inner, types, session, analyze ? SelectQuery.Mode.EXPLAIN_ANALYZE : SelectQuery.Mode.EXPLAIN, verbose);
    }

    private PreparedQuery local(String sql, SessionContext session, String tag) {
        String text = PgLexer.prepare(sql);
        Statement st = parse(text);
        QueryEnv env = new QueryEnv(session);
        var resolver = env.resolver();
        net.sf.jsqlparser.schema.Table target = switch (st) {
            case net.sf.jsqlparser.statement.insert.Insert i -> i.getTable();
            case net.sf.jsqlparser.statement.update.Update u -> u.getTable();
            case net.sf.jsqlparser.statement.delete.Delete d -> d.getTable();
            default -> null;
        };
        if (target != null && resolver != null) {
            var foreign = resolver.resolve(Analyzer.ident(target.getSchemaName()), Analyzer.ident(target.getName()), session);
            if (foreign.isPresent()) {
                resolver.requirePrivilege(foreign.get(), st instanceof net.sf.jsqlparser.statement.insert.Insert ? "insert"
                        : st instanceof net.sf.jsqlparser.statement.update.Update ? "update" : "delete", session);
                return foreignWrite(sql, st, foreign.get(), session);
            }
        }
        AnalyzedQuery q = new Analyzer(resolver, env.systemRelations(), session).analyze(st);
        return new LocalStatement(sql, q, env, tag);
    }

    /** INSERT/UPDATE/DELETE on a foreign table: the rows to write are produced by an ordinary query. */
    private PreparedQuery foreignWrite(String sql, Statement st, io.wirewrap.sql.plan.ResolvedForeignTable table, SessionContext session) {
        var def = table.definition();
        String qualified = quoteIdent(table.schema()) + "." + quoteIdent(def.name());
        switch (st) {
            case net.sf.jsqlparser.statement.insert.Insert ins -> {
                if (ins.getConflictAction() != null) throw SqlError.unsupported("INSERT ... ON CONFLICT on a foreign table");
                List<String> cols = new ArrayList<>();
                if (ins.getColumns() != null && !ins.getColumns().isEmpty()) {
                    for (var c : ins.getColumns()) cols.add(Analyzer.ident(c.getColumnName()));
                } else {
                    def.columns().forEach(c -> cols.add(c.name()));
                }
                if (ins.getSelect() == null) throw SqlError.unsupported("INSERT ... DEFAULT VALUES on a foreign table");
                String rowsSql = ins.getSelect().toString();
                if (ins.getValues() != null) rowsSql = typedValues(ins.getValues(), cols, def);
                PreparedQuery source = prepareQuery(rowsSql, new int[0], session);
                return new ForeignWrite(sql, ForeignWrite.Kind.INSERT, table, quoteIdent(def.name()), cols, source,
                        returning(ins.getReturningClause()), new QueryEnv(session)).withParameterRow(parameterRow(ins.getValues()));
            }
            case net.sf.jsqlparser.statement.update.Update up -> {
                String rowid = rowid(table);
                List<String> cols = new ArrayList<>();
                StringBuilder select = new StringBuilder("SELECT ").append(quoteIdent(rowid));
                for (var set : up.getUpdateSets()) {
                    for (int i = 0; i < set.getColumns().size(); i++) {
                        cols.add(Analyzer.ident(set.getColumn(i).getColumnName()));
                        select.append(", ").append(set.getValue(i));
                    }
                }
                String alias = up.getTable().getAlias() != null ? up.getTable().getAlias().getName() : quoteIdent(def.name());
                appendKeyColumns(select, table, alias);
                select.append(" FROM ").append(qualified).append(" AS ").append(alias);
                if (up.getWhere() != null) select.append(" WHERE ").append(up.getWhere());
                return new ForeignWrite(sql, ForeignWrite.Kind.UPDATE, table, alias, cols, prepareQuery(select.toString(), new int[0], session),
                        returning(up.getReturningClause()), new QueryEnv(session));
            }
            case net.sf.jsqlparser.statement.delete.Delete del -> {
                String rowid = rowid(table);
                String alias = del.getTable().getAlias() != null ? del.getTable().getAlias().getName() : quoteIdent(def.name());
                StringBuilder select = new StringBuilder("SELECT ").append(quoteIdent(rowid));
                appendKeyColumns(select, table, alias);
                select.append(" FROM ").append(qualified).append(" AS ").append(alias);
                if (del.getWhere() != null) select.append(" WHERE ").append(del.getWhere());
                return new ForeignWrite(sql, ForeignWrite.Kind.DELETE, table, alias, List.of(), prepareQuery(select.toString(), new int[0], session),
                        returning(del.getReturningClause()), new QueryEnv(session));
            }
            default -> throw SqlError.unsupported("this statement on a foreign table");
        }
    }

    /**
     * {@code values ($1, $2, ...)}: one row of parameters only (what pgjdbc batches send), as 1-based parameter
     * numbers per column, so the row is taken from the bound values without a local query; null otherwise.
     */
    private static int[] parameterRow(Values values) {
        if (values == null || !(values.getExpressions() instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> row)) {
            return null;
        }
        int[] out = new int[row.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(row.get(i) instanceof net.sf.jsqlparser.expression.JdbcParameter p) || p.getIndex() == null) return null;
            out[i] = p.getIndex();
        }
        return out;
    }

    /** VALUES with each value cast to its target column's type, as PostgreSQL types INSERT ... VALUES. */
    private static String typedValues(Values values, List<String> cols, io.wirewrap.fdw.TableDef def) {
        StringBuilder b = new StringBuilder("VALUES ");
        boolean firstRow = true;
        // JSqlParser gives a single row as the parenthesised list itself, several rows as a list of lists
        var expressions = values.getExpressions();
        List<?> rows = expressions instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?>
                ? List.of(expressions) : expressions;
        for (var row : rows) {
            List<?> items = row instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?> l ? l : List.of(row);
            if (items.size() != cols.size()) {
                throw new SqlError("42601", "INSERT has " + (items.size() > cols.size() ? "more expressions than target columns" : "more target columns than expressions"));
            }
            b.append(firstRow ? "(" : ", (");
            firstRow = false;
            for (int i = 0; i < items.size(); i++) {
                int idx = def.indexOf(cols.get(i));
                if (idx < 0) throw new SqlError("42703", "column \"" + cols.get(i) + "\" of relation \"" + def.name() + "\" does not exist");
                if (i > 0) b.append(", ");
                b.append("CAST(").append(items.get(i)).append(" AS ").append(def.columns().get(idx).type().sqlName()).append(')');
            }
            b.append(')');
        }
        return b.toString();
    }

    /** The source's {@code rowKeyColumns}, selected last so {@link ForeignWrite} finds them after the rowid and SET values. */
    private static void appendKeyColumns(StringBuilder select, io.wirewrap.sql.plan.ResolvedForeignTable table, String alias) {
        for (String c : table.table().rowKeyColumns()) select.append(", ").append(alias).append('.').append(quoteIdent(c));
    }

    private static String rowid(io.wirewrap.sql.plan.ResolvedForeignTable table) {
        String r = table.definition().options().get("rowid_column");
        if (r == null) {
            throw new SqlError("HV000", "foreign table \"" + table.name() + "\" has no rowid_column option, so it cannot be updated or deleted from");
        }
        return r;
    }

    private static String returning(net.sf.jsqlparser.statement.ReturningClause r) {
        if (r == null) return null;
        String text = r.toString().strip();
        return text.replaceFirst("(?i)^(RETURNING|RETURN)\\s+", "");
    }

    /** Always quoted: catalog names are already folded, and a bare {@code order} or {@code user} is a keyword. */
    private static String quoteIdent(String s) {
        return ScanLoader.quote(s);
    }

    static Statement parse(String text) {
        try {
            // JSqlParser's default 6 s parse timeout fired under load (bench-load, 500 sessions on 2 cores) and
            // came back as a syntax error; 60 s still stops a pathological statement
            Statement statement = CCJSqlParserUtil.parse(text, PARSER_THREADS,
                    p -> p.withSquareBracketQuotation(false).withTimeOut(60_000));
            io.wirewrap.sql.plan.ParenthesizedJoins.flatten(statement); // postgres_fdw's pushed joins
            return statement;
        } catch (JSQLParserException e) {
            String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
            String first = msg.lines().findFirst().orElse(msg);
            Matcher tok = Pattern.compile("Encountered unexpected token: \"([^\"]*)\"").matcher(first);
            String near = tok.find() ? tok.group(1) : null;
            // "at line L, column C" of the text parsed: the 1-based character position clients point at
            Matcher at = Pattern.compile("at line (\\d+), column (\\d+)").matcher(msg);
            int position = 0;
            if (at.find()) {
                int line = Integer.parseInt(at.group(1));
                int column = Integer.parseInt(at.group(2));
                int offset = 0;
                for (int l = 1; l < line && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1;
                if (offset >= 0) position = offset + column;
            }
            throw SqlError.syntax(near != null ? "syntax error at or near \"" + near + "\"" : "syntax error: " + first, position);
        }
    }
}
