package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlSession;
import io.wirewrap.sql.exec.QueryHandler;
import io.wirewrap.sql.session.BootstrapRoleStore;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.WirewrapEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Child process of {@link CrashSafetyTest}: starts the engine the server runs (catalog, vault, DuckDB local engine)
 * on a data directory, checks what the previous (killed) process left, then writes in a loop until it is killed.
 * Iteration v: DDL {@code create schema s<v>} and a 16 kB comment on {@code public}, a vault write
 * ({@code vault.create_secret('sk_test_crash_<v>', 'crash_<v>')}), and a local-table write (2,000 rows of
 * {@code crash_rows} with {@code v}), in that order, each one atomic statement.
 *
 * <p>Prints {@code ready <p> <n> <m> <c>} after the check (p: complete local groups, n: schemas, m: secrets,
 * c: version in the comment), or {@code broken <why>}; then {@code committed <v>} after each durable iteration.
 */
public final class CrashLoopMain {
    static final int ROWS = 2000;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (WirewrapEngine engine = engine(dir);
             SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), 1))) {
            run(s, "create table if not exists crash_rows (v bigint, i integer, pad text)");
            State st;
            try {
                st = State.read(s);
            } catch (IllegalStateException e) {
                System.out.println("broken " + e.getMessage());
                System.out.flush();
                return;
            }
            System.out.println("ready " + st.local + " " + st.schemas + " " + st.secrets + " " + st.comment);
            System.out.flush();
            String padding = "x".repeat(16 * 1024);
            for (long v = st.local + 1; ; v++) {
                run(s, "create schema if not exists s" + v);
                run(s, "comment on schema public is 'version " + v + " " + padding + "'");
                if (st.secrets < v) run(s, "select vault.create_secret('sk_test_crash_" + v + "', 'crash_" + v + "')");
                run(s, "insert into crash_rows select " + v + ", i, repeat('y', 100) from generate_series(1, " + ROWS + ") as g(i)");
                System.out.println("committed " + v);
                System.out.flush();
            }
        }
    }

    static WirewrapEngine engine(Path dir) {
        EngineServices services = new EngineServices(dir);
        StatementHandlers handlers = new StatementHandlers();
        CatalogConfig cfg = new CatalogConfig(dir, null, null, null, "postgres", "pw",
                Map.of("WIREWRAP_MASTER_KEY", Harness.MASTER_KEY));
        CatalogModule.install(services, handlers, cfg, ForeignSources.fromClassPath());
        handlers.add(new QueryHandler());
        return new WirewrapEngine(services, handlers, new BootstrapRoleStore("postgres", "pw"));
    }

    static List<List<Object>> run(SqlSession session, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (PreparedQuery q : session.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), new ExecContext(new CancelToken(), n -> {}))) {
                if (r.kind() == QueryResult.Kind.ROWS) {
                    for (Object[] row; (row = r.next()) != null; ) rows.add(Arrays.asList(row));
                }
            }
        }
        return rows;
    }

    /**
     * What a killed process left: each store holds a prefix 1..k of the iterations, complete (old or new state,
     * nothing half-written), and since each iteration writes catalog, vault, then local table, the counts may
     * differ by at most the one iteration in flight.
     */
    record State(long local, long schemas, long secrets, long comment) {
        static State read(SqlSession s) {
            TreeSet<Long> schemas = new TreeSet<>();
            for (List<Object> r : run(s, "select nspname from pg_catalog.pg_namespace where nspname ~ '^s[0-9]+$'")) {
                schemas.add(Long.parseLong(r.get(0).toString().substring(1)));
            }
            TreeSet<Long> secrets = new TreeSet<>();
            for (List<Object> r : run(s, "select name, decrypted_secret from vault.decrypted_secrets where name like 'crash_%'")) {
                long v = Long.parseLong(r.get(0).toString().substring(6));
                if (!("sk_test_crash_" + v).equals(r.get(1))) throw new IllegalStateException("secret crash_" + v + " decrypts to something else");
                secrets.add(v);
            }
            TreeMap<Long, Long> groups = new TreeMap<>();
            for (List<Object> r : run(s, "select v, count(*), count(distinct i) from crash_rows group by v")) {
                long v = ((Number) r.get(0)).longValue();
                long n = ((Number) r.get(1)).longValue();
                if (n != ROWS || ((Number) r.get(2)).longValue() != ROWS) throw new IllegalStateException("local group " + v + " has " + n + " rows");
                groups.put(v, n);
            }
            List<List<Object>> comment = run(s, "select d.description from pg_catalog.pg_description d "
                    + "join pg_catalog.pg_namespace n on n.oid = d.objoid where n.nspname = 'public'");
            Object text = comment.isEmpty() ? null : comment.get(0).get(0);
            long c = text == null ? 0 : Long.parseLong(text.toString().split(" ")[1]);
            long p = prefix("local rows", new TreeSet<>(groups.keySet()));
            long n = prefix("schemas", schemas);
            long m = prefix("secrets", secrets);
            if (!(p <= m && m <= n && n <= p + 1)) throw new IllegalStateException("stores out of step: local " + p + ", secrets " + m + ", schemas " + n);
            if (!(c == n || c == n - 1 || n == 0)) throw new IllegalStateException("comment says version " + c + " with " + n + " schemas");
            return new State(p, n, m, c);
        }

        private static long prefix(String what, java.util.SortedSet<Long> vs) {
            if (vs.isEmpty()) return 0;
            if (vs.first() != 1 || vs.last() != vs.size()) throw new IllegalStateException(what + " are not 1.." + vs.size() + ": " + vs.first() + ".." + vs.last());
            return vs.last();
        }
    }
}
