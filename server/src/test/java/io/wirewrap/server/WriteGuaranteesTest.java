package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.emulator.LoggedRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;

/**
 * What a user can rely on when writing to Stripe through SQL: a lost response does not create twice, a failed row
 * in a multi-row insert names what was already created, ROLLBACK says it undid nothing remote, and a write Stripe
 * cannot take fails before any request.
 */
class WriteGuaranteesTest {
    private static FullStack stack;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        stack = new FullStack(10, "pw");
        conn = stack.jdbc();
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        stack.close();
    }

    @BeforeEach
    void calm() throws SQLException {
        stack.emulator.faults().reset();
        stack.emulator.clearRequestLog();
        if (!conn.getAutoCommit()) conn.setAutoCommit(true);
    }

    private static long customersWithEmail(String email) {
        return stack.emulator.store().list("customer").stream().filter(c -> email.equals(c.path("email").asText(null))).count();
    }

    private static List<LoggedRequest> posts(String path) {
        return stack.emulator.requestLog().stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
    }

    @Test
    void aCreateWhoseResponseIsLostIsRetriedWithoutASecondObject() throws SQLException {
        stack.emulator.faults().dropResponseNext(1);
        String id;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("insert into stripe.customers (email) values ('once@example.com') returning id")) {
            assertTrue(rs.next());
            id = rs.getString(1);
        }
        assertEquals(1, customersWithEmail("once@example.com"));
        assertEquals(id, stack.emulator.store().list("customer").stream()
                .filter(c -> "once@example.com".equals(c.path("email").asText(null))).findFirst().orElseThrow().path("id").asText());
        List<LoggedRequest> sent = posts("/v1/customers");
        assertEquals(2, sent.size(), "the dropped request and its retry");
        assertNotNull(sent.get(0).idempotencyKey());
        assertEquals(sent.get(0).idempotencyKey(), sent.get(1).idempotencyKey());
    }

    @Test
    void eachRowOfAStatementHasItsOwnIdempotencyKey() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("insert into stripe.customers (email) values ('k1@example.com'), ('k2@example.com'), ('k3@example.com')");
            st.executeUpdate("insert into stripe.customers (email) values ('k1@example.com')");
        }
        List<String> keys = posts("/v1/customers").stream().map(LoggedRequest::idempotencyKey).distinct().toList();
        assertEquals(4, keys.size(), keys.toString());
        assertEquals(2, customersWithEmail("k1@example.com"), "the same values in another statement are another object");
    }

    @Test
    void aRejectedRowStopsTheInsertAndTheErrorListsWhatWasCreated() throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            values.append(i > 1 ? ", " : "").append("(").append(i == 6 ? 10 : 1000 + i).append(", 'usd', '{\"source\": \"tok_visa\"}')");
        }
        PSQLException e;
        try (Statement st = conn.createStatement()) {
            e = assertThrows(PSQLException.class, () -> st.executeQuery("insert into stripe.charges (amount, currency, attrs) values " + values + " returning id"));
        }
        assertEquals("HV000", e.getSQLState());
        assertTrue(e.getMessage().contains("Amount must be at least 50 cents"), e.getMessage());
        String detail = e.getServerErrorMessage().getDetail();
        assertTrue(detail.contains("row 6 of 10 failed"), detail);
        List<String> created = new ArrayList<>();
        for (var c : stack.emulator.store().list("charge")) {
            long amount = c.path("amount").asLong();
            if (amount > 1000 && amount <= 1010 && c.path("status").asText().equals("succeeded")) created.add(c.path("id").asText());
        }
        // rows 1-5 went out before row 6; rows sent alongside it may have been created too, and then they are listed
        for (long amount = 1001; amount <= 1005; amount++) {
            long a = amount;
            String id = stack.emulator.store().list("charge").stream().filter(c -> c.path("amount").asLong() == a).findFirst()
                    .orElseThrow().path("id").asText();
            assertTrue(detail.contains(id), "row " + (a - 1000) + " (" + id + ") not in: " + detail);
        }
        for (String id : created) assertTrue(detail.contains(id), "created " + id + " but not reported: " + detail);
        assertEquals(created.size(), detail.split("ch_", -1).length - 1, detail);
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            assertTrue(rs.next(), "the connection survives");
        }
    }

    @Test
    void rollbackAfterARemoteWriteWarnsThatItWasNotUndone() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("begin");
            st.executeUpdate("insert into stripe.customers (email) values ('tx@example.com')");
            st.execute("rollback");
            SQLWarning w = st.getWarnings();
            assertNotNull(w, "ROLLBACK must warn");
            assertTrue(w.getMessage().contains("remote changes were not rolled back"), w.getMessage());
            assertEquals("01000", w.getSQLState());
            String detail = ((PSQLWarning) w).getServerErrorMessage().getDetail();
            assertTrue(detail.contains("INSERT into stripe.customers (1 row)"), detail);
        }
        assertEquals(1, customersWithEmail("tx@example.com"), "the customer is still there");

        try (Statement st = conn.createStatement()) {
            st.execute("begin");
            st.execute("rollback");
            assertEquals(null, st.getWarnings(), "a block without remote writes rolls back quietly");
        }
    }

    @Test
    void remoteWritesInTransactionCanBeRefused() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("set wirewrap.remote_writes_in_transaction = error");
            try {
                st.executeUpdate("insert into stripe.customers (email) values ('auto@example.com')");
                assertEquals(1, customersWithEmail("auto@example.com"), "outside a block writes go through");
                conn.setAutoCommit(false);
                PSQLException e = assertThrows(PSQLException.class,
                        () -> st.executeUpdate("insert into stripe.customers (email) values ('refused@example.com')"));
                assertEquals("25000", e.getSQLState());
                conn.rollback();
                PSQLException call = assertThrows(PSQLException.class, () -> st.executeQuery("select * from stripe.invoice_void('in_none')"));
                assertEquals("25000", call.getSQLState());
                conn.rollback();
                assertEquals(0, customersWithEmail("refused@example.com"));
                assertTrue(posts("/v1/customers").size() == 1 && stack.emulator.requestLog().stream().noneMatch(r -> r.path().contains("in_none")));
                assertThrows(PSQLException.class, () -> st.execute("set wirewrap.remote_writes_in_transaction = maybe"));
                conn.rollback();
            } finally {
                conn.setAutoCommit(true);
                st.execute("reset wirewrap.remote_writes_in_transaction");
            }
        }
    }

    @Test
    void writesStripeCannotTakeFailBeforeAnyRequest() throws SQLException {
        try (Statement st = conn.createStatement()) {
            PSQLException readOnly = assertThrows(PSQLException.class,
                    () -> st.executeUpdate("insert into stripe.events (type) values ('customer.created')"));
            assertEquals("0A000", readOnly.getSQLState());
            assertTrue(readOnly.getMessage().contains("events"), readOnly.getMessage());

            PSQLException field = assertThrows(PSQLException.class,
                    () -> st.executeUpdate("insert into stripe.customers (email, created) values ('f@example.com', now())"));
            assertEquals("HV005", field.getSQLState());
            assertTrue(field.getMessage().contains("\"created\""), field.getMessage());

            PSQLException update = assertThrows(PSQLException.class,
                    () -> st.executeUpdate("update stripe.prices set currency = 'eur' where id = 'price_x'"));
            assertEquals("HV005", update.getSQLState());
            assertTrue(update.getMessage().contains("\"currency\""), update.getMessage());
        }
        assertTrue(stack.emulator.requestLog().stream().noneMatch(r -> r.method().equals("POST")), stack.emulator.requestLog().toString());
    }

    @Test
    void aJdbcBatchOfInsertsIsSentAsOneParallelWrite() throws SQLException {
        int n = 20;
        try (var ps = conn.prepareStatement("insert into stripe.customers (email, name) values (?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "batch" + i + "@example.com");
                ps.setString(2, "Batch " + i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(n, counts.length);
            for (int c : counts) assertEquals(1, c);
        }
        for (int i = 0; i < n; i++) assertEquals(1, customersWithEmail("batch" + i + "@example.com"));
        // one write of n rows: one statement key, row suffixes 0..n-1 (executed one by one, each would have its own)
        List<String> keys = posts("/v1/customers").stream().map(LoggedRequest::idempotencyKey).toList();
        assertEquals(n, keys.size());
        List<String> statements = keys.stream().map(k -> k.substring(0, k.lastIndexOf('-'))).distinct().toList();
        assertEquals(1, statements.size(), keys.toString());
        assertEquals(java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).sorted().toList(),
                keys.stream().map(k -> k.substring(k.lastIndexOf('-') + 1)).sorted().toList());
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select count(*) from stripe.customers where email = 'batch7@example.com'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "the connection is in step after the batch");
        }
    }

    @Test
    void aJdbcBatchWithARejectedRowFailsWithTheCreatedIds() throws SQLException {
        try (var ps = conn.prepareStatement("insert into stripe.charges (amount, currency, attrs) values (?, 'usd', '{\"source\": \"tok_visa\"}')")) {
            for (long amount : new long[] {2001, 2002, 10, 2004}) {
                ps.setLong(1, amount);
                ps.addBatch();
            }
            java.sql.BatchUpdateException e = assertThrows(java.sql.BatchUpdateException.class, ps::executeBatch);
            PSQLException cause = (PSQLException) e.getNextException();
            assertEquals("HV000", cause.getSQLState());
            String detail = cause.getServerErrorMessage().getDetail();
            assertTrue(detail.contains("row 3 of 4 failed"), detail);
            for (var c : stack.emulator.store().list("charge")) {
                long a = c.path("amount").asLong();
                if (a == 2001 || a == 2002) assertTrue(detail.contains(c.path("id").asText()), detail);
            }
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }
}
