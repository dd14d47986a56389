package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main deployment, without Docker: a real PostgreSQL 15 reaches wirewrap through the stock postgres_fdw
 * (libpq, SCRAM), and wirewrap reaches the Stripe emulator. Everything an application does from its own
 * database: import foreign schema, pushed-down filters, joins with local tables, aggregates.
 */
class PostgresFdwInteropTest {
    private static FullStack stack;
    private static StripeEmulator emulator;
    private static ThrowawayPostgres postgres;
    private static Connection pg;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        stack = new FullStack(300, "s3cret-pw");
        emulator = stack.emulator;

        postgres = ThrowawayPostgres.start(15);
        pg = postgres.connect();
        exec("create extension postgres_fdw");
        exec("create server ww foreign data wrapper postgres_fdw options (host '127.0.0.1', port '"
                + stack.port() + "', dbname 'postgres', fetch_size '100')");
        exec("create user mapping for current_user server ww options (user 'postgres', password 's3cret-pw')");
        exec("create schema s");
        exec("import foreign schema stripe limit to (customers, charges, invoices) from server ww into s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) pg.close();
        if (postgres != null) postgres.close();
        if (stack != null) stack.close();
    }

    @Test
    void importForeignSchemaCreatesTheTablesWithTheirColumns() throws Exception {
        List<String> columns = column("select column_name from information_schema.columns "
                + "where table_schema = 's' and table_name = 'customers' order by ordinal_position");
        assertTrue(columns.containsAll(List.of("id", "email", "name", "created", "attrs")), columns.toString());
        assertEquals(List.of("charges", "customers", "invoices"),
                column("select foreign_table_name from information_schema.foreign_tables where foreign_table_schema = 's' order by 1"));
    }

    @Test
    void countMatchesTheEmulator() throws Exception {
        assertEquals(String.valueOf(emulator.store().count("customer")), column("select count(*) from s.customers").get(0));
    }

    @Test
    void equalityFilterIsPushedThroughBothHops() throws Exception {
        String email = emulator.store().list("customer").stream().filter(c -> c.hasNonNull("email"))
                .findFirst().orElseThrow().get("email").asText();
        String plan = String.join("\n", column("explain (verbose, costs off) select id from s.customers where email = '" + email + "'"));
        assertTrue(plan.contains("Remote SQL:") && plan.contains("WHERE") && plan.contains(email), plan);

        emulator.clearRequestLog();
        List<String> ids = column("select id from s.customers where email = '" + email + "'");
        assertEquals(1, ids.size());
        List<LoggedRequest> calls = emulator.requestLog();
        assertTrue(calls.stream().allMatch(r -> r.path().equals("/v1/customers")
                && email.equals(first(r.query().get("email")))), "wirewrap asked Stripe by email only: " + calls);
    }

    @Test
    void joinsALocalTableWithStripeCustomers() throws Exception {
        var customers = emulator.store().list("customer").subList(0, 3);
        exec("create table vip (customer_id text primary key, tier text)");
        for (var c : customers) exec("insert into vip values ('" + c.get("id").asText() + "', 'gold')");
        List<String> joined = column("select c.id from vip v join s.customers c on c.id = v.customer_id order by 1");
        List<String> expected = customers.stream().map(c -> c.get("id").asText()).sorted().toList();
        assertEquals(expected, joined);
    }

    @Test
    void aggregatesOverForeignRows() throws Exception {
        long charges = emulator.store().list("charge").size();
        long withCustomer = emulator.store().list("charge").stream().filter(c -> c.hasNonNull("customer")).count();
        assertEquals(List.of(charges + "|" + withCustomer),
                column("select count(*) || '|' || count(customer) from s.charges"));
        long amount = emulator.store().list("charge").stream().mapToLong(c -> c.get("amount").asLong()).sum();
        assertEquals(String.valueOf(amount), column("select sum(amount) from s.charges").get(0));
    }

    @Test
    void jsonAttributesReachTheLocalSide() throws Exception {
        var withPlan = emulator.store().list("customer").stream()
                .filter(c -> c.path("metadata").hasNonNull("plan")).count();
        assertEquals(String.valueOf(withPlan), column("select count(*) from s.customers where attrs->'metadata'->>'plan' is not null").get(0));
    }

    @Test
    void aWirewrapErrorIsAPostgresErrorAndTheConnectionSurvives() throws Exception {
        exec("create foreign table s.nope (id text) server ww options (schema_name 'stripe', table_name 'no_such_table')");
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> column("select * from s.nope"));
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertEquals("1", column("select 1").get(0));
    }

    @Test
    void insertUpdateDeleteThroughPostgresFdw() throws Exception {
        int before = emulator.store().count("customer");
        List<String> inserted = column("insert into s.customers (email, name) values ('fdw@example.com', 'Via FDW') returning id");
        assertEquals(1, inserted.size());
        String id = inserted.get(0);
        assertTrue(id.startsWith("cus_"), id);
        assertEquals(before + 1, emulator.store().count("customer"));
        assertEquals("Via FDW", emulator.store().get(id).orElseThrow().get("name").asText());

        exec("update s.customers set name = 'Renamed via FDW' where id = '" + id + "'");
        assertEquals("Renamed via FDW", emulator.store().get(id).orElseThrow().get("name").asText());

        exec("delete from s.customers where id = '" + id + "'");
        assertTrue(emulator.store().get(id).map(c -> c.path("deleted").asBoolean(false)).orElse(true), "customer deleted in Stripe");
        assertEquals(List.of(), column("select id from s.customers where id = '" + id + "'"));
    }

    @Test
    void statementTimeoutOnThePostgresSideCancelsTheRemoteScan() throws Exception {
        emulator.faults().latency(java.time.Duration.ofMillis(1500), java.time.Duration.ZERO);
        try {
            exec("set statement_timeout = '800ms'");
            long started = System.nanoTime();
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> column("select count(*) from s.charges c join s.invoices i on i.customer = c.customer"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(millis < 6000, "cancelled after " + millis + " ms");
            // wirewrap stopped asking Stripe: no new requests once in-flight ones have drained
            Thread.sleep(2000);
            int settled = emulator.requestLog().size();
            Thread.sleep(2000);
            assertEquals(settled, emulator.requestLog().size(), "requests continued after the cancel");
        } finally {
            exec("reset statement_timeout");
            emulator.faults().reset();
        }
        assertEquals("1", column("select 1").get(0));
        assertEquals(String.valueOf(emulator.store().count("customer")), column("select count(*) from s.customers").get(0));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void exec(String sql) throws SQLException {
        try (Statement st = pg.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
