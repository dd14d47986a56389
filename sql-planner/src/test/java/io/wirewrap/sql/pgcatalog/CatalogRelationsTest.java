package io.wirewrap.sql.pgcatalog;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.catalog.Harness;
import io.wirewrap.sql.catalog.StrictTestSource;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRelationsTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir, List.of(new StrictTestSource()));
        h.exec("create extension wrappers with schema extensions");
        h.exec("create foreign data wrapper test_wrapper handler test_fdw_handler validator test_fdw_validator");
        h.exec("create server s1 type 'test' version '1' foreign data wrapper test_wrapper options (api_key 'sk_pg_catalog_secret', api_url 'http://localhost/')");
        h.exec("create schema app");
        h.exec("create foreign table app.widgets (id text not null, name varchar(40), price numeric(10,2), seen timestamptz, attrs jsonb) "
                + "server s1 options (object 'widgets', rowid_column 'id')");
        h.exec("comment on foreign table app.widgets is 'Widgets from the test source'");
        h.exec("comment on column app.widgets.price is 'in cents'");
        h.exec("create role analyst login password 'pw'");
        h.exec("create user mapping for analyst server s1 options (api_key 'sk_analyst_secret')");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private SystemRelations.Relation rel(String schema, String name) {
        return h.module.relations().find(schema, name).orElseThrow(() -> new AssertionError(schema + "." + name));
    }

    private Map<String, Object> row(String schema, String name, SessionContext s, java.util.function.Predicate<Map<String, Object>> which) {
        SystemRelations.Relation r = rel(schema, name);
        for (Object[] values : r.rows(s)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) m.put(r.columns().get(i).name(), values[i]);
            if (which.test(m)) return m;
        }
        throw new AssertionError("no matching row in " + name);
    }

    @Test
    void everyRelationProducesWellFormedRowsForEverySession() {
        for (String name : h.module.relations().names()) {
            int dot = name.indexOf('.');
            SystemRelations.Relation r = rel(name.substring(0, dot), name.substring(dot + 1));
            assertFalse(r.columns().isEmpty(), name);
            r.rows(h.superuser()); // rows are checked against the column count
            if (!name.equals("vault.decrypted_secrets")) r.rows(h.session("analyst", false));
        }
        assertTrue(h.module.relations().find("pg_catalog", "pg_nothing").isEmpty());
    }

    @Test
    void columnsAreNamedAndTypedAsPostgres15() {
        assertEquals(List.of("oid", "relname", "relnamespace", "reltype", "reloftype", "relowner", "relam", "relfilenode",
                "reltablespace", "relpages", "reltuples", "relallvisible", "reltoastrelid", "relhasindex", "relisshared",
                "relpersistence", "relkind", "relnatts", "relchecks", "relhasrules", "relhastriggers", "relhassubclass",
                "relrowsecurity", "relforcerowsecurity", "relispopulated", "relreplident", "relispartition", "relrewrite",
                "relfrozenxid", "relminmxid", "relacl", "reloptions", "relpartbound"),
                rel("pg_catalog", "pg_class").columns().stream().map(ResultColumn::name).toList());
        Map<String, Integer> types = new java.util.HashMap<>();
        for (ResultColumn c : rel("pg_catalog", "pg_class").columns()) types.put(c.name(), c.typeOid());
        assertEquals(26, types.get("oid"));
        assertEquals(19, types.get("relname"));
        assertEquals(18, types.get("relkind"));
        assertEquals(1034, types.get("relacl"));
        assertEquals(1009, types.get("reloptions"));
        assertEquals(List.of(26, 26, 1009), rel("pg_catalog", "pg_foreign_table").columns().stream().map(ResultColumn::typeOid).toList());
        assertEquals(24, rel("pg_catalog", "pg_type").columns().stream().filter(c -> c.name().equals("typinput")).findFirst().orElseThrow().typeOid());
    }

    @Test
    void foreignTablesAppearInPgClassAttributeAndForeignTable() {
        var t = h.snapshot().table("app", "widgets").orElseThrow();
        Map<String, Object> cls = row("pg_catalog", "pg_class", h.superuser(), m -> m.get("relname").equals("widgets"));
        assertEquals(t.oid(), cls.get("oid"));
        assertEquals("f", cls.get("relkind"));
        assertEquals((short) 5, cls.get("relnatts"));
        Map<String, Object> ns = row("pg_catalog", "pg_namespace", h.superuser(), m -> m.get("oid").equals(cls.get("relnamespace")));
        assertEquals("app", ns.get("nspname"));
        Map<String, Object> price = row("pg_catalog", "pg_attribute", h.superuser(),
                m -> m.get("attrelid").equals(t.oid()) && m.get("attname").equals("price"));
        assertEquals(1700, price.get("atttypid"));
        assertEquals((short) 3, price.get("attnum"));
        assertEquals("numeric(10,2)", PgFunctions.formatType(1700, (Integer) price.get("atttypmod")));
        Map<String, Object> id = row("pg_catalog", "pg_attribute", h.superuser(), m -> m.get("attrelid").equals(t.oid()) && m.get("attname").equals("id"));
        assertEquals(true, id.get("attnotnull"));
        Map<String, Object> name = row("pg_catalog", "pg_attribute", h.superuser(), m -> m.get("attrelid").equals(t.oid()) && m.get("attname").equals("name"));
        assertEquals("character varying(40)", PgFunctions.formatType(1043, (Integer) name.get("atttypmod")));
        Map<String, Object> ft = row("pg_catalog", "pg_foreign_table", h.superuser(), m -> m.get("ftrelid").equals(t.oid()));
        assertEquals("{object=widgets,rowid_column=id}", ft.get("ftoptions"));
        Map<String, Object> srv = row("pg_catalog", "pg_foreign_server", h.superuser(), m -> m.get("oid").equals(ft.get("ftserver")));
        assertEquals("s1", srv.get("srvname"));
        assertEquals("test", srv.get("srvtype"));
        Map<String, Object> fdw = row("pg_catalog", "pg_foreign_data_wrapper", h.superuser(), m -> m.get("oid").equals(srv.get("srvfdw")));
        Map<String, Object> handler = row("pg_catalog", "pg_proc", h.superuser(), m -> m.get("oid").equals(fdw.get("fdwhandler")));
        assertEquals("test_fdw_handler", handler.get("proname"));
        assertEquals(3115, handler.get("prorettype"));
        assertEquals(Optional.of("fdw_handler"), h.module.relations().functionResult((Integer) handler.get("oid")));
        Map<String, Object> create = row("pg_catalog", "pg_proc", h.superuser(), m -> m.get("proname").equals("create_secret"));
        assertEquals(Optional.of("new_secret text, new_name text, new_description text, new_key_id uuid"),
                h.module.relations().functionArguments((Integer) create.get("oid")));
        assertEquals(Optional.of("uuid"), h.module.relations().functionResult((Integer) create.get("oid")));
        Map<String, Object> desc = row("pg_catalog", "pg_description", h.superuser(),
                m -> m.get("objoid").equals(t.oid()) && m.get("objsubid").equals(3));
        assertEquals("in cents", desc.get("description"));
        assertEquals(1259, desc.get("classoid"));
        assertEquals("Widgets from the test source", PgFunctions.objDescription(h.snapshot(), t.oid(), "pg_class"));
    }

    @Test
    void optionsShowVaultReferencesNeverKeys() {
        Map<String, Object> srv = row("pg_catalog", "pg_foreign_server", h.superuser(), m -> m.get("srvname").equals("s1"));
        String options = (String) srv.get("srvoptions");
        assertTrue(options.startsWith("{api_key_id="), options);
        assertTrue(options.contains("api_url=http://localhost/"));
        for (String name : h.module.relations().names()) {
            if (name.equals("vault.decrypted_secrets")) continue;
            int dot = name.indexOf('.');
            for (Object[] r : rel(name.substring(0, dot), name.substring(dot + 1)).rows(h.superuser())) {
                String text = Arrays.deepToString(r);
                assertFalse(text.contains("sk_pg_catalog_secret") || text.contains("sk_analyst_secret"), name + ": " + text);
            }
        }
        // pg_user_mappings hides options from other non-privileged users, like PostgreSQL
        h.exec("create role other login");
        Map<String, Object> asOther = row("pg_catalog", "pg_user_mappings", h.session("other", false), m -> m.get("usename").equals("analyst"));
        assertNull(asOther.get("umoptions"));
        Map<String, Object> asAnalyst = row("pg_catalog", "pg_user_mappings", h.session("analyst", false), m -> m.get("usename").equals("analyst"));
        assertNotNull(asAnalyst.get("umoptions"));
    }

    @Test
    void rolesNeverShowPasswordsOrVerifiers() {
        Map<String, Object> analyst = row("pg_catalog", "pg_roles", h.superuser(), m -> m.get("rolname").equals("analyst"));
        assertEquals("********", analyst.get("rolpassword"));
        assertEquals(true, analyst.get("rolcanlogin"));
        assertEquals(false, analyst.get("rolsuper"));
        Map<String, Object> authid = row("pg_catalog", "pg_authid", h.superuser(), m -> m.get("rolname").equals("analyst"));
        assertNull(authid.get("rolpassword"));
        Map<String, Object> postgres = row("pg_catalog", "pg_roles", h.superuser(), m -> m.get("rolname").equals("postgres"));
        assertEquals(10, postgres.get("oid"));
        assertEquals(true, postgres.get("rolsuper"));
        for (Object[] r : rel("pg_catalog", "pg_user").rows(h.superuser())) assertFalse(Arrays.toString(r).contains("SCRAM"));
    }

    @Test
    void informationSchemaFollowsPrivileges() {
        SessionContext analyst = h.session("analyst", false);
        assertTrue(rel("information_schema", "tables").rows(analyst).isEmpty(), "no privilege, no row");
        assertEquals(1, rel("information_schema", "tables").rows(h.superuser()).stream().filter(r -> r[2].equals("widgets")).count());
        h.exec("grant select on app.widgets to analyst");
        Map<String, Object> t = row("information_schema", "tables", analyst, m -> m.get("table_name").equals("widgets"));
        assertEquals("FOREIGN", t.get("table_type"));
        Map<String, Object> price = row("information_schema", "columns", analyst, m -> m.get("column_name").equals("price"));
        assertEquals("numeric", price.get("data_type"));
        assertEquals(10, price.get("numeric_precision"));
        assertEquals(2, price.get("numeric_scale"));
        assertEquals("numeric", price.get("udt_name"));
        Map<String, Object> id = row("information_schema", "columns", analyst, m -> m.get("column_name").equals("id"));
        assertEquals("NO", id.get("is_nullable"));
        assertEquals(1, id.get("ordinal_position"));
        Map<String, Object> name = row("information_schema", "columns", analyst, m -> m.get("column_name").equals("name"));
        assertEquals("character varying", name.get("data_type"));
        assertEquals(40, name.get("character_maximum_length"));
        Map<String, Object> cls = row("pg_catalog", "pg_class", h.superuser(), m -> m.get("relname").equals("widgets"));
        assertEquals("{postgres=arwdDxt/postgres,analyst=r/postgres}", cls.get("relacl"));
        Map<String, Object> opt = row("information_schema", "foreign_table_options", analyst, m -> m.get("option_name").equals("object"));
        assertEquals("widgets", opt.get("option_value"));
    }

    @Test
    void pgTypeCoversEveryColumnTypeAndFormatsLikePostgres() {
        List<Object> oids = h.column("pg_catalog", "pg_type", "oid");
        for (ColumnType t : ColumnType.values()) assertTrue(oids.contains(t.oid()), t.name());
        assertTrue(oids.contains(1009) && oids.contains(1034) && oids.contains(2277) && oids.contains(3115));
        assertEquals("text[]", PgFunctions.formatType(1009, -1));
        assertEquals("timestamp(3) with time zone", PgFunctions.formatType(1184, 3));
        assertEquals("timestamp without time zone", PgFunctions.formatType(1114, -1));
        assertEquals("\"char\"", PgFunctions.formatType(18, -1));
        assertEquals("bigint", PgFunctions.formatType(20, -1));
        assertEquals("???", PgFunctions.formatType(999999, -1));
        for (ColumnType t : ColumnType.values()) assertEquals(t.sqlName(), PgFunctions.formatType(t.oid(), -1), t.name());
        Optional<PgTypes.Type> textArray = PgTypes.byOid(1009);
        assertEquals(25, textArray.orElseThrow().elem());
    }

    @Test
    void versionChangesWithEveryCatalogChangeSoCachedRowsAreNeverStale() {
        long v = h.module.relations().version();
        assertEquals(h.snapshot().version(), v);
        h.exec("select vault.create_secret('sk_v', 'versioned')");
        long v2 = h.module.relations().version();
        assertTrue(v2 > v);
        h.exec("comment on schema app is 'x'");
        assertTrue(h.module.relations().version() > v2);
    }

    @Test
    void settingsDatabaseAndVaultViewsAreListed() {
        Map<String, Object> sp = row("pg_catalog", "pg_settings", h.superuser(), m -> m.get("name").equals("search_path"));
        assertEquals("\"$user\", public", sp.get("setting"));
        assertEquals("postgres", row("pg_catalog", "pg_database", h.superuser(), m -> true).get("datname"));
        assertEquals("v", row("pg_catalog", "pg_class", h.superuser(), m -> m.get("relname").equals("decrypted_secrets")).get("relkind"));
        Map<String, Object> ext = row("pg_catalog", "pg_extension", h.superuser(), m -> m.get("extname").equals("wrappers"));
        Map<String, Object> ns = row("pg_catalog", "pg_namespace", h.superuser(), m -> m.get("oid").equals(ext.get("extnamespace")));
        assertEquals("extensions", ns.get("nspname"));
    }
}
