package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** The protocol as pgjdbc drives it: simple and extended query, text and binary, portals, cancel, errors. */
class JdbcProtocolTest {
    static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(AuthMethod.SCRAM);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** preferQueryMode=simple: everything as 'Q'; prepareThreshold=-1 + binaryTransfer: extended, binary results. */
    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=0", "prepareThreshold=-1&binaryTransfer=true"})
    void rowsOfEveryTypeArriveIntact(String mode) throws SQLException {
        try (Connection c = fx.connect(mode); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from test_rows(3)")) {
            for (int i = 0; i < 3; i++) {
                assertTrue(rs.next());
                Object[] expected = TestHandlers.row(i);
                assertEquals(i, rs.getInt("i"));
                assertEquals("row " + i, rs.getString("label"));
                assertEquals(10_000_000_000L + i, rs.getLong("big"));
                assertEquals(i + 0.5, rs.getDouble("f"));
                assertEquals(expected[4], rs.getObject("ts", LocalDateTime.class));
                assertEquals(((OffsetDateTime) expected[5]).toInstant(), rs.getObject("tstz", OffsetDateTime.class).toInstant());
                assertEquals(expected[6], rs.getObject("d", LocalDate.class));
                assertEquals(expected[7], rs.getObject("u"));
                assertEquals(0, ((BigDecimal) expected[8]).compareTo(rs.getBigDecimal("n")));
                assertEquals(i % 2 == 0, rs.getBoolean("b"));
                assertEquals("{\"i\": " + i + "}", rs.getString("j"));
                assertArrayEquals((byte[]) expected[11], rs.getBytes("bytes"));
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void textOutputMatchesPostgres() throws SQLException {
        try (Connection c = fx.connect("preferQueryMode=simple"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from test_rows(2)")) {
            rs.next();
            rs.next();
            assertEquals("2024-01-02 03:04:06", rs.getString("ts"));
            assertEquals("2024-01-02 03:04:06+00", rs.getString("tstz"));
            assertEquals("f", rs.getString("b"));
            assertEquals("\\x010102", rs.getString("bytes"));
            assertEquals("13.34", rs.getString("n"));
            assertEquals("1.5", rs.getString("f"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=-1&binaryTransfer=true", "prepareThreshold=0&binaryTransfer=false"})
    void parametersRoundTripInBothFormats(String mode) throws SQLException {
        UUID u = UUID.randomUUID();
        LocalDateTime ts = LocalDateTime.of(2023, 12, 31, 23, 59, 58, 123_456_000);
        try (Connection c = fx.connect(mode);
             PreparedStatement ps = c.prepareStatement("select test_echo(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setBoolean(1, true);
            ps.setShort(2, (short) -7);
            ps.setInt(3, 42);
            ps.setLong(4, -9_000_000_000L);
            ps.setFloat(5, 1.25f);
            ps.setDouble(6, Math.PI);
            ps.setBigDecimal(7, new BigDecimal("-12345678901234567890.000123"));
            ps.setString(8, "héllo 'world'");
            ps.setObject(9, u);
            ps.setBytes(10, new byte[] {0, -1, 7});
            ps.setObject(11, ts);
            ps.setNull(12, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
                assertEquals(-7, rs.getShort(2));
                assertEquals(42, rs.getInt(3));
                assertEquals(-9_000_000_000L, rs.getLong(4));
                assertEquals(1.25f, rs.getFloat(5));
                assertEquals(Math.PI, rs.getDouble(6));
                assertEquals(new BigDecimal("-12345678901234567890.000123"), rs.getBigDecimal(7));
                assertEquals("héllo 'world'", rs.getString(8));
                assertEquals(u, rs.getObject(9));
                assertArrayEquals(new byte[] {0, -1, 7}, rs.getBytes(10));
                assertEquals(ts, rs.getObject(11, LocalDateTime.class));
                assertNull(rs.getObject(12));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void fetchSizeInTransactionUsesSuspendedPortal() throws SQLException {
        try (Connection c = fx.connect("prepareThreshold=-1&binaryTransfer=true")) {
            c.setAutoCommit(false);
            int before = TestHandlers.produced.get();
            try (PreparedStatement ps = c.prepareStatement("select * from test_rows(1000)")) {
                ps.setFetchSize(10);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    // only the first batch was produced: the portal is suspended, not drained
                    assertTrue(TestHandlers.produced.get() - before <= 11, "produced " + (TestHandlers.produced.get() - before));
                    int n = 1;
                    while (rs.next()) {
                        assertEquals(n, rs.getInt("i"));
                        n++;
                    }
                    assertEquals(1000, n);
                }
            }
            c.commit();
            assertEquals('I', status(c));
        }
    }

    @Test
    void cancelStopsSlowStatementAndConnectionStaysUsable() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = fx.connect(""); Statement s = c.createStatement()) {
            timer.schedule(() -> {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            }, 500, TimeUnit.MILLISECONDS);
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery("select * from test_rows(100000, 2)")) {
                    while (rs.next()) { /* drain */ }
                }
            });
            assertEquals("57014", e.getSQLState());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void errorsCarrySqlStateAndPositionAndConnectionSurvives() throws SQLException {
        // simple mode: the server sees the whole string, so the position counts from its start
        try (Connection c = fx.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("select 1; selec 2"));
            assertEquals("42601", e.getSQLState());
            assertEquals(11, e.getServerErrorMessage().getPosition());
            PSQLException unknown = assertThrows(PSQLException.class, () -> s.execute("show no_such_setting"));
            assertEquals("42704", unknown.getSQLState());
            try (ResultSet rs = s.executeQuery("select 'still here'")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
            }
        }
    }

    @Test
    void failedTransactionBlockRejectsUntilRollback() throws SQLException {
        try (Connection c = fx.connect("")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("select 1");
                assertEquals('T', status(c));
                assertThrows(SQLException.class, () -> s.execute("select * from nowhere_at_all"));
                assertEquals('E', status(c));
                SQLException aborted = assertThrows(SQLException.class, () -> s.execute("select 1"));
                assertEquals("25P02", aborted.getSQLState());
                c.rollback();
                assertEquals('I', status(c));
                s.execute("select 1");
            }
        }
    }

    @Test
    void savepointRecoversFailedBlock() throws SQLException {
        try (Connection c = fx.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("begin");
            s.execute("savepoint a");
            assertThrows(SQLException.class, () -> s.execute("select * from nowhere_at_all"));
            s.execute("rollback to savepoint a");
            try (ResultSet rs = s.executeQuery("select 2")) {
                assertTrue(rs.next());
            }
            s.execute("commit");
            assertEquals('I', status(c));
        }
    }

    @Test
    void setOfReportedParameterIsReportedBack() throws SQLException {
        try (Connection c = fx.connect(""); Statement s = c.createStatement()) {
            s.execute("set application_name = 'reporter'");
            // pgjdbc tracks application_name from ParameterStatus
            assertEquals("reporter", c.getClientInfo("ApplicationName"));
            s.execute("set timezone = 'Europe/Berlin'");
            try (ResultSet rs = s.executeQuery("select * from test_rows(1)")) {
                rs.next();
                assertEquals("2024-01-02 04:04:05+01", rs.getString("tstz"));
            }
        }
    }

    @Test
    void emptyQueryAndMultipleStatements() throws SQLException {
        try (Connection c = fx.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            assertFalse(s.execute(""));
            assertTrue(s.execute("select 1; select 'two' as t; set search_path = public"));
            assertEquals(1, first(s.getResultSet()));
            assertTrue(s.getMoreResults());
            assertTrue(s.getResultSet().next());
            assertEquals("two", s.getResultSet().getString("t"));
            assertFalse(s.getMoreResults());
            assertEquals(0, s.getUpdateCount());
        }
    }

    @Test
    void warningsArriveAsNotices() throws SQLException {
        try (Connection c = fx.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("commit");
            SQLWarning w = s.getWarnings();
            assertNotNull(w);
            assertEquals("25P01", w.getSQLState());
        }
    }

    @Test
    void connectionInfoAndSessionFunctions() throws SQLException {
        try (Connection c = fx.connect("ApplicationName=tests"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user, current_database(), current_setting('application_name'), pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals("postgres", rs.getString(1));
            assertEquals("postgres", rs.getString(2));
            assertEquals("tests", rs.getString(3));
            assertEquals(((PGConnection) c).getBackendPID(), rs.getInt(4));
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("15."));
        }
    }

    @Test
    void copyOutThroughCopyManager() throws Exception {
        try (Connection c = fx.connect("")) {
            var out = new java.io.StringWriter();
            long n = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("copy (select * from test_rows(3)) to stdout (format text, delimiter '|')", out);
            assertEquals(3, n);
            String[] lines = out.toString().split("\n");
            assertEquals(3, lines.length);
            assertEquals("2|row 2|10000000002|2.5|2024-01-02 03:04:07|2024-01-02 03:04:07+00|2024-01-03|"
                    + "00000000-0000-0000-0000-000000000002|14.34|t|{\"i\": 2}|\\\\x020102", lines[2]);
            SQLException bad = assertThrows(SQLException.class,
                    () -> c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select 1) to '/tmp/x'", new java.io.StringWriter()));
            assertEquals("0A000", bad.getSQLState());
        }
    }

    private static int first(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        return rs.getInt(1);
    }

    private static char status(Connection c) throws SQLException {
        var ts = c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState();
        return switch (ts) {
            case IDLE -> 'I';
            case OPEN -> 'T';
            case FAILED -> 'E';
        };
    }
}
