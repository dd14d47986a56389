package io.wirewrap.sql.catalog;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.testkit.ThrowawayPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared mode: two engine instances on one PostgreSQL-held catalog see each other's DDL on their next statement. */
class SharedCatalogTest {
    static ThrowawayPostgres pg;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @BeforeAll
    static void start() {
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        pg = ThrowawayPostgres.start(15);
    }

    @AfterAll
    static void stop() {
        if (pg != null) pg.close();
    }

    private Harness instance(Path dir, String database) {
        return new Harness(dir, List.of(new StrictTestSource()), java.util.Map.of("WIREWRAP_MASTER_KEY", Harness.MASTER_KEY),
                pg.jdbcUrl(database));
    }

    private static void createDatabase(String name) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
    }

    @Test
    void ddlOnOneInstanceIsVisibleToTheOthersNextStatement() throws Exception {
        createDatabase("shared_a");
        try (Harness a = instance(dirA, "shared_a"); Harness b = instance(dirB, "shared_a")) {
            a.exec("create foreign data wrapper w handler test_fdw_handler validator test_fdw_validator");
            a.exec("create server s foreign data wrapper w options (api_key 'sk_shared_secret')");
            a.exec("create schema app");
            a.exec("create foreign table app.widgets (id text, size bigint) server s options (object 'widgets')");
            // b's next statement refreshes: its DDL builds on a's catalog
            assertEquals("COMMENT", b.exec("comment on foreign table app.widgets is 'from b'").tag());
            var widgets = b.snapshot().table("app", "widgets").orElseThrow();
            assertEquals(a.snapshot().table("app", "widgets").orElseThrow().oid(), widgets.oid(), "one OID everywhere");
            // the secret a stored is readable by b (same master key), and a sees b's comment on its next statement
            assertEquals("sk_shared_secret", b.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            a.module.handler().prepare("select 1", new int[0], a.superuser());
            assertEquals("from b", a.snapshot().comment("pg_class", widgets.oid(), 0).orElseThrow());
            assertTrue(a.rows("pg_catalog", "pg_description").stream().anyMatch(r -> "from b".equals(r[3])));
            // a "restart" of a reloads from the database
            a.restart();
            assertTrue(a.snapshot().table("app", "widgets").isPresent());
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                st.execute("select 1"); // the store table lives in shared_a, not postgres
            }
            try (Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl("shared_a"), "postgres", null);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*), max(version) from wirewrap_catalog")) {
                rs.next();
                assertTrue(rs.getLong(2) >= 5);
            }
        }
    }

    @Test
    void concurrentWritersOnTwoInstancesLoseNothing() throws Exception {
        createDatabase("shared_b");
        try (Harness a = instance(dirA, "shared_b"); Harness b = instance(dirB, "shared_b")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Void>> jobs = new ArrayList<>();
                for (Harness h : List.of(a, b)) {
                    String prefix = h == a ? "a" : "b";
                    jobs.add(() -> {
                        for (int i = 0; i < 15; i++) h.exec("create schema " + prefix + i);
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(jobs)) f.get();
            } finally {
                pool.shutdown();
            }
            a.module.catalog().refresh();
            CatalogSnapshot s = a.snapshot();
            assertEquals(31, s.schemas().size(), "public + 30 schemas, none lost to a concurrent write");
            assertEquals(s.schemas().size(), s.schemas().stream().map(x -> x.oid()).distinct().count(), "OIDs unique");
        }
    }

    @Test
    void sharedModeRefusesToStartWithoutASharedMasterKey() {
        assertThrows(IllegalStateException.class, () -> new Harness(dirA, List.of(new StrictTestSource()), java.util.Map.of(),
                pg.jdbcUrl("postgres")));
    }

    @Test
    void readsGoOnWhenTheCatalogDatabaseIsUnreachable() throws Exception {
        createDatabase("shared_c");
        try (Harness a = instance(dirA, "shared_c")) {
            a.exec("create schema app");
            a.module.catalog().store().close(); // the pool is gone: every store call fails
            assertTrue(a.module.catalog().refresh().schema("app").isPresent(), "last snapshot still served");
            assertEquals("58030", a.fails("create schema other").sqlState());
            assertTrue(a.snapshot().schema("other").isEmpty());
        }
    }

    @Test
    void scramVerifiersMatchPostgresOwn() throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("set password_encryption = 'scram-sha-256'");
            st.execute("create role pencil_user password 'pencil'");
            try (ResultSet rs = st.executeQuery("select rolpassword from pg_authid where rolname = 'pencil_user'")) {
                rs.next();
                String pgVerifier = rs.getString(1);
                assertTrue(Scram.isVerifier(pgVerifier), pgVerifier);
                assertTrue(Scram.matches("pencil", pgVerifier), "our SCRAM derivation agrees with PostgreSQL's");
                assertFalse(Scram.matches("pencil2", pgVerifier));
            }
            // and PostgreSQL accepts ours as an already-hashed password
            String ours = Scram.verifier("correct horse");
            st.execute("create role ours_user password '" + ours + "'");
            try (ResultSet rs = st.executeQuery("select rolpassword from pg_authid where rolname = 'ours_user'")) {
                rs.next();
                assertEquals(ours, rs.getString(1));
            }
        }
    }
}
