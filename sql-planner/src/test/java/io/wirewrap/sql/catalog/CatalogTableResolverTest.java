package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.session.SessionContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query engine's view of the catalog: names resolve by schema or search_path, opened with the user's key. */
class CatalogTableResolverTest {
    @TempDir
    Path dir;

    @Test
    void resolvesBySchemaOrSearchPathWithTheUsersOptions() {
        StrictTestSource source = new StrictTestSource();
        try (Harness h = new Harness(dir, List.of(source))) {
            h.exec("create foreign data wrapper w handler test_fdw_handler validator test_fdw_validator");
            h.exec("create server s foreign data wrapper w options (api_key 'sk_server_key', api_url 'http://x/')");
            h.exec("create schema app");
            h.exec("create foreign table app.widgets (id text not null, size bigint) server s options (object 'widgets', rowid_column 'id')");
            h.exec("create role bob login");
            h.exec("create user mapping for bob server s options (api_key 'sk_bob_key')");
            CatalogTableResolver resolver = h.module.resolver();

            ResolvedForeignTable t = resolver.resolve("app", "widgets", h.superuser()).orElseThrow();
            assertEquals(h.snapshot().table("app", "widgets").orElseThrow().oid(), t.tableOid());
            assertEquals("app.widgets", t.qualifiedName());
            assertEquals(List.of("id", "size"), t.definition().columns().stream().map(c -> c.name()).toList());
            assertTrue(t.definition().columns().get(0).notNull());
            var opened = (StrictTestSource.Opened) t.table();
            assertEquals("sk_server_key", opened.options().values().get("api_key"));
            assertEquals("http://x/", opened.options().values().get("api_url"));

            // unqualified: the search path decides
            assertTrue(resolver.resolve(null, "widgets", h.superuser()).isEmpty(), "app is not on the default search_path");
            SessionContext withApp = h.superuser();
            withApp.settings().set("search_path", "app, public");
            assertEquals(t.tableOid(), resolver.resolve(null, "widgets", withApp).orElseThrow().tableOid());
            assertTrue(resolver.resolve("app", "nothing", h.superuser()).isEmpty());

            // bob needs a privilege on the table, as in PostgreSQL
            var denied = assertThrows(io.wirewrap.sql.api.SqlError.class, () -> resolver.resolve("app", "widgets", h.session("bob", false)));
            assertEquals("42501", denied.sqlState());
            h.exec("grant select on foreign table app.widgets to bob");
            assertTrue(Privileges.onTable(h.snapshot(), "bob", false, h.snapshot().table("app", "widgets").orElseThrow(), "select"));
            assertFalse(Privileges.onTable(h.snapshot(), "bob", false, h.snapshot().table("app", "widgets").orElseThrow(), "insert"));
            // bob's mapping gives bob his own key
            var bobs = (StrictTestSource.Opened) resolver.resolve("app", "widgets", h.session("bob", false)).orElseThrow().table();
            assertEquals("sk_bob_key", bobs.options().values().get("api_key"));

            // opened once per definition and options; a change opens afresh
            int opens = source.opens.get();
            resolver.resolve("app", "widgets", h.superuser());
            assertEquals(opens, source.opens.get());
            h.exec("alter foreign table app.widgets add column colour text");
            var changed = resolver.resolve("app", "widgets", h.superuser()).orElseThrow();
            assertEquals(opens + 1, source.opens.get());
            assertEquals(3, changed.definition().columns().size());
        }
    }
}
