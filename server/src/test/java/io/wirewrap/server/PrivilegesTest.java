package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A login role without SUPERUSER, through pgjdbc: it cannot read decrypted secrets, write the vault, create
 * servers, wrappers or user mappings, grant, or touch a foreign table it holds no privilege on; {@code grant select
 * on foreign table} lets it read but not write, and {@code grant usage on foreign server} lets it create foreign
 * tables on that server. Every refusal is {@code 42501} and the connection keeps working.
 */
class PrivilegesTest {
    private static FullStack stack;

    @BeforeAll
    static void start() throws SQLException {
        stack = new FullStack(10, "priv-pw");
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            st.execute("create role app login password 'app-pw'");
            st.execute("create role readers");
            st.execute("create role member login password 'member-pw' in role readers");
            st.execute("create user mapping for member server stripe_server");
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    private static Connection as(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.port() + "/postgres", user, password);
    }

    private static void superuser(String sql) throws SQLException {
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void denied(Executable e) {
        SQLException x = assertThrows(SQLException.class, e);
        assertEquals("42501", x.getSQLState(), x.getMessage());
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void superuserOnlyThings() throws SQLException {
        try (Connection c = as("app", "app-pw"); Statement st = c.createStatement()) {
            denied(() -> st.executeQuery("select decrypted_secret from vault.decrypted_secrets"));
            denied(() -> st.executeQuery("select vault.create_secret('sk_test_x', 'mine')"));
            denied(() -> st.execute("insert into vault.secrets (name, secret) values ('mine', 'sk_test_x')"));
            denied(() -> st.execute("update vault.secrets set secret = 'sk_test_y'"));
            denied(() -> st.execute("delete from vault.secrets"));
            denied(() -> st.execute("create server mine foreign data wrapper stripe_wrapper options (api_key 'sk_test_x')"));
            denied(() -> st.execute("alter server stripe_server options (set api_url 'http://127.0.0.1:1/v1/')"));
            denied(() -> st.execute("drop server stripe_server cascade"));
            denied(() -> st.execute("create foreign data wrapper w2 handler stripe_fdw_handler"));
            denied(() -> st.execute("create user mapping for app server stripe_server options (api_key 'sk_test_x')"));
            denied(() -> st.execute("grant select on foreign table stripe.customers to app"));
            denied(() -> st.execute("create role escalate superuser"));
            denied(() -> st.execute("drop foreign table stripe.customers"));
            denied(() -> st.execute("alter foreign table stripe.customers options (set object 'charges')"));
            denied(() -> st.execute("comment on foreign table stripe.customers is 'mine'"));
            denied(() -> st.execute("alter user mapping for member server stripe_server options (add api_url 'http://127.0.0.1:1/v1/')"));
            denied(() -> st.execute("drop user mapping for member server stripe_server"));
            denied(() -> st.execute("alter role app superuser"));
            // no way to become someone else
            SQLException setRole = assertThrows(SQLException.class, () -> st.execute("set role postgres"));
            assertTrue(!setRole.getSQLState().startsWith("00"), setRole.getSQLState());
            SQLException setAuth = assertThrows(SQLException.class, () -> st.execute("set session authorization postgres"));
            assertTrue(!setAuth.getSQLState().startsWith("00"), setAuth.getSQLState());
            denied(() -> st.executeQuery("select decrypted_secret from vault.decrypted_secrets"));
            // the connection survived every refusal
            assertEquals(1, count(st, "select 1"));
        }
    }

    @Test
    void userMappingCommandsCheckPermissionBeforeExistence() throws SQLException {
        // app has no mapping on stripe_server: a role without rights is refused, not told whether one exists
        try (Connection c = as("app", "app-pw"); Statement st = c.createStatement()) {
            denied(() -> st.execute("alter user mapping for app server stripe_server options (add api_url 'http://127.0.0.1:1/v1/')"));
            denied(() -> st.execute("drop user mapping for app server stripe_server"));
            assertEquals(1, count(st, "select 1"));
        }
        // a superuser gets the "does not exist" answer
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class,
                    () -> st.execute("alter user mapping for app server stripe_server options (add api_url 'http://127.0.0.1:1/v1/')"));
            assertEquals("42704", missing.getSQLState(), missing.getMessage());
            missing = assertThrows(SQLException.class, () -> st.execute("drop user mapping for app server stripe_server"));
            assertEquals("42704", missing.getSQLState(), missing.getMessage());
        }
    }

    @Test
    void tablePrivilegesAreCheckedPerStatementKind() throws SQLException {
        int before = stack.emulator.store().count("charge");
        try (Connection c = as("app", "app-pw"); Statement st = c.createStatement()) {
            denied(() -> st.executeQuery("select count(*) from stripe.charges"));
            denied(() -> st.executeQuery("explain select * from stripe.charges"));
            superuser("grant select on foreign table stripe.charges to app");
            assertEquals(stack.emulator.store().count("charge"), count(st, "select count(*) from stripe.charges"));
            denied(() -> st.execute("insert into stripe.charges (amount, currency) values (100, 'usd')"));
            denied(() -> st.execute("update stripe.charges set description = 'x' where id = 'ch_none'"));
            denied(() -> st.execute("delete from stripe.charges where id = 'ch_none'"));
            superuser("revoke select on foreign table stripe.charges from app");
            denied(() -> st.executeQuery("select count(*) from stripe.charges"));
        }
        assertEquals(before, stack.emulator.store().count("charge"), "no refused write reached Stripe");
    }

