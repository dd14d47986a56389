package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.sql.catalog.CatalogObjects.ForeignTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL a user copies from the Supabase wrappers Stripe page, run through the DDL handler against the real
 * Stripe source found on the class path, then found again after a restart.
 */
class WrappersDocTest {
    static final String API_KEY = "<Stripe API key>";
    /** Objects on the wrappers page that the Stripe source's registry lacks today (its spec has no endpoint). */
    static final List<String> KNOWN_SOURCE_GAPS = List.of("billing/meters");

    @TempDir
    Path dir;

    @Test
    void literalStripePageSqlCreatesEverythingAndSurvivesARestart() {
        ForeignSources sources = ForeignSources.fromClassPath();
        assumeTrue(sources.byHandler("stripe_fdw_handler").isPresent(), "stripe source not on the class path");
        List<String> tags = new ArrayList<>();
        List<String> sourceGaps = new ArrayList<>();
        String keyId = null;
        try (Harness h = new Harness(dir, sources.all())) {
            for (String sql : SqlScript.split(SqlScript.resource("stripe-wrappers-doc.sql"))) {
                if (keyId != null) sql = sql.replace("<key_id>", keyId);
                if (sql.contains("create foreign table stripe.subscriptions") && h.snapshot().table("stripe", "subscriptions").isPresent()) {
                    // the page's second subscriptions table (for inserts with sub-fields) collides with the first,
                    // as it would in PostgreSQL; the user drops the first and creates the variant
                    assertEquals("42P07", h.fails(sql).sqlState());
                    assertEquals("DROP FOREIGN TABLE", h.exec("drop foreign table stripe.subscriptions").tag());
                }
                Harness.Result r;
                try {
                    r = h.exec(sql);
                } catch (io.wirewrap.sql.api.SqlError e) {
                    // the only failure tolerated: an object the Stripe source's registry does not know yet (a
                    // stripe-source gap, reported), rejected by its validator exactly as DDL validation should
                    if (!e.sqlState().equals("HV024") || !KNOWN_SOURCE_GAPS.stream().anyMatch(o -> e.getMessage().contains("\"" + o + "\""))) throw e;
                    sourceGaps.add(e.getMessage());
                    continue;
                }
                tags.add(r.tag());
                if (r.tag().equals("SELECT 1")) keyId = r.rows().get(0)[0].toString();
            }
            assertNotNull(keyId);
            assertEquals("CREATE EXTENSION", tags.get(0));
            assertEquals("CREATE FOREIGN DATA WRAPPER", tags.get(1));
            assertEquals("SELECT 1", tags.get(2));
            assertEquals("CREATE SERVER", tags.get(3));
            assertEquals("CREATE SCHEMA", tags.get(4));
            assertEquals(25 - sourceGaps.size(), tags.stream().filter("CREATE FOREIGN TABLE"::equals).count());
            assertEquals(30 - sourceGaps.size(), tags.size());
            if (!sourceGaps.isEmpty()) System.err.println("stripe-source does not know yet: " + sourceGaps);
        }
        try (Harness h = new Harness(dir, sources.all())) { // a restart: everything comes back from disk
            CatalogSnapshot snap = h.snapshot();
            int expected = 24 - sourceGaps.size(); // 25 statements, 24 distinct tables (subscriptions twice)
            assertEquals(expected, snap.tables().size());
            assertTrue(snap.tables().stream().allMatch(t -> t.schema().equals("stripe") && t.server().equals("stripe_server")));
            ForeignTable customers = snap.table("stripe", "customers").orElseThrow();
            assertEquals(List.of("id", "email", "name", "description", "created", "attrs"),
                    customers.columns().stream().map(c -> c.name()).toList());
            assertTrue(snap.table("stripe", "subscriptions").orElseThrow().column("items[0][price]") != null);
            assertEquals("customers", customers.options().get("object"));
            assertEquals("id", customers.options().get("rowid_column"));
            assertEquals("checkout/sessions", snap.table("stripe", "checkout_sessions").orElseThrow().options().get("object"));
            assertEquals(keyId, snap.server("stripe_server").orElseThrow().options().get("api_key_id"));
            assertEquals("extensions", snap.extension("wrappers").orElseThrow().schema());
            assertEquals(UUID.fromString(keyId).toString(), snap.secretByName("stripe").orElseThrow().id());

            SourceOptions effective = h.module.vault().resolveOptions("stripe_server", "postgres");
            assertEquals(API_KEY, effective.values().get("api_key"));
            assertEquals("2024-06-20", effective.values().get("api_version"));
            assertFalse(effective.toString().contains(API_KEY), "SourceOptions.toString masks the key");

            // OIDs are stable across the restart, so pg_class and pg_attribute still join
            List<Object> relnames = h.column("pg_catalog", "pg_class", "relname");
            assertTrue(relnames.contains("customers"));
            long foreign = h.rows("pg_catalog", "pg_class").stream().filter(r -> "f".equals(r[16])).count();
            assertEquals(expected, foreign);
            long customerAttrs = h.rows("pg_catalog", "pg_attribute").stream().filter(r -> r[0].equals(customers.oid())).count();
            assertEquals(6, customerAttrs);
            assertEquals(expected, h.rows("information_schema", "foreign_tables").size());
        }
    }

    @Test
    void importForeignSchemaUsesTheStripeObjectListAndItsFilters() {
        ForeignSources sources = ForeignSources.fromClassPath();
        assumeTrue(sources.byHandler("stripe_fdw_handler").isPresent(), "stripe source not on the class path");
        try (Harness h = new Harness(dir, sources.all())) {
            h.exec("create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator");
            h.exec("create server stripe_server foreign data wrapper stripe_wrapper options (api_key 'sk_test_doc')");
            h.exec("create schema stripe");
            h.exec("create schema limited");
            h.exec("create schema excepted");
            assertEquals("IMPORT FOREIGN SCHEMA", h.exec("import foreign schema stripe from server stripe_server into stripe").tag());
            int all = (int) h.snapshot().tables().stream().filter(t -> t.schema().equals("stripe")).count();
            assertTrue(all >= 23, "every object Stripe knows, at least the wrappers tables: " + all);
            h.exec("import foreign schema stripe\n   limit to (\"checkout_sessions\", \"customers\", \"balance\")\n   from server stripe_server into limited;");
            assertEquals(List.of("balance", "checkout_sessions", "customers"), h.snapshot().tables().stream()
                    .filter(t -> t.schema().equals("limited")).map(ForeignTable::name).sorted().toList());
            h.exec("import foreign schema stripe\n   except (\"checkout_sessions\", \"billing_meters\")\n   from server stripe_server into excepted;");
            List<String> excepted = h.snapshot().tables().stream().filter(t -> t.schema().equals("excepted")).map(ForeignTable::name).toList();
            assertFalse(excepted.contains("checkout_sessions"));
            assertTrue(excepted.contains("customers"));
            assertEquals("42P07", h.fails("import foreign schema stripe limit to (customers) from server stripe_server into limited").sqlState());
        }
    }
}
