package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.SqlTokens.Kind;
import io.wirewrap.sql.session.SqlTokens.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first statement handler: session commands that never touch data. SET / RESET / SHOW, transaction
 * control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...), DISCARD, DEALLOCATE, and constant SELECTs
 * ({@link ConstantSelect}). Work happens at execute time, so a prepared {@code SET} runs each time it is executed.
 */
public final class SessionCommandHandler implements StatementHandler {
    private static final Set<String> FIRST_WORDS = Set.of("set", "reset", "show", "begin", "start", "commit", "end",
            "rollback", "abort", "savepoint", "release", "discard", "deallocate", "select");

    @Override
    public Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session) {
        String first = firstWord(sql);
        if (!FIRST_WORDS.contains(first)) return Optional.empty();
        if (first.equals("select")) return ConstantSelect.prepare(sql, session);
        SqlTokens t = SqlTokens.of(sql);
        t.next();
        return Optional.ofNullable(switch (first) {
            case "set" -> set(sql, t, session);
            case "reset" -> reset(sql, t, session);
            case "show" -> show(sql, t, session);
            case "begin" -> {
                t.accept("work");
                t.accept("transaction");
                yield begin(sql, t, session, "BEGIN");
            }
            case "start" -> {
                expect(t, "transaction", sql);
                yield begin(sql, t, session, "START TRANSACTION");
            }
            case "commit", "end" -> {
                skipWorkAndChain(t, sql);
                yield Results.command(sql, ctx -> Transaction.of(session).commit(ctx));
            }
            case "rollback", "abort" -> rollback(sql, t, session);
            case "savepoint" -> {
                String name = name(t, sql);
                end(t, sql);
                yield Results.command(sql, ctx -> {
                    Transaction.of(session).savepoint(name);
                    return "SAVEPOINT";
                });
            }
            case "release" -> {
                t.accept("savepoint");
                String name = name(t, sql);
                end(t, sql);
                yield Results.command(sql, ctx -> {
                    Transaction.of(session).release(name);
                    return "RELEASE";
                });
            }
            case "discard" -> discard(sql, t, session);
            case "deallocate" -> deallocate(sql, t, session);
            default -> null;
        });
    }

    /** True for the statements PostgreSQL still accepts in a failed transaction block. */
    public static boolean isTransactionExit(String sql) {
        String first = firstWord(sql);
        return switch (first) {
            case "commit", "end", "rollback", "abort" -> true;
            default -> false;
        };
    }

    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) { // skip blanks and comments before the first word
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        int j = i;
        while (j < n && Character.isLetter(sql.charAt(j))) j++;
        return sql.substring(i, j).toLowerCase(java.util.Locale.ROOT);
    }

    // ---- SET -------------------------------------------------------------------------------------------

    private PreparedQuery set(String sql, SqlTokens t, SessionContext session) {
        boolean local = t.accept("local");
        if (!local) t.accept("session");
        if (t.acceptAll("characteristics", "as", "transaction")) {
            List<String[]> modes = transactionModes(t, sql, "default_transaction_isolation", "default_transaction_read_only");
            return Results.command(sql, ctx -> {
                for (String[] m : modes) set(session, m[0], m[1], false, ctx);
                return "SET";
            });
        }
        if (t.accept("transaction")) {
            List<String[]> modes = transactionModes(t, sql, "transaction_isolation", "transaction_read_only");
            return Results.command(sql, ctx -> {
                for (String[] m : modes) set(session, m[0], m[1], true, ctx);
                return "SET";
            });
        }
        if (t.accept("role") || t.accept("authorization") || t.acceptAll("session", "authorization")) {
            throw SqlError.unsupported("SET ROLE / SET SESSION AUTHORIZATION");
        }
        String name;
        String value;
        if (t.acceptAll("time", "zone")) {
            name = "TimeZone";
            value = t.accept("local") ? null : values(t, sql, name);
        } else if (t.accept("names")) {
            name = "client_encoding";
            value = values(t, sql, name);
        } else if (t.accept("schema")) {
            name = "search_path";
            value = values(t, sql, name);
        } else {
            name = dottedName(t, sql);
            if (!t.accept("to") && !t.accept("=")) throw syntaxAt(t, sql);
            value = t.accept("default") ? null : values(t, sql, name);
        }
        end(t, sql);
        String canonical = Gucs.canonicalOrThrow(name);
        return Results.command(sql, ctx -> {
            set(session, canonical, value, local, ctx);
            return "SET";
        });
    }

    /**
     * Sets a parameter (null value = its session default) after checking it; returns the value as SHOW prints it.
     * Used by SET and {@code set_config()}.
     */
    static String set(SessionContext session, String name, String value, boolean local, ExecContext ctx) {
        String canonical = Gucs.canonicalOrThrow(name);
        if (Gucs.isReadOnly(canonical)) throw new SqlError("55P02", "parameter \"" + canonical + "\" cannot be changed");
        String v = value == null ? defaultValue(session, canonical) : Gucs.normalize(canonical, value);
        Transaction.of(session).set(canonical, v, local, ctx);
        return v;
    }

    private static String defaultValue(SessionContext session, String canonical) {
        SessionDefaults d = session.attachment(SessionDefaults.class, () -> new SessionDefaults(Gucs.defaults()));
        String v = d.values().get(canonical);
        return v != null ? v : Gucs.defaults().getOrDefault(canonical, "");
    }

    /** A SET value list: words, numbers, strings, "identifiers", joined by ", " like PostgreSQL's SHOW prints. */
    private static String values(SqlTokens t, String sql, String name) {
        List<String> parts = new ArrayList<>();
        do {
            Tok tok = t.next();
            if (tok == null) throw SqlError.syntax("syntax error at end of input", sql.length() + 1);
            String v = switch (tok.kind()) {
                case STRING, WORD, NUMBER -> tok.text();
                case IDENT -> name.equals("search_path") ? "\"" + tok.text().replace("\"", "\"\"") + "\"" : tok.text();
                case SYMBOL -> {
                    if (tok.is("-") && t.peek() != null && t.peek().kind() == Kind.NUMBER) yield "-" + t.next().text();
                    if (tok.is("+") && t.peek() != null && t.peek().kind() == Kind.NUMBER) yield t.next().text();
                    throw syntaxAt(tok, sql);
                }
                case PARAM -> throw syntaxAt(tok, sql);
            };
            if (tok.kind() == Kind.STRING && name.equals("search_path") && needsQuotes(v)) v = "\"" + v + "\"";
            parts.add(v);
        } while (t.accept(","));
        return String.join(", ", parts);
    }

    private static boolean needsQuotes(String schema) {
        return !schema.matches("[a-z_][a-z0-9_$]*") && !schema.equals("\"$user\"") && !schema.equals("$user");
    }

    private static List<String[]> transactionModes(SqlTokens t, String sql, String isolationName, String readOnlyName) {
        List<String[]> modes = new ArrayList<>();
        while (!t.atEnd()) {
            if (t.acceptAll("isolation", "level")) {
                String level;
                if (t.acceptAll("read", "committed")) level = "read committed";
                else if (t.acceptAll("read", "uncommitted")) level = "read uncommitted";
                else if (t.acceptAll("repeatable", "read")) level = "repeatable read";
                else if (t.accept("serializable")) level = "serializable";
                else throw syntaxAt(t, sql);
                modes.add(new String[] {isolationName, level});
            } else if (t.acceptAll("read", "only")) {
                modes.add(new String[] {readOnlyName, "on"});
            } else if (t.acceptAll("read", "write")) {
                modes.add(new String[] {readOnlyName, "off"});
            } else if (t.accept("deferrable") || t.acceptAll("not", "deferrable")) {
                // no effect without serializable snapshots; accepted like PostgreSQL does for non-serializable
            } else {
                throw syntaxAt(t, sql);
            }
            t.accept(",");
        }
        return modes;
    }

    // ---- RESET / SHOW ----------------------------------------------------------------------------------

    private PreparedQuery reset(String sql, SqlTokens t, SessionContext session) {
        if (t.accept("all")) {
            end(t, sql);
            return Results.command(sql, ctx -> {
                for (var e : session.attachment(SessionDefaults.class, () -> new SessionDefaults(Gucs.defaults())).values().entrySet()) {
                    if (!Gucs.isReadOnly(e.getKey())) Transaction.of(session).set(e.getKey(), e.getValue(), false, ctx);
                }
                return "RESET";
            });
        }
        if (t.accept("role") || t.acceptAll("session", "authorization")) {
            end(t, sql);
            return Results.command(sql, ctx -> "RESET");
        }
        String name = t.acceptAll("time", "zone") ? "TimeZone" : dottedName(t, sql);
        end(t, sql);
        String canonical = Gucs.canonicalOrThrow(name);
        return Results.command(sql, ctx -> {
            set(session, canonical, null, false, ctx);
            return "RESET";
        });
    }

    private PreparedQuery show(String sql, SqlTokens t, SessionContext session) {
        if (t.accept("all")) {
            end(t, sql);
            List<ResultColumn> cols = List.of(ResultColumn.of("name", 25), ResultColumn.of("setting", 25),
                    ResultColumn.of("description", 25));
            return rowsQuery(sql, cols, () -> {
                List<Object[]> rows = new ArrayList<>();
                Map<String, String> values = session.settings().snapshot();
                for (var e : values.entrySet()) rows.add(new Object[] {e.getKey(), e.getValue(), ""});
                return rows;
            });
        }
        String name;
        if (t.acceptAll("time", "zone")) name = "TimeZone";
        else if (t.acceptAll("transaction", "isolation", "level")) name = "transaction_isolation";
        else if (t.acceptAll("session", "authorization")) name = "session_authorization";
        else name = dottedName(t, sql);
        end(t, sql);
        String canonical = Gucs.canonicalOrThrow(name);
        List<ResultColumn> cols = List.of(ResultColumn.of(canonical, 25));
        return rowsQuery(sql, cols, () -> {
            List<Object[]> rows = new ArrayList<>(1);
            rows.add(new Object[] {show(session, canonical, false)});
            return rows;
        });
    }

    /** The value SHOW / current_setting() give; null only when missingOk and unknown. */
    static String show(SessionContext session, String name, boolean missingOk) {
        Optional<String> canonical = Gucs.canonical(name);
        if (canonical.isEmpty()) {
            if (missingOk) return null;
            throw Gucs.unrecognized(name);
        }
        Optional<String> v = session.settings().get(canonical.get());
        if (v.isPresent()) return v.get();
        String d = Gucs.defaults().get(canonical.get());
        if (d != null) return d;
        if (missingOk) return null;
        throw Gucs.unrecognized(name);
    }

    private static PreparedQuery rowsQuery(String sql, List<ResultColumn> cols, java.util.function.Supplier<List<Object[]>> rows) {
        return Results.rows(sql, cols, ctx -> rows.get(), "SHOW");
    }

    // ---- transactions ----------------------------------------------------------------------------------

    private PreparedQuery begin(String sql, SqlTokens t, SessionContext session, String tag) {
        List<String[]> modes = transactionModes(t, sql, "transaction_isolation", "transaction_read_only");
        return Results.command(sql, ctx -> {
            Transaction tx = Transaction.of(session);
            boolean already = tx.inBlock();
            tx.begin(ctx);
            if (!already) for (String[] m : modes) set(session, m[0], m[1], true, ctx);
            return tag;
        });
    }

    private PreparedQuery rollback(String sql, SqlTokens t, SessionContext session) {
        t.accept("work");
        t.accept("transaction");
        if (t.accept("to")) {
            t.accept("savepoint");
            String name = name(t, sql);
            end(t, sql);
            return Results.command(sql, ctx -> {
                Transaction.of(session).rollbackTo(name, ctx);
                return "ROLLBACK";
            });
        }
        skipWorkAndChain(t, sql);
        return Results.command(sql, ctx -> {
            Transaction.of(session).rollback(ctx);
            return "ROLLBACK";
        });
    }

    private static void skipWorkAndChain(SqlTokens t, String sql) {
        t.accept("work");
        t.accept("transaction");
        if (t.acceptAll("and", "no", "chain")) {
            end(t, sql);
            return;
        }
        if (t.acceptAll("and", "chain")) throw SqlError.unsupported("AND CHAIN");
        end(t, sql);
    }

    // ---- DISCARD / DEALLOCATE --------------------------------------------------------------------------

    private PreparedQuery discard(String sql, SqlTokens t, SessionContext session) {
        Tok what = t.next();
        if (what == null) throw SqlError.syntax("syntax error at end of input", sql.length() + 1);
        end(t, sql);
        return switch (what.text()) {
            case "all" -> Results.command(sql, ctx -> {
                if (Transaction.of(session).inBlock()) {
                    throw new SqlError("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                session.settings().replaceAll(session.attachment(SessionDefaults.class,
                        () -> new SessionDefaults(Gucs.defaults())).values());
                session.attachment(PreparedStatementRegistry.class, () -> NO_REGISTRY).deallocateAll();
                return "DISCARD ALL";
            });
            case "plans" -> Results.command(sql, ctx -> "DISCARD PLANS");
            case "sequences" -> Results.command(sql, ctx -> "DISCARD SEQUENCES");
            case "temp", "temporary" -> Results.command(sql, ctx -> "DISCARD TEMP");
            default -> throw syntaxAt(what, sql);
        };
    }

    private PreparedQuery deallocate(String sql, SqlTokens t, SessionContext session) {
        t.accept("prepare");
        if (t.accept("all")) {
            end(t, sql);
            return Results.command(sql, ctx -> {
                session.attachment(PreparedStatementRegistry.class, () -> NO_REGISTRY).deallocateAll();
                return "DEALLOCATE ALL";
            });
        }
        String name = name(t, sql);
        end(t, sql);
        return Results.command(sql, ctx -> {
            if (!session.attachment(PreparedStatementRegistry.class, () -> NO_REGISTRY).deallocate(name)) {
                throw new SqlError("26000", "prepared statement \"" + name + "\" does not exist");
            }
            return "DEALLOCATE";
        });
    }

    /** Without a protocol layer nothing is prepared; DEALLOCATE of a name then fails like PostgreSQL's. */
    private static final PreparedStatementRegistry NO_REGISTRY = new PreparedStatementRegistry() {
        @Override
        public boolean deallocate(String name) {
            return false;
        }

        @Override
        public void deallocateAll() {}
    };

    // ---- token helpers ---------------------------------------------------------------------------------

    private static String name(SqlTokens t, String sql) {
        Tok tok = t.next();
        if (tok == null) throw SqlError.syntax("syntax error at end of input", sql.length() + 1);
        if (!tok.isName()) throw syntaxAt(tok, sql);
        return tok.text();
    }

    /** A parameter name, possibly dotted (custom "myapp.setting"). */
    private static String dottedName(SqlTokens t, String sql) {
        String name = name(t, sql);
        while (t.accept(".")) name = name + "." + name(t, sql);
        return name;
    }

    private static void expect(SqlTokens t, String word, String sql) {
        if (!t.accept(word)) throw syntaxAt(t, sql);
    }

    private static void end(SqlTokens t, String sql) {
        if (!t.atEnd()) throw syntaxAt(t, sql);
    }

    private static SqlError syntaxAt(SqlTokens t, String sql) {
        Tok tok = t.peek();
        return tok == null ? SqlError.syntax("syntax error at end of input", sql.length() + 1) : syntaxAt(tok, sql);
    }

    private static SqlError syntaxAt(Tok tok, String sql) {
        String near = tok.kind() == Kind.STRING ? "'" + tok.text() + "'" : tok.text();
        return SqlError.syntax("syntax error at or near \"" + near + "\"", tok.pos() + 1);
    }
}
