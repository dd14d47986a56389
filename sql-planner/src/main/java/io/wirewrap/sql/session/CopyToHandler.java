package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.QueryResult.CopyFormat;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.SqlTokens.Kind;
import io.wirewrap.sql.session.SqlTokens.Tok;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code COPY (query) TO STDOUT} and {@code COPY table [(columns)] TO STDOUT}, text or csv, which psql's
 * {@code \copy ... to} sends: the inner query is prepared through the session's handler chain and its rows
 * stream out as a COPY_OUT result. Other COPY forms are left to later handlers.
 */
public final class CopyToHandler implements StatementHandler {
    @Override
    public Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session) {
        if (!SessionCommandHandler.firstWord(sql).equals("copy")) return Optional.empty();
        List<Tok> toks = SqlTokens.lex(sql);
        if (toks.size() < 2) return Optional.empty();
        int i = 1;
        String inner;
        if (toks.get(1).is("(")) {
            int depth = 0;
            int close = -1;
            for (int j = 1; j < toks.size(); j++) {
                if (toks.get(j).is("(")) depth++;
                if (toks.get(j).is(")") && --depth == 0) {
                    close = j;
                    break;
                }
            }
            if (close < 0) throw SqlError.syntax("syntax error at end of input", sql.length() + 1);
            inner = sql.substring(toks.get(1).pos() + 1, toks.get(close).pos()).trim();
            i = close + 1;
        } else {
            StringBuilder table = new StringBuilder();
            while (i < toks.size() && (toks.get(i).isName() || toks.get(i).is("."))) {
                Tok t = toks.get(i++);
                table.append(t.kind() == Kind.IDENT ? "\"" + t.text().replace("\"", "\"\"") + "\"" : t.text());
            }
            String columns = "*";
            if (i < toks.size() && toks.get(i).is("(")) {
                int close = i;
                while (close < toks.size() && !toks.get(close).is(")")) close++;
                if (close == toks.size()) throw SqlError.syntax("syntax error at end of input", sql.length() + 1);
                columns = sql.substring(toks.get(i).pos() + 1, toks.get(close).pos());
                i = close + 1;
            }
            if (table.isEmpty()) return Optional.empty();
            inner = "select " + columns + " from " + table;
        }
        if (i >= toks.size() || !toks.get(i).is("to")) return Optional.empty(); // COPY ... FROM: not ours
        i++;
        if (i >= toks.size() || !toks.get(i).is("stdout")) {
            throw new SqlError("0A000", "COPY to a file is not supported", null, "Use COPY ... TO STDOUT (psql: \\copy).", 0, null);
        }
        CopyFormat format = options(toks, i + 1, sql);
        StatementPreparer preparer = session.attachment(StatementPreparer.class, () -> {
            throw new IllegalStateException("no StatementPreparer attached to the session");
        });
        PreparedQuery query = preparer.prepare(inner, parameterTypeOids);
        if (query.describe() == null) throw SqlError.syntax("COPY query must have a RETURNING clause or return rows", 0);
        return Optional.of(new CopyOut(sql, query, format));
    }

    private static CopyFormat options(List<Tok> toks, int i, String sql) {
        boolean csv = false;
        boolean header = false;
        Character delimiter = null;
        String nullString = null;
        if (i < toks.size() && toks.get(i).is("with")) i++;
        boolean parenthesised = i < toks.size() && toks.get(i).is("(");
        if (parenthesised) i++;
        while (i < toks.size()) {
            Tok t = toks.get(i++);
            if (t.is(",") || t.is(")")) continue;
            String word = t.text().toLowerCase(Locale.ROOT);
            String arg = null;
            if (parenthesised && i < toks.size() && !toks.get(i).is(",") && !toks.get(i).is(")")) arg = toks.get(i++).text();
            switch (word) {
                case "format" -> {
                    if (arg == null && i < toks.size()) arg = toks.get(i++).text();
                    if ("binary".equalsIgnoreCase(arg)) throw SqlError.unsupported("COPY binary format");
                    if (!"csv".equalsIgnoreCase(arg) && !"text".equalsIgnoreCase(arg)) {
                        throw new SqlError("22023", "COPY format \"" + arg + "\" not recognized");
                    }
                    csv = "csv".equalsIgnoreCase(arg);
                }
                case "csv" -> csv = true;
                case "binary" -> throw SqlError.unsupported("COPY binary format");
                case "header" -> header = arg == null || Gucs.bool("header", arg);
                case "delimiter" -> {
                    if (arg == null && i < toks.size()) {
                        if (toks.get(i).is("as")) i++;
                        arg = toks.get(i++).text();
                    }
                    if (arg == null || arg.length() != 1) throw new SqlError("0A000", "COPY delimiter must be a single one-byte character");
                    delimiter = arg.charAt(0);
                }
                case "null" -> {
                    if (arg == null && i < toks.size()) {
                        if (toks.get(i).is("as")) i++;
                        arg = toks.get(i++).text();
                    }
                    nullString = arg;
                }
                case "encoding", "quote", "escape", "force_quote" -> {
                    if (arg == null && i < toks.size()) i++;
                }
                default -> throw SqlError.syntax("option \"" + t.text() + "\" not recognized", t.pos() + 1);
            }
        }
        char d = delimiter != null ? delimiter : csv ? ',' : '\t';
        String n = nullString != null ? nullString : csv ? "" : "\\N";
        return new CopyFormat(csv, d, header, n);
    }

    /** The COPY statement: executing it executes the inner query and relabels its rows as COPY data. */
    private record CopyOut(String sql, PreparedQuery query, CopyFormat format) implements PreparedQuery {
        @Override
        public int[] parameterTypes() {
            return query.parameterTypes();
        }

        @Override
        public List<ResultColumn> describe() {
            return null; // COPY has no RowDescription; the client learns the columns from CopyOutResponse
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            QueryResult rows = query.execute(parameters, context);
            return new QueryResult() {
                long count;

                @Override
                public Kind kind() {
                    return Kind.COPY_OUT;
                }

                @Override
                public List<ResultColumn> columns() {
                    return rows.columns();
                }

                @Override
                public Object[] next() {
                    Object[] row = rows.next();
                    if (row != null) count++;
                    return row;
                }

                @Override
                public String commandTag() {
                    return "COPY " + count;
                }

                @Override
                public CopyFormat copyFormat() {
                    return format;
                }

                @Override
                public void close() {
                    rows.close();
                }
            };
        }
    }
}
