package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.SqlTokens.Kind;
import io.wirewrap.sql.session.SqlTokens.Tok;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@code SELECT} lists made only of constants and session functions without a FROM clause:
 * {@code select 1}, {@code select version()}, {@code select current_setting('x')}, {@code select set_config(...)},
 * {@code select current_user, current_database()}, {@code select pg_backend_pid()}. Clients and pgbench send
 * these constantly, so they must not pay for the query engine. Anything else (operators, FROM, parameters,
 * unknown functions) is not taken and goes to the next handler.
 */
final class ConstantSelect {
    private ConstantSelect() {}

    /** One select-list item: its output column and how to compute it at execute time. */
    private record Item(String name, int oid, Eval eval) {}

    @FunctionalInterface
    private interface Eval {
        Object apply(SessionContext session, ExecContext ctx);
    }

    /** Thrown inside the parser to say "not a constant select": the statement falls through. */
    private static final class NotMine extends RuntimeException {
        NotMine() {
            super(null, null, false, false);
        }
    }

    private static final NotMine NOT_MINE = new NotMine();

    /** Words that end a select list; they cannot be a bare column alias. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("from", "where", "group", "having", "order",
            "limit", "offset", "union", "intersect", "except", "into", "window", "for", "fetch");

    static Optional<PreparedQuery> prepare(String sql, SessionContext session) {
        SqlTokens t;
        try {
            t = SqlTokens.of(sql);
        } catch (SqlError e) {
            return Optional.empty();
        }
        if (!t.accept("select") || t.atEnd()) return Optional.empty();
        List<Item> items = new ArrayList<>();
        try {
            do {
                Item it = expr(t);
                if (t.accept("as")) {
                    Tok alias = t.next();
                    if (alias == null || !alias.isName()) return Optional.empty();
                    it = new Item(alias.text(), it.oid(), it.eval());
                } else if (t.peek() != null && t.peek().isName() && !RESERVED.contains(t.peek().text())) {
                    it = new Item(t.next().text(), it.oid(), it.eval());
                }
                items.add(it);
            } while (t.accept(","));
        } catch (NotMine e) {
            return Optional.empty();
        }
        if (!t.atEnd()) return Optional.empty();
        return Optional.of(query(sql, items, session));
    }

    private static PreparedQuery query(String sql, List<Item> items, SessionContext session) {
        List<ResultColumn> columns = items.stream().map(i -> ResultColumn.of(i.name(), i.oid())).toList();
        return Results.rows(sql, columns, context -> {
            Object[] row = new Object[items.size()];
            for (int i = 0; i < row.length; i++) row[i] = items.get(i).eval().apply(session, context);
            List<Object[]> rows = new ArrayList<>(1);
            rows.add(row);
            return rows;
        }, "SELECT 1");
    }

    private static Item expr(SqlTokens t) {
        Item base = primary(t);
        while (t.accept("::")) base = cast(base, typeName(t));
        return base;
    }

    private static Item primary(SqlTokens t) {
        Tok tok = t.next();
        if (tok == null) throw NOT_MINE;
        if (tok.kind() == Kind.NUMBER) return number(tok.text());
        if (tok.is("-") && t.peek() != null && t.peek().kind() == Kind.NUMBER) return number("-" + t.next().text());
        if (tok.kind() == Kind.STRING) {
            String s = tok.text();
            return new Item("?column?", 25, (sess, ctx) -> s);
        }
        if (tok.is("(")) {
            Item inner = expr(t);
            if (!t.accept(")")) throw NOT_MINE;
            return inner;
        }
        if (tok.kind() != Kind.WORD) throw NOT_MINE;
        switch (tok.text()) {
            case "true", "false" -> {
                Boolean b = tok.text().equals("true");
                return new Item("bool", 16, (sess, ctx) -> b);
            }
            case "null" -> {
                return new Item("?column?", 25, (sess, ctx) -> null);
            }
            case "current_user", "current_role", "user" -> {
                return new Item(tok.text(), 19, (sess, ctx) -> sess.user());
            }
            case "session_user" -> {
                return new Item("session_user", 19, (sess, ctx) -> sess.user());
            }
            case "current_catalog" -> {
                return new Item("current_catalog", 19, (sess, ctx) -> sess.info().database());
            }
            case "current_schema" -> {
                if (t.accept("(") && !t.accept(")")) throw NOT_MINE;
                return new Item("current_schema", 19, (sess, ctx) -> currentSchema(sess));
            }
            case "cast" -> {
                if (!t.accept("(")) throw NOT_MINE;
                Item inner = expr(t);
                if (!t.accept("as")) throw NOT_MINE;
                Item cast = cast(inner, typeName(t));
                if (!t.accept(")")) throw NOT_MINE;
                return cast;
            }
            default -> {
                String fn = tok.text();
                if (t.accept(".")) { // pg_catalog.version()
                    if (!fn.equals("pg_catalog") || t.peek() == null || t.peek().kind() != Kind.WORD) throw NOT_MINE;
                    fn = t.next().text();
                }
                if (!t.accept("(")) throw NOT_MINE;
                List<Item> args = new ArrayList<>();
                if (!t.accept(")")) {
                    do {
                        args.add(expr(t));
                    } while (t.accept(","));
                    if (!t.accept(")")) throw NOT_MINE;
                }
                return function(fn, args);
            }
        }
    }

    private static Item function(String fn, List<Item> args) {
        return switch (fn) {
            case "version" -> {
                if (!args.isEmpty()) throw NOT_MINE;
                yield new Item("version", 25, (s, c) -> Gucs.VERSION_STRING);
            }
            case "current_database" -> {
                if (!args.isEmpty()) throw NOT_MINE;
                yield new Item("current_database", 19, (s, c) -> s.info().database());
            }
            case "current_schema" -> {
                if (!args.isEmpty()) throw NOT_MINE;
                yield new Item("current_schema", 19, (s, c) -> currentSchema(s));
            }
            case "pg_backend_pid" -> {
                if (!args.isEmpty()) throw NOT_MINE;
                yield new Item("pg_backend_pid", 23, (s, c) -> s.info().backendPid());
            }
            case "current_setting" -> {
                if (args.isEmpty() || args.size() > 2) throw NOT_MINE;
                yield new Item("current_setting", 25, (s, c) -> {
                    Object name = args.get(0).eval().apply(s, c);
                    boolean missingOk = args.size() == 2 && Boolean.TRUE.equals(toBool(args.get(1).eval().apply(s, c)));
                    if (name == null) return null;
                    return SessionCommandHandler.show(s, name.toString(), missingOk);
                });
            }
            case "set_config" -> {
                if (args.size() != 3) throw NOT_MINE;
                yield new Item("set_config", 25, (s, c) -> {
                    Object name = args.get(0).eval().apply(s, c);
                    Object value = args.get(1).eval().apply(s, c);
                    boolean local = Boolean.TRUE.equals(toBool(args.get(2).eval().apply(s, c)));
                    if (name == null) throw new SqlError("22004", "SET requires parameter name");
                    return SessionCommandHandler.set(s, name.toString(), value == null ? null : value.toString(), local, null);
                });
            }
            default -> throw NOT_MINE;
        };
    }

    static String currentSchema(SessionContext s) {
        String path = s.settings().getOrDefault("search_path", "public");
        for (String part : path.split(",")) {
            String p = part.trim();
            if (p.isEmpty() || p.equals("\"$user\"") || p.equals("$user")) continue;
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) p = p.substring(1, p.length() - 1);
            return p;
        }
        return null;
    }

    private static Item number(String text) {
        if (isInteger(text)) {
            try {
                Integer v = Integer.valueOf(text);
                return new Item("?column?", 23, (s, c) -> v);
            } catch (NumberFormatException e) {
                try {
                    Long v = Long.valueOf(text);
                    return new Item("?column?", 20, (s, c) -> v);
                } catch (NumberFormatException e2) {
                    // fall through to numeric
                }
            }
        }
        BigDecimal v = new BigDecimal(text);
        return new Item("?column?", 1700, (s, c) -> v);
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) return false;
        for (int i = start; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return false;
        return true;
    }

    /** A type name after :: or AS; only the simple types this evaluator converts between. */
    private static String typeName(SqlTokens t) {
        Tok tok = t.next();
        if (tok == null || !tok.isName()) throw NOT_MINE;
        String name = tok.text();
        if (name.equals("pg_catalog") && t.accept(".")) {
            tok = t.next();
            if (tok == null || !tok.isName()) throw NOT_MINE;
            name = tok.text();
        }
        if (name.equals("double") && t.accept("precision")) return "float8";
        if (name.equals("character") && t.accept("varying")) return "varchar";
        return switch (name) {
            case "int", "integer", "int4" -> "int4";
            case "bigint", "int8" -> "int8";
            case "smallint", "int2" -> "int2";
            case "bool", "boolean" -> "bool";
            case "text" -> "text";
            case "varchar" -> "varchar";
            case "name" -> "name";
            case "numeric", "decimal" -> "numeric";
            case "float8" -> "float8";
            case "real", "float4" -> "float4";
            default -> throw NOT_MINE;
        };
    }

