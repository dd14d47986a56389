package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLWarning;

/**
 * DDL and vault writes take effect when they run (the catalog is shared and has no per-transaction versions), so
 * a ROLLBACK of their block must say they stayed instead of pretending to undo them; COMMIT says nothing.
 */
class DdlInTransactionTest {
    private static FullStack stack;
    private static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        stack = new FullStack(5, "pw");
        conn = stack.jdbc();
    }

    @AfterAll
    static void stop() throws Exception {
        conn.close();
        stack.close();
    }

    @Test
    void rollbackWarnsThatDdlAndVaultWritesStayed() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("begin");
            st.execute("create schema tx_kept");
            st.execute("select vault.create_secret('sk_test_tx_kept', 'tx_kept_key')");
            st.execute("rollback");
            SQLWarning w = st.getWarnings();
            assertNotNull(w, "ROLLBACK must warn");
            assertEquals("catalog changes were not rolled back", w.getMessage());
            String detail = ((PSQLWarning) w).getServerErrorMessage().getDetail();
            assertTrue(detail.contains("CREATE SCHEMA") && detail.contains("vault.create_secret"), detail);
            assertTrue(!detail.contains("sk_test_tx_kept"), "the secret value never appears in a warning");
            try (ResultSet rs = st.executeQuery("select count(*) from pg_namespace where nspname = 'tx_kept'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the schema is still there, as the warning says");
            }
        }
    }

    @Test
    void commitAndStatementsOutsideABlockDoNotWarn() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("create schema tx_auto");
            assertNull(st.getWarnings());
            st.execute("begin");
            st.execute("create schema tx_committed");
            st.execute("commit");
            assertNull(st.getWarnings());
        }
    }
}
