package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.api.SqlSession;
import io.wirewrap.sql.exec.QueryHandler;
import io.wirewrap.sql.session.BootstrapRoleStore;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.WirewrapEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog inside the real engine: the session splits the Stripe page script, the DDL handler takes the
 * DDL and vault statements, and the query engine answers SELECTs over vault.secrets and pg_catalog from the
 * catalog's system relations.
 */
class EngineEndToEndTest {
    @TempDir
    Path dir;

    private static WirewrapEngine engine(Path dir) {
        EngineServices services = new EngineServices(dir);
        StatementHandlers handlers = new StatementHandlers();
        CatalogConfig cfg = new CatalogConfig(dir, null, null, null, "postgres", "pw",
                Map.of("WIREWRAP_MASTER_KEY", Harness.MASTER_KEY));
        CatalogModule.install(services, handlers, cfg, ForeignSources.fromClassPath());
        handlers.add(new QueryHandler());
        return new WirewrapEngine(services, handlers, new BootstrapRoleStore("postgres", "pw"));
    }

    private static List<List<Object>> run(SqlSession session, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (PreparedQuery q : session.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), new ExecContext(new CancelToken(), n -> {}))) {
                if (r.kind() == QueryResult.Kind.ROWS) {
                    for (Object[] row; (row = r.next()) != null; ) rows.add(java.util.Arrays.asList(row));
                }
            }
        }
        return rows;
    }

    @Test
    void stripePageScriptThroughTheEngineThenQueriedThroughPgCatalog() {
        assumeTrue(ForeignSources.fromClassPath().byHandler("stripe_fdw_handler").isPresent(), "stripe source not on the class path");
        String script = SqlScript.resource("stripe-wrappers-doc.sql");
        // the server statement needs the id the vault hands out, so the script runs in two parts
        int server = script.indexOf("create server stripe_server");
        String key;
        try (WirewrapEngine engine = engine(dir); SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), 1))) {
            key = run(s, script.substring(0, server)).get(0).get(0).toString();
            assertEquals(key, run(s, "select id as key_id from vault.secrets where name = 'stripe'").get(0).get(0).toString());
            String rest = script.substring(server).replace("<key_id>", key);
            // billing/meters is not in the Stripe source's registry yet and the second subscriptions table
            // collides with the first (as in PostgreSQL): run statement by statement and keep going
            for (PreparedQuery q : s.prepareAll(rest)) {
                try (QueryResult r = q.execute(List.of(), new ExecContext(new CancelToken(), n -> {}))) {
                    r.commandTag();
                } catch (SqlError e) {
                    assertTrue(e.sqlState().equals("HV024") || e.sqlState().equals("42P07"), e.sqlState() + " " + e.getMessage());
                    s.markFailed();
                }
            }
        }
        try (WirewrapEngine engine = engine(dir); SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), 2))) {
            List<List<Object>> tables = run(s, "select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n "
                    + "on n.oid = c.relnamespace where n.nspname = 'stripe' and c.relkind = 'f' order by 1");
            assertTrue(tables.size() >= 23, "tables: " + tables);
            assertEquals("accounts", tables.get(0).get(0));
            List<List<Object>> options = run(s, "select srvname, array_to_string(srvoptions, ',') from pg_catalog.pg_foreign_server");
            assertEquals("stripe_server", options.get(0).get(0));
            assertTrue(options.get(0).get(1).toString().contains("api_key_id=" + key), options.toString());
            List<List<Object>> cols = run(s, "select a.attname from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid "
                    + "where c.relname = 'customers' and a.attnum > 0 and not a.attisdropped order by a.attnum");
            assertEquals(List.of("id", "email", "name", "description", "created", "attrs"), cols.stream().map(r -> r.get(0)).toList());
            assertEquals("<Stripe API key>", run(s, "select decrypted_secret from vault.decrypted_secrets where name = 'stripe'").get(0).get(0));
        }
    }

    @Test
    void psqlDescribeQueriesSeeTheCatalog() {
        assumeTrue(ForeignSources.fromClassPath().byHandler("stripe_fdw_handler").isPresent(), "stripe source not on the class path");
        try (WirewrapEngine engine = engine(dir); SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), 3))) {
            run(s, "create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator;"
                    + "create server stripe_server foreign data wrapper stripe_wrapper options (api_key 'sk_test_psql_describe');"
                    + "create schema stripe;"
                    + "create foreign table stripe.customers (id text not null, email text, created timestamp, attrs jsonb) "
                    + "server stripe_server options (object 'customers', rowid_column 'id');");
            String oid = run(s, "select c.oid from pg_catalog.pg_class c where c.relname = 'customers'").get(0).get(0).toString();
            List<List<List<Object>>> results = new ArrayList<>();
            for (String q : SqlScript.resource("psql15-describe.sql").split("(?m)^-- next$")) {
                if (q.replaceAll("(?m)^--.*$", "").isBlank()) continue;
                results.add(run(s, q.replace("@OID@", oid)));
            }
            List<Object> server = results.get(0).get(0); // \des+
            assertEquals(List.of("stripe_server", "postgres", "stripe_wrapper"), server.subList(0, 3));
            assertTrue(server.get(6).toString().startsWith("(api_key_id '"), server.toString());
            assertFalse(results.toString().contains("sk_test_psql_describe"));
            List<List<Object>> columns = results.get(1); // \d stripe.customers
            assertEquals(List.of("id", "email", "created", "attrs"), columns.stream().map(r -> r.get(0)).toList());
            assertEquals(List.of("text", "text", "timestamp without time zone", "jsonb"), columns.stream().map(r -> r.get(1)).toList());
            assertEquals(true, columns.get(0).get(3));
            assertEquals(List.of("stripe_server", "object 'customers', rowid_column 'id'"), results.get(2).get(0));
            List<Object> wrapper = results.get(3).get(0); // \dew+
            assertEquals("stripe_wrapper", wrapper.get(0));
            assertEquals("stripe_fdw_handler", String.valueOf(wrapper.get(2)));
            assertEquals("stripe_fdw_validator", String.valueOf(wrapper.get(3)));
        }
    }
}