    private static Item cast(Item from, String type) {
        Eval e = from.eval();
        return switch (type) {
            case "int4" -> new Item(type, 23, (s, c) -> toNumber(e.apply(s, c), "integer", v -> Integer.valueOf(v.intValueExact())));
            case "int8" -> new Item(type, 20, (s, c) -> toNumber(e.apply(s, c), "bigint", v -> Long.valueOf(v.longValueExact())));
            case "int2" -> new Item(type, 21, (s, c) -> toNumber(e.apply(s, c), "smallint", v -> Short.valueOf(v.shortValueExact())));
            case "numeric" -> new Item(type, 1700, (s, c) -> toNumber(e.apply(s, c), "numeric", v -> v));
            case "float8" -> new Item(type, 701, (s, c) -> toNumber(e.apply(s, c), "double precision", v -> Double.valueOf(v.doubleValue())));
            case "float4" -> new Item(type, 700, (s, c) -> toNumber(e.apply(s, c), "real", v -> Float.valueOf(v.floatValue())));
            case "bool" -> new Item(type, 16, (s, c) -> toBool(e.apply(s, c)));
            case "text" -> new Item(type, 25, (s, c) -> text(e.apply(s, c)));
            case "varchar" -> new Item(type, 1043, (s, c) -> text(e.apply(s, c)));
            case "name" -> new Item(type, 19, (s, c) -> text(e.apply(s, c)));
            default -> throw NOT_MINE;
        };
    }

    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof BigDecimal d) return d.toPlainString();
        return v.toString();
    }

    private static Object toNumber(Object v, String typeName, java.util.function.Function<BigDecimal, Object> convert) {
        if (v == null) return null;
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Boolean b) {
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
            try {
                d = new BigDecimal(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new SqlError("22P02", "invalid input syntax for type " + typeName + ": \"" + v + "\"");
            }
        }
        try {
            if (typeName.equals("integer") || typeName.equals("bigint") || typeName.equals("smallint")) {
                d = d.setScale(0, java.math.RoundingMode.HALF_UP);
            }
            return convert.apply(d);
        } catch (ArithmeticException e) {
            throw new SqlError("22003", typeName + " out of range");
        }
    }

    private static Boolean toBool(Object v) {
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new SqlError("22P02", "invalid input syntax for type boolean: \"" + v + "\"");
        };
    }
}
