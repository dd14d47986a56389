package io.wirewrap.sql.exec;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanStats;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.plan.Analyzer;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.plan.ResolvedForeignFunction;
import io.wirewrap.sql.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Calls of source functions in FROM ({@code select * from stripe.invoice_finalize('in_1')}). Each call is replaced
 * in the statement by a per-session temp table named like the function's alias; at execution the arguments are
 * evaluated (they may be constants, parameters or expressions), the source is called once, its rows are loaded
 * into that table, and the rest of the query runs locally over them. A call is a remote action, so it runs at
 * most once per execution and the result is materialized before the temp tables are dropped.
 */
final class ForeignCalls {
    /** One call found in the statement, and the temp table now standing for it. */
    record Call(ResolvedForeignFunction function, List<Expression> arguments, String table) {
        List<ScanLoader.Col> columns() {
            return function.definition().resultColumns().stream().map(c -> new ScanLoader.Col(c.name(), c.type())).toList();
        }
    }

    private ForeignCalls() {}

    /** Finds and replaces the calls in {@code st}; empty when it has none. */
    static List<Call> extract(Statement st, QueryEnv env, SessionContext session) {
        ForeignTableResolver resolver = env.resolver();
        List<Call> calls = new ArrayList<>();
        if (resolver == null || !(st instanceof Select select)) return calls;
        new Walker(resolver, session, env, calls).select(select);
        return calls;
    }

    private record Walker(ForeignTableResolver resolver, SessionContext session, QueryEnv env, List<Call> calls) {
        void select(Select s) {
            if (s.getWithItemsList() != null) for (WithItem<?> w : s.getWithItemsList()) if (w.getSelect() != null) select(w.getSelect());
            switch (s) {
                case PlainSelect ps -> {
                    ps.setFromItem(from(ps.getFromItem()));
                    if (ps.getJoins() != null) for (Join j : ps.getJoins()) j.setRightItem(from(j.getRightItem()));
                }
                case ParenthesedSelect p -> select(p.getSelect());
                case SetOperationList l -> l.getSelects().forEach(this::select);
                default -> { }
            }
        }

        FromItem from(FromItem item) {
            switch (item) {
                case null -> { return null; }
                case ParenthesedSelect p -> select(p.getSelect());
                case ParenthesedFromItem p -> {
                    p.setFromItem(from(p.getFromItem()));
                    if (p.getJoins() != null) for (Join j : p.getJoins()) j.setRightItem(from(j.getRightItem()));
                }
                case TableFunction tf -> {
                    return call(tf);
                }
                default -> { }
            }
            return item;
        }

        private FromItem call(TableFunction tf) {
            String[] parts = tf.getFunction().getName().split("\\.");
            if (parts.length > 2) return tf;
            String schema = parts.length == 2 ? Analyzer.ident(parts[0]) : null;
            String name = Analyzer.ident(parts[parts.length - 1]);
            if (schema != null && List.of("pg_catalog", "information_schema").contains(schema)) return tf;
            var found = resolver.resolveFunction(schema, name, session);
            if (found.isEmpty()) return tf;
            List<Expression> args = tf.getFunction().getParameters() == null ? List.of() : List.copyOf(tf.getFunction().getParameters());
            int declared = found.get().definition().arguments().size();
            if (args.size() > declared || args.isEmpty() && declared > 0) {
                throw new io.wirewrap.sql.api.SqlError("42883", "function " + found.get().schema() + "." + name + " takes " + declared
                        + " argument(s), got " + args.size(), null, "arguments: " + found.get().definition().arguments().stream()
                        .map(c -> c.name() + " " + c.type().sqlName()).reduce((a, b) -> a + ", " + b).orElse(""), 0, null);
            }
            String table = env.local().tempName("call_" + name);
            calls.add(new Call(found.get(), args, table));
            Table t = new Table(table);
            t.setAlias(tf.getAlias() != null ? tf.getAlias() : new Alias(name, true));
            return t;
        }
    }

    /** The query around the calls: arguments first, then the calls, then the rewritten statement. */
    static final class Query implements PreparedQuery {
        private final List<Call> calls;
        private final PreparedQuery arguments;
        private final PreparedQuery inner;
        private final QueryEnv env;

        Query(List<Call> calls, PreparedQuery arguments, PreparedQuery inner, QueryEnv env) {
            this.calls = calls;
            this.arguments = arguments;
            this.inner = inner;
            this.env = env;
        }

        /** {@code SELECT CAST(arg AS type), ...} over every call's arguments, in call order. */
        static String argumentsSql(List<Call> calls) {
            StringBuilder b = new StringBuilder("SELECT ");
            int n = 0;
            for (Call c : calls) {
                List<ColumnDef> declared = c.function().definition().arguments();
                for (int i = 0; i < c.arguments().size(); i++) {
                    if (n++ > 0) b.append(", ");
                    b.append("CAST(").append(c.arguments().get(i)).append(" AS ").append(declared.get(i).type().sqlName()).append(')');
                }
            }
            return n == 0 ? "SELECT 1" : b.toString();
        }

        @Override
        public String sql() {
            return inner.sql();
        }

        @Override
        public int[] parameterTypes() {
            int[] a = arguments.parameterTypes();
            int[] q = inner.parameterTypes();
            int[] out = new int[Math.max(a.length, q.length)];
            for (int i = 0; i < out.length; i++) out[i] = i < a.length && a[i] != 0 ? a[i] : i < q.length ? q[i] : 25;
            return out;
        }

        @Override
        public List<ResultColumn> describe() {
            List<String> created = new ArrayList<>();
            try {
                for (Call c : calls) {
                    ScanLoader.create(env.local().connection(), c.table(), c.columns());
                    created.add(c.table());
                }
                return inner.describe();
            } finally {
                created.forEach(env.local()::dropQuietly);
            }
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            List<Object> values = new ArrayList<>();
            try (QueryResult r = arguments.execute(slice(parameters, arguments.parameterTypes().length), context)) {
                Object[] row = r.next();
                if (row != null && calls.stream().anyMatch(c -> !c.arguments().isEmpty())) values.addAll(java.util.Arrays.asList(row));
            }
            List<String> created = new ArrayList<>();
            try {
                int at = 0;
                for (Call c : calls) {
                    io.wirewrap.sql.session.Transaction.of(env.session())
                            .remoteWrite(c.function().schema() + "." + c.function().definition().name() + "(...)");
                    List<Object> args = new ArrayList<>(values.subList(at, at + c.arguments().size()));
                    at += c.arguments().size();
                    while (args.size() < c.function().definition().arguments().size()) args.add(null);
                    ScanContext sc = new ScanContext(context.cancel(), new ScanStats(),
                            m -> context.notices().accept(new ExecContext.Notice("NOTICE", "00000", m, null)));
                    ScanLoader.create(env.local().connection(), c.table(), c.columns());
                    created.add(c.table());
                    try (RowStream rows = c.function().call(args, sc)) {
                        ScanLoader.load(env.local().connection(), c.table(), c.columns(), rows, context.cancel());
                    }
                }
                try (QueryResult r = inner.execute(slice(parameters, inner.parameterTypes().length), context)) {
                    List<Object[]> rows = new ArrayList<>();
                    for (Object[] row = r.next(); row != null; row = r.next()) rows.add(row);
                    return new ListResult(r.columns(), rows, r.commandTag());
                }
            } finally {
                created.forEach(env.local()::dropQuietly);
            }
        }

        private static List<Object> slice(List<Object> parameters, int n) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(i < parameters.size() ? parameters.get(i) : null);
            return out;
        }
    }
}
