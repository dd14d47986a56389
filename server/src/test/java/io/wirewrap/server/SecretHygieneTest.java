package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A recognisable Stripe key goes in through SQL, and must come out nowhere but vault.decrypted_secrets for a
 * superuser: not in the log (captured at DEBUG for the whole session), not in any pg_catalog /
 * information_schema / vault row, not in EXPLAIN, not in any error message.
 */
class SecretHygieneTest {
    private static final String CANARY = "sk_test_CANARY7f3b9e1d2c4a";
    private static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
    private static FullStack stack;
    private static Level previousLevel;
    private static AppenderBase<ILoggingEvent> capture;

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                LOG.add(e.getFormattedMessage() + (e.getThrowableProxy() != null ? " " + e.getThrowableProxy().getMessage() : ""));
            }
        };
        capture.start();
        root.addAppender(capture);
        stack = new FullStack(20, "hygiene-pw", CANARY);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture);
        root.setLevel(previousLevel);
    }

    @Test
    void theKeyAppearsNowhereButDecryptedSecrets() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            // the key works: the source authenticated to the emulator with it
            assertEquals(List.of(stack.emulator.store().count("customer") + "|"), rows(st, "select count(*) from stripe.customers"));
            // a second server with the key in clear: moved into the vault, never echoed
            st.execute("create server clear_key foreign data wrapper stripe_wrapper options (api_key '" + CANARY + "', api_url '"
                    + stack.emulator.baseUrl() + "')");
            seen.addAll(rows(st, "explain analyze select * from stripe.customers where email = 'x@example.com'"));
            seen.addAll(rows(st, "explain select * from stripe.charges"));
            // every catalog relation a client can read
            var relations = new java.util.TreeSet<>(List.of("pg_catalog.pg_foreign_server", "pg_catalog.pg_user_mapping",
                    "pg_catalog.pg_user_mappings", "pg_catalog.pg_foreign_table", "pg_catalog.pg_foreign_data_wrapper",
                    "pg_catalog.pg_class", "pg_catalog.pg_attribute", "pg_catalog.pg_settings", "pg_catalog.pg_roles",
                    "pg_catalog.pg_description", "pg_catalog.pg_namespace", "information_schema.foreign_servers",
                    "information_schema.foreign_server_options", "information_schema.user_mappings",
                    "information_schema.user_mapping_options", "information_schema.foreign_tables",
                    "information_schema.foreign_table_options", "information_schema.tables", "information_schema.columns",
                    "vault.secrets"));
            for (String rel : rows(st, "select n.nspname || '.' || c.relname from pg_catalog.pg_class c "
                    + "join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname in ('pg_catalog', 'information_schema', 'vault') and c.relname <> 'decrypted_secrets'")) {
                relations.add(rel.substring(0, rel.length() - 1));
            }
            for (String rel : relations) {
                try {
                    seen.addAll(rows(st, "select * from " + rel));
                } catch (SQLException e) {
                    missing.add(rel + ": " + e.getMessage());
                }
            }
            // errors around the key: bad DDL, a broken statement quoting it, an API failure
            seen.add(error(st, "create server bad foreign data wrapper stripe_wrapper options (api_key '" + CANARY + "', bogus 'x')"));
            seen.add(error(st, "select '" + CANARY + "' from nowhere_table"));
            st.execute("alter server clear_key options (set api_url 'http://127.0.0.1:1/v1/', add max_retries '0')");
            st.execute("create foreign table stripe.unreachable (id text) server clear_key options (object 'customers')");
            seen.add(error(st, "select * from stripe.unreachable"));
            // query results: every imported Stripe table (an error counts as output too)
            List<String> stripeTables = rows(st, "select table_name from information_schema.tables where table_schema = 'stripe' order by 1");
            assertTrue(stripeTables.size() > 20, "imported tables: " + stripeTables.size());
            for (String t : stripeTables) {
                String name = t.substring(0, t.length() - 1);
                try {
                    seen.addAll(rows(st, "select * from stripe.\"" + name + "\" limit 20"));
                } catch (SQLException e) {
                    seen.add(e.getMessage());
                }
            }
            // activity views: a statement carrying the key was just run; another session looks at what runs
            try (Connection other = stack.jdbc(); Statement o = other.createStatement()) {
                for (String view : List.of("pg_stat_activity", "pg_stat_statements", "pg_catalog.pg_stat_activity")) {
                    try {
                        seen.addAll(rows(o, "select * from " + view));
                    } catch (SQLException e) {
                        seen.add(e.getMessage());
                    }
                }
            }
            // the superuser can read it back on purpose
            List<String> decrypted = rows(st, "select decrypted_secret from vault.decrypted_secrets");
            assertTrue(decrypted.contains(CANARY + "|"), "vault.decrypted_secrets shows the key to a superuser");
            st.execute("create role app login password 'app-pw'");
        }
        try (Connection app = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.port() + "/postgres", "app", "app-pw");
             Statement st = app.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> rows(st, "select * from vault.decrypted_secrets"));
            assertEquals("42501", denied.getSQLState());
            seen.add(denied.getMessage());
        }
        assertTrue(missing.isEmpty(), "unreadable catalog relations: " + missing);
        assertTrue(seen.size() > 50, "read the catalog: " + seen.size());
        for (String s : seen) assertFalse(s.contains(CANARY), "key leaked in: " + s);
        assertFalse(LOG.isEmpty(), "DEBUG logging was captured");
        for (String line : LOG) assertFalse(line.contains(CANARY), "key leaked in log: " + line);
    }

    private static String error(Statement st, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql));
        return e.getMessage() + " " + e.getSQLState();
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(rs.getString(i)).append('|');
                out.add(row.toString());
            }
        }
        return out;
    }
}