    @Test
    void stripeActionsNeedUsageOnTheServer() throws SQLException {
        String invoice = stack.emulator.store().list("invoice").stream().filter(o -> "open".equals(o.path("status").asText()))
                .findFirst().map(o -> o.path("id").asText()).orElse("in_missing");
        try (Connection c = as("member", "member-pw"); Statement st = c.createStatement()) {
            denied(() -> st.executeQuery("select status from stripe.invoice_void('" + invoice + "')"));
            superuser("grant usage on foreign server stripe_server to readers");
            try {
                // now the call reaches Stripe (which may refuse it for its own reasons, never with 42501)
                st.executeQuery("select status from stripe.invoice_void('" + invoice + "')").close();
            } catch (SQLException e) {
                assertTrue(!"42501".equals(e.getSQLState()), e.getMessage());
            } finally {
                superuser("revoke usage on foreign server stripe_server from readers");
            }
        }
    }

    @Test
    void aGrantToARoleReachesItsMembers() throws SQLException {
        try (Connection c = as("member", "member-pw"); Statement st = c.createStatement()) {
            denied(() -> st.executeQuery("select count(*) from stripe.products"));
            superuser("grant select on foreign table stripe.products to readers");
            assertEquals(stack.emulator.store().count("product"), count(st, "select count(*) from stripe.products"));
        }
    }

    @Test
    void creatingForeignTablesNeedsUsageOnTheServer() throws SQLException {
        superuser("create schema if not exists app_space");
        String ddl = "create foreign table app_space.my_customers (id text, email text) server stripe_server options (object 'customers')";
        try (Connection c = as("app", "app-pw"); Statement st = c.createStatement()) {
            denied(() -> st.execute(ddl));
            denied(() -> st.execute("import foreign schema stripe limit to (customers) from server stripe_server into app_space"));
            superuser("grant usage on foreign server stripe_server to app");
            st.execute(ddl);
            // the owner of a foreign table may read it
            assertEquals(stack.emulator.store().count("customer"), count(st, "select count(*) from app_space.my_customers"));
            superuser("revoke usage on foreign server stripe_server from app");
            denied(() -> st.execute("create foreign table app_space.again (id text) server stripe_server options (object 'customers')"));
        }
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            assertTrue(count(st, "select count(*) from information_schema.foreign_tables where foreign_table_name = 'my_customers'") == 1);
        }
    }

    private static Object value(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Test
    void hasPrivilegeFunctionsAnswerFromGrants() throws SQLException {
        superuser("create role viewer login password 'viewer-pw'");
        try (Connection c = as("viewer", "viewer-pw"); Statement st = c.createStatement()) {
            assertEquals(false, value(st, "select has_table_privilege('stripe.customers', 'select')"));
            assertEquals(false, value(st, "select has_server_privilege('stripe_server', 'usage')"));
            assertEquals(false, value(st, "select has_function_privilege('stripe.invoice_void(text)', 'execute')"));
            assertEquals(false, value(st, "select has_schema_privilege('stripe', 'usage')"));
            assertEquals(false, value(st, "select has_table_privilege('vault.decrypted_secrets', 'select')"));
            assertEquals(true, value(st, "select has_table_privilege('vault.secrets', 'select')"));
            assertEquals(false, value(st, "select has_table_privilege('vault.secrets', 'insert')"));
            assertEquals(true, value(st, "select has_database_privilege('postgres', 'connect')"));
            assertEquals(null, value(st, "select has_table_privilege('stripe.no_such_table', 'select')"));

            superuser("grant select on foreign table stripe.customers to viewer");
            superuser("grant usage on foreign server stripe_server to viewer");
            superuser("grant usage on schema stripe to viewer");
            assertEquals(true, value(st, "select has_table_privilege('stripe.customers', 'select')"));
            assertEquals(true, value(st, "select has_table_privilege('STRIPE.CUSTOMERS', 'SELECT')"));
            assertEquals(false, value(st, "select has_table_privilege('stripe.customers', 'insert')"));
            assertEquals(true, value(st, "select has_table_privilege('stripe.customers', 'insert, select')"));
            assertEquals(true, value(st, "select has_server_privilege('stripe_server', 'usage')"));
            assertEquals(true, value(st, "select has_function_privilege('stripe.invoice_void(text)', 'execute')"));
            assertEquals(true, value(st, "select has_schema_privilege('stripe', 'usage')"));
            assertEquals(false, value(st, "select has_schema_privilege('stripe', 'create')"));
            // by OID, per row, as drivers and GUI clients ask: exactly the granted table is readable
            assertEquals(1L, count(st, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'stripe' and has_table_privilege(c.oid, 'select')"));
            assertEquals(true, value(st, "select has_table_privilege('stripe.customers'::regclass, 'select')"));
            // the answers match what the engine does
            count(st, "select count(*) from stripe.customers");
            denied(() -> st.execute("insert into stripe.customers (email) values ('x@example.com')"));
        }
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            assertEquals(true, value(st, "select has_table_privilege('stripe.charges', 'delete')"));
            assertEquals(true, value(st, "select has_table_privilege('vault.decrypted_secrets', 'select')"));
            assertEquals(true, value(st, "select has_server_privilege('stripe_server', 'usage')"));
            // the three-argument form asks about another role, by name
            assertEquals(true, value(st, "select has_table_privilege('viewer', 'stripe.customers', 'select')"));
            assertEquals(false, value(st, "select has_table_privilege('viewer', 'stripe.charges', 'select')"));
            assertEquals(false, value(st, "select has_table_privilege('viewer', 'vault.decrypted_secrets', 'select')"));
            superuser("revoke select on foreign table stripe.customers from viewer");
            assertEquals(false, value(st, "select has_table_privilege('viewer', 'stripe.customers', 'select')"));
        }
    }
}
