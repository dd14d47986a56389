package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data directory stops accepting writes while the server runs (a read-only remount, a full disk's
 * sibling). Statements that must write the catalog fail with 58030 and a clear message, change nothing, and
 * the server keeps answering reads on old and new connections. Tests often run as root, where chmod does not
 * stop writes: then the directory is made immutable with {@code chattr +i}; when neither works the test is
 * skipped.
 */
class ReadOnlyDataDirTest {
    private static FullStack stack;

    @BeforeAll
    static void start() {
        stack = new FullStack(10, "ro-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            writable(stack.dataDir);
            stack.close();
        }
    }

    @Test
    void catalogWritesFailClearlyAndReadsGoOn() throws Exception {
        String localWriteError = null;
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            int customers = stack.emulator.store().count("customer");
            assertEquals(customers, count(st, "select count(*) from stripe.customers"));
            st.execute("create table kept_rows (n int)");
            st.execute("insert into kept_rows values (1)");
            assumeTrue(readOnly(stack.dataDir), "cannot make the data directory read-only here (root without chattr)");
            try {
                for (String ddl : new String[]{"create schema cannot_write",
                        "select vault.create_secret('sk_test_ro', 'ro_secret')",
                        "create role ro_role", "comment on schema public is 'x'"}) {
                    SQLException e = assertThrows(SQLException.class, () -> st.execute(ddl), ddl);
                    assertEquals("58030", e.getSQLState(), ddl + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("could not write catalog"), e.getMessage());
                }
                // a local-table write either succeeds (DuckDB's files already exist) or fails with an error;
                // the session survives it either way
                try {
                    st.execute("insert into kept_rows select n from generate_series(2, 5000) as g(n)");
                } catch (SQLException e) {
                    localWriteError = e.getSQLState() + " " + e.getMessage();
                }
                assertTrue(count(st, "select count(*) from kept_rows") >= 1);
                // nothing changed, and reads go on: on this connection, and on a new one
                assertEquals(0, count(st, "select count(*) from pg_catalog.pg_namespace where nspname = 'cannot_write'"));
                assertEquals(0, count(st, "select count(*) from vault.secrets where name = 'ro_secret'"));
                assertEquals(customers, count(st, "select count(*) from stripe.customers"));
                try (Connection fresh = stack.jdbc(); Statement st2 = fresh.createStatement()) {
                    assertEquals(customers, count(st2, "select count(*) from stripe.customers"));
                    assertEquals(1, count(st2, "select count(*) from pg_catalog.pg_namespace where nspname = 'stripe'"));
                }
            } finally {
                writable(stack.dataDir);
            }
            // writable again: the same statement now works
            System.out.println("read-only data dir: local-table insert " + (localWriteError == null ? "succeeded" : "failed: " + localWriteError));
            st.execute("create schema cannot_write");
            st.execute("insert into kept_rows values (6000)");
            assertEquals(1, count(st, "select count(*) from pg_catalog.pg_namespace where nspname = 'cannot_write'"));
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** chmod 0500, or chattr +i when chmod does not bind (root); true when a probe write then fails. */
    private static boolean readOnly(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (!canWrite(dir)) return true;
        run("chattr", "+i", dir.toString());
        return !canWrite(dir);
    }

    private static void writable(Path dir) throws Exception {
        run("chattr", "-i", dir.toString());
        Files.setPosixFilePermissions(dir, Set.copyOf(PosixFilePermissions.fromString("rwx------")));
    }

    private static boolean canWrite(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // no chattr: the caller probes whether the directory is writable
        }
    }
}
