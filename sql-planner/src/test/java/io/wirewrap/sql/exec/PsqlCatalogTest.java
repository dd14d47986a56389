package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.session.SystemRelations;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog queries psql (\dn, \dt, \dE, \d, \des+, \det+, \deu+, \dew, \dx, \l, \du) and pgjdbc's
 * DatabaseMetaData send, run against wirewrap over a snapshot of a real PostgreSQL 15 catalog: each must run
 * without error, and where both sides hold the same catalog the rows must be PostgreSQL's.
 */
class PsqlCatalogTest {
    @Test
    void psqlAndPgjdbcCatalogQueriesRunAndMatchPostgres() throws Exception {
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(15, "log_statement = 'all'", "TimeZone = 'UTC'"); Connection c = pg.connect()) {
            try (var st = c.createStatement()) {
                st.execute("create extension postgres_fdw");
                st.execute("create server stripe_server foreign data wrapper postgres_fdw options (host 'localhost')");
                st.execute("create user mapping for postgres server stripe_server options (user 'x')");
                st.execute("create schema stripe");
                st.execute("create foreign table stripe.customers (id text not null, email text, balance bigint, created timestamp, attrs jsonb) "
                        + "server stripe_server options (table_name 'customers')");
            }
            long oid;
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select 'stripe.customers'::regclass::oid")) {
                rs.next();
                oid = rs.getLong(1);
            }
            List<String> queries = new ArrayList<>();
            try (InputStream in = getClass().getResourceAsStream("/psql/queries.sql")) {
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!l.isBlank() && !l.startsWith("--")) queries.add(l.replace(":oid", Long.toString(oid)));
                }
            }
            queries.addAll(pgjdbcQueries(pg, c));

            Fixtures f = new Fixtures(10, 10);
            var snapshot = new PgSnapshotRelations(c);
            f.services.register(SystemRelations.class, snapshot);
            var session = new io.wirewrap.sql.session.SessionContext(
                    new io.wirewrap.sql.api.SessionInfo("postgres", "postgres", java.util.Map.of(), 1), true, f.services, new io.wirewrap.sql.session.Settings());
            int ran = 0;
            int matched = 0;
            List<String> errors = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            for (String q : queries) {
                List<List<String>> ours;
                try (QueryResult r = f.handler.prepare(q, new int[0], session).orElseThrow().execute(List.of(), Fixtures.ctx())) {
                    ours = drain(r);
                    ran++;
                } catch (Exception | AssertionError e) {
                    errors.add(q + "\n    " + e);
                    continue;
                }
                List<List<String>> theirs = new ArrayList<>();
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                        theirs.add(row);
                    }
                }
                if (theirs.equals(ours)) matched++;
                else mismatches.add(q.substring(0, Math.min(120, q.length())) + "\n    postgres " + theirs + "\n    wirewrap " + ours);
            }
            System.out.println("catalog queries: " + ran + " of " + queries.size() + " ran, " + matched + " returned PostgreSQL's rows");
            mismatches.forEach(m -> System.out.println("DIFFERENT " + m));
            errors.forEach(m -> System.out.println("ERROR " + m));
            assertTrue(errors.isEmpty(), errors.size() + " catalog queries failed:\n" + String.join("\n", errors));
        }
    }

    private static List<List<String>> drain(QueryResult r) {
        List<List<String>> out = new ArrayList<>();
        Object[] row;
        while ((row = r.next()) != null) {
            List<String> l = new ArrayList<>();
            for (Object v : row) l.add(DifferentialTest.text(v));
            out.add(l);
        }
        return out;
    }

    /** Runs DatabaseMetaData calls against PostgreSQL and reads the SQL they sent from its statement log. */
    private static List<String> pgjdbcQueries(ThrowawayPostgres pg, Connection c) throws Exception {
        var md = c.getMetaData();
        md.getSchemas().close();
        md.getTables(null, "stripe", "%", null).close();
        md.getColumns(null, "stripe", "customers", "%").close();
        md.getPrimaryKeys(null, "stripe", "customers").close();
        Thread.sleep(300);
        String log = pg.runAsOwner(List.of("cat", pg.dir().resolve("server.log").toString()), 30);
        List<String> out = new ArrayList<>();
        // statements appear as "LOG:  execute <unnamed>: SQL" (possibly multi-line) followed by "DETAIL:  parameters: $1 = '...'"
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf("execute <unnamed>: ");
            if (at < 0) at = lines[i].indexOf("statement: ");
            if (at < 0) continue;
            StringBuilder sql = new StringBuilder(lines[i].substring(lines[i].indexOf(": ", at) + 2));
            int j = i + 1;
            while (j < lines.length && !lines[j].matches("^\\d{4}-\\d\\d-\\d\\d .*")) sql.append(' ').append(lines[j++].strip());
            String s = sql.toString();
            if (j < lines.length && lines[j].contains("DETAIL:  parameters: ")) {
                String params = lines[j].substring(lines[j].indexOf("parameters: ") + 12);
                for (String p : params.split(", (?=\\$\\d+ = )")) {
                    int eq = p.indexOf(" = ");
                    s = s.replace(p.substring(0, eq) , p.substring(eq + 3));
                }
            }
            String lower = s.toLowerCase();
            if (lower.contains("pg_catalog") && (lower.contains("pg_class") || lower.contains("pg_namespace")) && !lower.startsWith("create")) out.add(s);
        }
        return out;
    }
}
