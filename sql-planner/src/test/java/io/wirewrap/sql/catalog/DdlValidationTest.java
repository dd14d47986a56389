package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.SessionContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL errors carry PostgreSQL's SQLSTATEs, and a failed statement leaves the catalog exactly as it was. */
class DdlValidationTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir, List.of(new StrictTestSource()));
        h.exec("create foreign data wrapper test_wrapper handler test_fdw_handler validator test_fdw_validator");
        h.exec("create server s1 foreign data wrapper test_wrapper options (api_url 'http://localhost/')");
        h.exec("create schema app");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void assertState(String sqlState, String sql) {
        SqlError e = h.fails(sql);
        assertEquals(sqlState, e.sqlState(), e.getMessage());
    }

    @Test
    void wrapperErrors() {
        assertState("42883", "create foreign data wrapper w2 handler nobody_fdw_handler");
        assertState("42883", "create foreign data wrapper w2 handler test_fdw_handler validator nobody_fdw_validator");
        assertState("42710", "create foreign data wrapper test_wrapper handler test_fdw_handler");
        assertState("HV00D", "create foreign data wrapper w2 handler test_fdw_handler options (anything 'x')");
        assertState("42704", "drop foreign data wrapper nope");
        assertState("2BP01", "drop foreign data wrapper test_wrapper");
    }

    @Test
    void serverErrors() {
        assertState("42704", "create server s2 foreign data wrapper nope");
        assertState("42710", "create server s1 foreign data wrapper test_wrapper");
        assertState("HV00D", "create server s2 foreign data wrapper test_wrapper options (api_uri 'http://x/')");
        assertState("42710", "create server s2 foreign data wrapper test_wrapper options (api_url 'a', api_url 'b')");
        assertState("HV024", "create server s2 foreign data wrapper test_wrapper options (api_key_name 'no_such_secret')");
        assertState("42704", "alter server s1 options (set account 'x')");
        assertState("42710", "alter server s1 options (add api_url 'x')");
        assertState("42704", "alter server s1 options (drop api_key_id)");
        assertState("42704", "alter server nope options (add api_url 'x')");
        assertState("42704", "drop server nope");
        h.exec("create server if not exists s1 foreign data wrapper test_wrapper");
        assertTrue(h.notices.stream().anyMatch(n -> n.message().equals("server \"s1\" already exists, skipping")));
        assertEquals("DROP SERVER", h.exec("drop server if exists nope").tag());
    }

    @Test
    void foreignTableErrors() {
        assertState("3F000", "create foreign table nope.t (id text) server s1 options (object 'widgets')");
        assertState("42704", "create foreign table app.t (id text) server nope options (object 'widgets')");
        assertState("HV00J", "create foreign table app.t (id text) server s1");
        assertState("HV024", "create foreign table app.t (id text) server s1 options (object 'nonsense')");
        assertState("HV00D", "create foreign table app.t (id text) server s1 options (object 'widgets', colour 'red')");
        assertState("HV00D", "create foreign table app.t (id text options (nope 'x')) server s1 options (object 'widgets')");
        assertState("42704", "create foreign table app.t (id sometype) server s1 options (object 'widgets')");
        assertState("42701", "create foreign table app.t (id text, id text) server s1 options (object 'widgets')");
        assertState("HV005", "create foreign table app.t (id text) server s1 options (object 'widgets', rowid_column 'pk')");
        h.exec("create foreign table app.t (id text) server s1 options (object 'widgets')");
        assertState("42P07", "create foreign table app.t (id text) server s1 options (object 'widgets')");
        assertState("42703", "alter foreign table app.t drop column nope");
        assertState("42701", "alter foreign table app.t add column id text");
        assertState("42P01", "drop foreign table app.nope");
        assertState("2BP01", "drop server s1");
        assertState("2BP01", "drop schema app");
    }

    @Test
    void aFailingStatementChangesNothing() {
        CatalogSnapshot before = h.snapshot();
        // the first action is fine, the second fails: the first must not stick
        h.exec("create foreign table app.t (id text, size bigint) server s1 options (object 'widgets')");
        CatalogSnapshot withTable = h.snapshot();
        assertState("42703", "alter foreign table app.t add column colour text, drop column nope");
        assertEquals(withTable, h.snapshot());
        assertNull(h.snapshot().table("app", "t").orElseThrow().column("colour"));
        // a server with a clear api_key whose other option is invalid: no secret may be left behind
        assertState("HV00D", "create server s9 foreign data wrapper test_wrapper options (api_key 'sk_x', bogus 'y')");
        assertTrue(h.snapshot().secrets().isEmpty());
        assertNotEquals(before.version(), h.snapshot().version());
    }

    @Test
    void cascadeDropsDependents() {
        h.exec("create foreign table app.t (id text) server s1 options (object 'widgets')");
        h.exec("create user mapping for public server s1 options (api_url 'http://other/')");
        h.exec("comment on foreign table app.t is 'widgets'");
        assertEquals("DROP SERVER", h.exec("drop server s1 cascade").tag());
        assertTrue(h.snapshot().tables().isEmpty());
        assertTrue(h.snapshot().userMappings().isEmpty());
        assertTrue(h.snapshot().comments().isEmpty());
    }

    @Test
    void alterForeignTableKeepsAttnumsLikePostgres() {
        h.exec("create foreign table app.t (a text, b text, c text) server s1 options (object 'widgets')");
        assertEquals("ALTER FOREIGN TABLE", h.exec("alter foreign table app.t drop column b, add column d bigint").tag());
        var t = h.snapshot().table("app", "t").orElseThrow();
        assertEquals(List.of(1, 3, 4), t.columns().stream().map(c -> c.attnum()).toList());
        // pg_attribute keeps the dropped slot, as PostgreSQL does
        List<Object[]> attrs = h.rows("pg_catalog", "pg_attribute").stream().filter(r -> r[0].equals(t.oid())).toList();
        assertEquals(4, attrs.size());
        assertEquals(true, attrs.stream().filter(r -> ((Short) r[5]) == 2).findFirst().orElseThrow()[18]);
        h.exec("alter foreign table app.t options (set object 'gadgets')");
        assertEquals("gadgets", h.snapshot().table("app", "t").orElseThrow().options().get("object"));
        assertState("HV024", "alter foreign table app.t options (set object 'nonsense')");
    }

    @Test
    void privilegedStatementsNeedASuperuserLikeRole() {
        h.exec("create role analyst login password 'pw'");
        SessionContext analyst = h.session("analyst", false);
        assertEquals("42501", h.fails(analyst, "create foreign data wrapper w3 handler test_fdw_handler").sqlState());
        assertEquals("42501", h.fails(analyst, "create server s3 foreign data wrapper test_wrapper").sqlState());
        assertEquals("42501", h.fails(analyst, "create user mapping for analyst server s1").sqlState());
        assertEquals("42501", h.fails(analyst, "drop server s1").sqlState());
        assertEquals("42501", h.fails(analyst, "create role other").sqlState());
        assertEquals("42501", h.fails(analyst, "select vault.create_secret('x', 'y')").sqlState());
        // a role made superuser in the catalog counts as superuser-like even if the session flag says no
        h.exec("alter role analyst superuser");
        assertEquals("CREATE SERVER", h.exec(analyst, "create server s3 foreign data wrapper test_wrapper").tag());
    }

    @Test
    void rolesAndGrantsAreStoredWithScramVerifiers() {
        assertEquals("CREATE ROLE", h.exec("create user alice with password 'correct horse'").tag());
        var alice = h.snapshot().role("alice").orElseThrow();
        assertTrue(alice.login());
        assertTrue(alice.scramVerifier().startsWith("SCRAM-SHA-256$4096:"), alice.scramVerifier());
        assertTrue(Scram.matches("correct horse", alice.scramVerifier()));
        assertFalse(Scram.matches("wrong", alice.scramVerifier()));
        assertFalse(h.snapshot().toString().contains("correct horse"));
        assertTrue(h.module.roles().find("alice").isPresent());
        h.exec("create role nologin_role");
        assertTrue(h.module.roles().find("nologin_role").isEmpty(), "NOLOGIN roles cannot authenticate");
        assertEquals("GRANT", h.exec("grant usage on foreign server s1 to alice").tag());
        assertEquals("GRANT", h.exec("grant select on all tables in schema app to alice").tag());
        assertEquals(2, h.snapshot().grants().size());
        assertEquals("42704", h.fails("grant usage on foreign server s1 to nobody").sqlState());
        assertEquals("2BP01", h.fails("drop role alice").sqlState());
        assertEquals("REVOKE", h.exec("revoke usage on foreign server s1 from alice").tag());
        assertEquals("REVOKE", h.exec("revoke select on all tables in schema app from alice").tag());
        assertEquals("DROP ROLE", h.exec("drop role alice").tag());
        assertEquals("55006", h.fails("drop role postgres").sqlState());
    }

    @Test
    void importHonoursLimitToAndExcept() {
        h.exec("import foreign schema remote limit to (widgets, nothere) from server s1 into app");
        assertEquals(List.of("widgets"), h.snapshot().tables().stream().map(t -> t.name()).toList());
        h.exec("create schema other");
        h.exec("import foreign schema remote except (widgets) from server s1 into other");
        assertEquals(List.of("gadgets"), h.snapshot().tables().stream().filter(t -> t.schema().equals("other")).map(t -> t.name()).toList());
        assertEquals("3F000", h.fails("import foreign schema remote from server s1 into nope").sqlState());
    }
}
