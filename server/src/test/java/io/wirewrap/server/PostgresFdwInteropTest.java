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
 * database: import foreign schema, pushed-down filters, joins with local tables, aggregates, and the postgres_fdw
 * options and paths of {@code docs/compatibility.md}. {@code -Dwirewrap.interop.pg=16} runs it against another
 * major version installed under {@code /usr/lib/postgresql/N/bin} (Debian 12 packages only 15).
 */
class PostgresFdwInteropTest {
    static final int PG_MAJOR = Integer.getInteger("wirewrap.interop.pg", 15);
    private static FullStack stack;
    private static StripeEmulator emulator;
    private static ThrowawayPostgres postgres;
    private static Connection pg;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ThrowawayPostgres.available(PG_MAJOR), "PostgreSQL " + PG_MAJOR + " binaries not installed");
        stack = new FullStack(300, "s3cret-pw");
        emulator = stack.emulator;

        postgres = ThrowawayPostgres.start(PG_MAJOR);
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
    void nestedObjectsAreUpdatedAndDeletedUnderTheParentTheirRowsName() throws Exception {
        exec("create schema nested");
        exec("import foreign schema stripe limit to (customers_tax_ids, customers_balance_transactions) from server ww into nested");
        List<String> customers = column("select id from s.customers order by id limit 2");
        String cus = customers.get(0);
        String txi = first(column("insert into nested.customers_tax_ids (customer, type, value) values ('" + cus
                + "', 'eu_vat', 'DE123456789') returning id"));
        String cbtxn = first(column("insert into nested.customers_balance_transactions (customer, amount, currency) values ('" + cus
                + "', -500, 'usd') returning id"));
        emulator.clearRequestLog();
        exec("update nested.customers_balance_transactions set description = 'goodwill' where customer = '" + cus + "' and id = '" + cbtxn + "'");
        assertEquals("goodwill", emulator.store().get(cbtxn).orElseThrow().path("description").asText());
        // customer = any(...) lists each customer's tax ids: the parent of each row comes from the row itself
        assertEquals(List.of(txi), column("delete from nested.customers_tax_ids where customer = any (array['" + cus + "', '"
                + customers.get(1) + "']) and value = 'DE123456789' returning id"));
        List<String> writes = emulator.requestLog().stream().filter(r -> !r.method().equals("GET")).map(r -> r.method() + " " + r.path()).toList();
        assertEquals(List.of("POST /v1/customers/" + cus + "/balance_transactions/" + cbtxn, "DELETE /v1/customers/" + cus + "/tax_ids/" + txi), writes);
        assertTrue(emulator.store().get(txi).isEmpty() || emulator.store().get(txi).get().path("deleted").asBoolean());
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

    @Test
    void fetchSizeOptionReadsEveryRowInSmallBatches() throws Exception {
        exec("alter foreign table s.charges options (add fetch_size '7')");
        try {
            assertEquals(String.valueOf(emulator.store().count("charge")), column("select count(id) from s.charges").get(0));
        } finally {
            exec("alter foreign table s.charges options (drop fetch_size)");
        }
    }

    @Test
    void useRemoteEstimateTakesWirewrapsExplain() throws Exception {
        String email = emulator.store().list("customer").get(5).get("email").asText();
        String remote;
        try (Connection ww = stack.jdbc(); Statement st = ww.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN SELECT id FROM stripe.customers WHERE ((email = '" + email + "'))")) {
            rs.next();
            remote = rs.getString(1);
        }
        String remoteRows = rowsOf(remote);
        exec("alter server ww options (add use_remote_estimate 'true')");
        try {
            String local = column("explain select id from s.customers where email = '" + email + "'").get(0);
            assertEquals(remoteRows, rowsOf(local), "PostgreSQL plans with wirewrap's estimate: " + local + " / " + remote);
            assertEquals(List.of(emulator.store().list("customer").get(5).get("id").asText()),
                    column("select id from s.customers where email = '" + email + "'"));
            assertTrue(column("explain select c.id from s.customers c join s.charges ch on ch.customer = c.id").get(0).contains("rows="));
            // planning an UPDATE explains the ctid scan remotely before postgres_fdw decides to send it whole
            String id = emulator.store().list("customer").get(6).get("id").asText();
            exec("update s.customers set name = 'Estimated' where id = '" + id + "'");
            assertEquals("Estimated", emulator.store().get(id).orElseThrow().get("name").asText());
        } finally {
            exec("alter server ww options (drop use_remote_estimate)");
        }
    }

    @Test
    void orderByAndLimitArePushed() throws Exception {
        String plan = String.join("\n", column("explain (verbose, costs off) select id, created from s.customers order by created desc limit 5"));
        assertTrue(plan.contains("ORDER BY created DESC") && plan.contains("LIMIT 5"), plan);
        List<String> expected = emulator.store().list("customer").stream().map(c -> c.get("created").asLong())
                .sorted(java.util.Comparator.reverseOrder()).limit(5)
                .map(t -> java.time.LocalDateTime.ofEpochSecond(t, 0, java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                .toList();
        List<String> actual = column("select created from s.customers order by created desc limit 5").stream()
                .map(v -> v.length() > 19 ? v.substring(0, 19) : v).toList();
        assertEquals(expected, actual);
    }

    @Test
    void aJoinOfTwoForeignTablesIsSentWholeAndItsFilterReachesStripe() throws Exception {
        var customer = emulator.store().list("customer").stream()
                .filter(c -> c.hasNonNull("email") && emulator.store().list("charge").stream()
                        .anyMatch(ch -> c.get("id").asText().equals(ch.path("customer").asText(null))))
                .findFirst().orElseThrow();
        String email = customer.get("email").asText();
        String sql = "select ch.id from s.customers c join s.charges ch on ch.customer = c.id where c.email = '" + email + "' order by 1";
        String plan = String.join("\n", column("explain (verbose, costs off) " + sql));
        assertTrue(plan.contains("Relations: (s.customers c) INNER JOIN (s.charges ch)") && plan.contains("INNER JOIN stripe.charges"), plan);

        emulator.clearRequestLog();
        List<String> expected = emulator.store().list("charge").stream()
                .filter(ch -> customer.get("id").asText().equals(ch.path("customer").asText(null)))
                .map(ch -> ch.get("id").asText()).sorted().toList();
        assertEquals(expected, column(sql));
        assertTrue(emulator.requestLog().stream().filter(r -> r.path().equals("/v1/customers"))
                .allMatch(r -> email.equals(first(r.query().get("email")))), "customers asked by email only: " + emulator.requestLog());

        long charges = emulator.store().list("charge").stream().filter(ch -> ch.hasNonNull("customer")).count();
        assertEquals(String.valueOf(charges), column("select count(*) from s.customers c join s.charges ch on ch.customer = c.id").get(0));
    }

    @Test
    void analyzeSamplesABoundedNumberOfRows() throws Exception {
        exec("alter server ww options (add options '-c wirewrap.analyze_sample_rows=40')");
        try {
            emulator.clearRequestLog();
            exec("analyze s.customers");
            assertEquals("40", column("select reltuples::int from pg_class where oid = 's.customers'::regclass").get(0));
            long pages = emulator.requestLog().stream().filter(r -> r.path().equals("/v1/customers")).count();
            assertTrue(pages <= 2, "ANALYZE read " + pages + " pages of customers");
            assertTrue(Integer.parseInt(column("select count(*) from pg_stats where schemaname = 's' and tablename = 'customers'").get(0)) > 0);
        } finally {
            exec("alter server ww options (drop options)");
        }
        assertEquals(String.valueOf(emulator.store().count("customer")), column("select count(*) from s.customers").get(0));
    }

    @Test
    void preparedInsertReturningWithParameters() throws Exception {
        try (var insert = pg.prepareStatement("insert into s.customers (email, name) values (?, ?) returning id, email")) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, "prepared" + i + "@example.com");
                insert.setString(2, "Prepared " + i);
                try (ResultSet rs = insert.executeQuery()) {
                    assertTrue(rs.next());
                    String id = rs.getString(1);
                    assertEquals("prepared" + i + "@example.com", rs.getString(2));
                    assertEquals("Prepared " + i, emulator.store().get(id).orElseThrow().get("name").asText());
                }
            }
        }
    }

    @Test
    void batchInsertsThenDeleteByLikePattern() throws Exception {
        int before = emulator.store().count("customer");
        exec("create schema batched");
        exec("create foreign table batched.customers (id text, email text, name text) server ww "
                + "options (schema_name 'stripe', table_name 'customers', batch_size '10')");
        String insert = "insert into batched.customers (email, name) select 'batch' || g || '@example.com', 'Batch ' || g from generate_series(1, 25) g";
        assertTrue(String.join("\n", column("explain (verbose, costs off) " + insert)).contains("Batch Size: 10"));
        exec(insert);
        assertEquals(before + 25, emulator.store().count("customer"));
        assertEquals("25", column("select count(*) from batched.customers where email like 'batch%@example.com'").get(0));

        String delete = "delete from batched.customers where email like 'batch%@example.com'";
        assertTrue(String.join("\n", column("explain (verbose, costs off) " + delete)).contains("Foreign Delete"));
        exec(delete);
        assertEquals("0", column("select count(*) from batched.customers where email like 'batch%@example.com'").get(0));
    }

    @Test
    void importNotNullAndDefaultOptions() throws Exception {
        try (Connection ww = stack.jdbc(); Statement st = ww.createStatement()) {
            st.execute("create schema app");
            st.execute("create foreign table app.vip_customers (id text not null, email text) server stripe_server "
                    + "options (object 'customers', rowid_column 'id')");
        }
        exec("create schema imported_nn");
        exec("import foreign schema app from server ww into imported_nn options (import_not_null 'true', import_default 'true')");
        assertEquals(List.of("id|true|false", "email|false|false"), column("select attname || '|' || attnotnull || '|' || atthasdef from pg_attribute "
                + "where attrelid = 'imported_nn.vip_customers'::regclass and attnum > 0 order by attnum"));
        exec("create schema imported_null");
        exec("import foreign schema app from server ww into imported_null options (import_not_null 'false')");
        assertEquals(List.of("false", "false"), column("select attnotnull::text from pg_attribute "
                + "where attrelid = 'imported_null.vip_customers'::regclass and attnum > 0 order by attnum"));
        assertEquals(String.valueOf(emulator.store().count("customer")), column("select count(id) from imported_nn.vip_customers").get(0));
    }

    @Test
    void importWithExceptLeavesOutTheNamedTables() throws Exception {
        long all;
        try (Connection ww = stack.jdbc(); Statement st = ww.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from information_schema.foreign_tables where foreign_table_schema = 'stripe'")) {
            rs.next();
            all = rs.getLong(1);
        }
        exec("create schema allbut");
        exec("import foreign schema stripe except (customers, charges) from server ww into allbut");
        List<String> imported = column("select foreign_table_name from information_schema.foreign_tables where foreign_table_schema = 'allbut'");
        assertEquals(all - 2, imported.size());
        assertTrue(!imported.contains("customers") && !imported.contains("charges") && imported.contains("invoices"), imported.toString());
    }

    @Test
    void anUpdateJoiningALocalTableIsRefusedPlainly() throws Exception {
        String id = emulator.store().list("customer").get(7).get("id").asText();
        exec("create table tiers (customer_id text, tier text)");
        exec("insert into tiers values ('" + id + "', 'gold')");
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> exec("update s.customers c set name = t.tier from tiers t where c.id = t.customer_id"));
        assertEquals("0A000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("ctid"), e.getMessage());
        // the direct-modify form of the same change works
        exec("update s.customers set name = 'gold' where id = '" + id + "'");
        assertEquals("gold", emulator.store().get(id).orElseThrow().get("name").asText());
    }

    /** {@code rows=N} of an EXPLAIN line. */
    private static String rowsOf(String planLine) {
        var m = java.util.regex.Pattern.compile("rows=(\\d+)").matcher(planLine);
        assertTrue(m.find(), planLine);
        return m.group(1);
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
