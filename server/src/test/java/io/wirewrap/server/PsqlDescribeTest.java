package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How people look around a database: psql's describe commands (run as a real psql process, so the catalog
 * queries are exactly psql 15's) and pgjdbc's DatabaseMetaData (what DBeaver and Metabase call).
 */
class PsqlDescribeTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static final String KEY_MARKER = "sk_test_";
    private static FullStack stack;

    @BeforeAll
    static void start() {
        stack = new FullStack(50, "describe-pw");
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void describeCommandsNameTheObjects() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql not installed");
        assertContains(psql("\\dn"), "stripe");
        assertContains(psql("\\dE stripe.*"), "customers", "charges", "foreign table");
        assertContains(psql("\\des+"), "stripe_server", "stripe_wrapper");
        assertContains(psql("\\det+ stripe.*"), "customers", "stripe_server");
        assertContains(psql("\\dew"), "stripe_wrapper", "stripe_fdw_handler");
        // Stripe actions are set-returning functions of the foreign schema
        assertContains(psql("\\df stripe.*"), "invoice_finalize", "invoice_pay", "invoice_void", "subscription_cancel",
                "payment_intent_confirm", "payment_intent_cancel", "payment_method_attach", "payment_method_detach",
                "TABLE(id text, object text, status text, attrs jsonb)", "id text, customer text", "id text, params jsonb");
        assertContains(psql("\\deu+"), "List of user mappings");
        assertContains(psql("\\dx"), "List of installed extensions");
        assertContains(psql("\\d stripe.customers"), "Foreign table \"stripe.customers\"", "email", "jsonb",
                "Server: stripe_server", "object 'customers'");
        assertContains(psql("\\l"), "postgres");
        assertContains(psql("\\du"), "postgres", "Superuser");
        assertContains(psql("\\dt"), "");
    }

    @Test
    void serverOptionsNeverShowTheKey() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql not installed");
        String des = psql("\\des+");
        assertFalse(des.contains(KEY_MARKER), des);
    }

    @Test
    void jdbcMetadataListsForeignTablesAndColumns() throws Exception {
        try (var c = stack.jdbc()) {
            var md = c.getMetaData();
            List<String> schemas = strings(md.getSchemas(), "TABLE_SCHEM");
            assertTrue(schemas.contains("stripe"), schemas.toString());

            List<String> tables = strings(md.getTables(null, "stripe", "%", null), "TABLE_NAME");
            assertTrue(tables.containsAll(List.of("customers", "charges", "invoices", "subscriptions")), tables.toString());
            List<String> types = strings(md.getTables(null, "stripe", "customers", null), "TABLE_TYPE");
            assertEquals(List.of("FOREIGN TABLE"), types);

            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "stripe", "customers", "%")) {
                while (rs.next()) columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
            }
            assertTrue(columns.containsAll(List.of("id:text", "email:text", "created:timestamp", "attrs:jsonb")), columns.toString());

            // comments come back as REMARKS (pgjdbc joins pg_description on classoid = 'pg_class'::regclass)
            try (var st = c.createStatement()) {
                st.execute("comment on foreign table stripe.customers is 'Stripe customers'");
                st.execute("comment on column stripe.customers.email is 'billing email'");
            }
            assertEquals(List.of("Stripe customers"), strings(md.getTables(null, "stripe", "customers", null), "REMARKS"));
            assertEquals(List.of("billing email"), strings(md.getColumns(null, "stripe", "customers", "email"), "REMARKS"));
            // and through the functions psql's \d+ uses
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select obj_description('stripe.customers'::regclass, "
                    + "'pg_class'), col_description(a.attrelid, a.attnum) from pg_attribute a "
                    + "where a.attrelid = 'stripe.customers'::regclass and a.attname = 'email'")) {
                assertTrue(rs.next());
                assertEquals("Stripe customers", rs.getString(1));
                assertEquals("billing email", rs.getString(2));
            }

            // foreign tables have no primary key in PostgreSQL either: an empty answer, not an error
            try (ResultSet rs = md.getPrimaryKeys(null, "stripe", "customers")) {
                assertFalse(rs.next());
            }
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) out.add(rs.getString(column));
        }
        return out;
    }

    private static void assertContains(String output, String... expected) {
        for (String e : expected) assertTrue(output.contains(e), "expected '" + e + "' in:\n" + output);
    }

    /** Runs one psql meta-command; any ERROR from a catalog query fails the test. */
    private static String psql(String command) throws Exception {
        Process p = new ProcessBuilder(PSQL.toString(), stack.libpqConninfo(), "-X", "-v", "ON_ERROR_STOP=1", "-c", command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql timed out on " + command);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        assertFalse(out.contains("ERROR"), command + ":\n" + out);
        return out;
    }
}
