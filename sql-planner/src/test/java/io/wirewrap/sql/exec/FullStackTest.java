package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlSession;
import io.wirewrap.sql.catalog.CatalogConfig;
import io.wirewrap.sql.catalog.CatalogModule;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.WirewrapEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything below the wire protocol together: session handlers, the real catalog (DDL, catalog views), the
 * query handler, the Stripe source and the emulator. Runs the Supabase wrappers quick-start and psql's catalog
 * queries against the catalog's own pg_catalog views.
 */
class FullStackTest {
    private static List<List<Object>> run(SqlSession s, String sql) {
        List<List<Object>> out = new ArrayList<>();
        for (PreparedQuery q : s.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), Fixtures.ctx())) {
                if (r.kind() != QueryResult.Kind.ROWS) continue;
                for (Object[] row = r.next(); row != null; row = r.next()) out.add(java.util.Arrays.asList(row));
            }
        }
        return out;
    }

    @Test
    void wrappersQuickStartAndPsqlDescribeCommands() throws Exception {
        Path dir = Files.createTempDirectory("ww-fullstack");
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(60)))) {
            var services = new EngineServices(dir);
            var handlers = new StatementHandlers();
            var cfg = new CatalogConfig(dir, null, null, null, "postgres", "pw", Map.of());
            var module = CatalogModule.install(services, handlers, cfg);
            handlers.add(new QueryHandler());
            try (var engine = new WirewrapEngine(services, handlers, module.roles());
                 SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), 9))) {
                run(s, "create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator");
                run(s, "create server stripe_server foreign data wrapper stripe_wrapper options (api_key '" + emu.apiKey()
                        + "', api_url '" + emu.baseUrl() + "', rate_limit '1000')");
                run(s, "create schema stripe");
                run(s, "create foreign table stripe.customers (id text, email text, name text, description text, created timestamp, attrs jsonb) "
                        + "server stripe_server options (object 'customers', rowid_column 'id')");
                assertEquals(60L, run(s, "select count(*) from stripe.customers").get(0).get(0));
                String id = (String) run(s, "select id from stripe.customers order by id limit 1").get(0).get(0);
                assertEquals(id, run(s, "select id from stripe.customers where id = '" + id + "'").get(0).get(0));

                long oid = ((Number) run(s, "select 'stripe.customers'::regclass::oid").get(0).get(0)).longValue();
                List<String> failures = new ArrayList<>();
                int ran = 0;
                try (InputStream in = getClass().getResourceAsStream("/psql/queries.sql")) {
                    for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (l.isBlank() || l.startsWith("--")) continue;
                        try {
                            run(s, l.replace(":oid", Long.toString(oid)));
                            ran++;
                        } catch (RuntimeException e) {
                            failures.add(l.substring(0, Math.min(100, l.length())) + " -> " + e.getMessage());
                        }
                    }
                }
                System.out.println("psql describe queries on the real catalog: " + ran + " ran, " + failures.size() + " failed");
                failures.forEach(x -> System.out.println("FAILED " + x));
                List<List<Object>> tables = run(s, "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('f','') AND n.nspname OPERATOR(pg_catalog.~) '^(stripe)$' COLLATE pg_catalog.default ORDER BY 1,2");
                assertEquals(List.of(List.of("stripe", "customers")), tables);
                // what BI tools ask: information_schema, with the foreign table's columns in order and types
                assertEquals(List.of(List.of("customers", "FOREIGN")),
                        run(s, "select table_name, table_type from information_schema.tables where table_schema = 'stripe'"));
                assertEquals(List.of(List.of("id", "text"), List.of("email", "text"), List.of("name", "text"), List.of("description", "text"),
                                List.of("created", "timestamp without time zone"), List.of("attrs", "jsonb")),
                        run(s, "select column_name, data_type from information_schema.columns where table_schema = 'stripe' "
                                + "and table_name = 'customers' order by ordinal_position"));
                // a join between the catalog and a foreign table in one statement
                assertEquals(60L, run(s, "select count(*) from stripe.customers c, pg_catalog.pg_namespace n where n.nspname = 'stripe'").get(0).get(0));
                assertTrue(failures.isEmpty(), String.join("\n", failures));

                // what a PostgreSQL 15 postgres_fdw sends (captured from its statement log): IMPORT FOREIGN SCHEMA,
                // use_remote_estimate, ANALYZE, direct-modify UPDATE
                run(s, "SET search_path = pg_catalog; SET timezone = 'UTC'; SET datestyle = ISO; SET intervalstyle = postgres; SET extra_float_digits = 3");
                run(s, "START TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                assertEquals(1, run(s, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'stripe'").size());
                List<List<Object>> imported = run(s, "SELECT relname,   attname,   format_type(atttypid, atttypmod),   attnotnull,   pg_get_expr(adbin, adrelid),   attgenerated,   collname,   collnsp.nspname FROM pg_class c   JOIN pg_namespace n ON     relnamespace = n.oid   LEFT JOIN pg_attribute a ON     attrelid = c.oid AND attnum > 0       AND NOT attisdropped   LEFT JOIN pg_attrdef ad ON     adrelid = c.oid AND adnum = attnum   LEFT JOIN pg_collation coll ON     coll.oid = attcollation   LEFT JOIN pg_namespace collnsp ON     collnsp.oid = collnamespace WHERE c.relkind IN ('r','v','f','m','p')   AND n.nspname = 'stripe' ORDER BY c.relname, a.attnum");
                assertEquals(List.of("customers", "id", "text"), imported.get(0).subList(0, 3));
                assertEquals(List.of("customers", "attrs", "jsonb"), imported.get(5).subList(0, 3));
                run(s, "COMMIT TRANSACTION");
                assertEquals(0L, ((Number) run(s, "SELECT pg_catalog.pg_relation_size('stripe.customers'::pg_catalog.regclass) / 8192").get(0).get(0)).longValue());
                assertTrue(((String) run(s, "EXPLAIN SELECT id, email, ctid FROM stripe.customers WHERE ((id = '" + id + "')) FOR UPDATE").get(0).get(0)).contains("(cost="));
                assertTrue(((String) run(s, "EXPLAIN SELECT NULL FROM stripe.customers").get(0).get(0)).contains("rows="));
                run(s, "UPDATE stripe.customers SET name = 'Renamed'::text WHERE ((id = '" + id + "'))");
                assertEquals("Renamed", run(s, "SELECT name FROM stripe.customers WHERE ((id = '" + id + "'))").get(0).get(0));
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
