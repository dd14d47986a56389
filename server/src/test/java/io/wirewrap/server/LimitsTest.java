package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configurable limits of docs/protocol.md "Limits and safety", each hit from a client. */
class LimitsTest {
    private static ServerConfig.Builder config() {
        return ServerConfig.builder().port(0).auth(AuthMethod.TRUST).authFailureDelayMillis(0);
    }

    @Test
    void messageOverTheConfiguredMaximumIsFatalAndTheNextClientIsServed() throws Exception {
        try (var fx = new ServerFixture(config().maxMessageSize(2048))) {
            try (RawClient c = loggedIn(fx)) {
                c.query("select '" + "x".repeat(1500) + "'");
                assertEquals(1, c.readUntilReady('D'), "a message under the limit runs");
                c.query("select '" + "x".repeat(3000) + "'");
                assertFatal(c, "08P01");
                assertClosed(c);
            }
            assertSelectOne(fx);
        }
    }

    @Test
    void connectionsBeyondTheMaximumGetTooManyClients() throws Exception {
        try (var fx = new ServerFixture(config().maxConnections(3))) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) held.add(fx.connect(""));
                SQLException e = assertThrows(SQLException.class, () -> fx.connect("").close());
                assertEquals("53300", e.getSQLState());
                assertTrue(e.getMessage().contains("too many clients"), e.getMessage());
                held.remove(0).close();
                // the slot frees when the server has seen the close: retry briefly
                Connection again = null;
                for (int i = 0; i < 100 && again == null; i++) {
                    try {
                        again = fx.connect("");
                    } catch (SQLException busy) {
                        assertEquals("53300", busy.getSQLState());
                        Thread.sleep(100);
                    }
                }
                assertNotNull(again, "a freed slot is reusable");
                held.add(again);
            } finally {
                for (Connection c : held) c.close();
            }
        }
    }

    @Test
    void clientStallingInAPartialStartupPacketIsDropped() throws Exception {
        try (var fx = new ServerFixture(config().authenticationTimeoutSeconds(1))) {
            try (Socket s = new Socket("127.0.0.1", fx.port())) {
                s.setSoTimeout(30_000); // far above the 1 s timeout: a hang fails the test instead of blocking it
                var out = new DataOutputStream(s.getOutputStream());
                out.writeInt(40); // announces a 40-byte startup packet, sends 8 bytes of it, then stalls
                out.writeInt(196608);
                out.writeBytes("user");
                out.flush();
                assertEquals(-1, s.getInputStream().read(), "dropped without a reply, like PostgreSQL");
            }
            try (Socket silent = new Socket("127.0.0.1", fx.port())) {
                silent.setSoTimeout(30_000);
                assertEquals(-1, silent.getInputStream().read(), "a client that sends nothing is dropped too");
            }
            assertSelectOne(fx);
        }
    }

    @Test
    void idleSessionsAreClosedButBusyOnesAreNot() throws Exception {
        try (var fx = new ServerFixture(config().idleSessionTimeoutSeconds(1))) {
            try (RawClient c = loggedIn(fx)) {
                c.query("select * from test_rows(3, 700)"); // 2.1 s of work with no client traffic
                assertEquals(3, c.readUntilReady('D'), "a statement running longer than the timeout finishes");
                assertFatal(c, "57P05"); // then silence
                assertClosed(c);
            }
            try (RawClient c = loggedIn(fx)) {
                c.query("begin");
                c.readUntilReady('E');
                assertFatal(c, "25P03");
                assertClosed(c);
            }
            assertEquals(0, waitForNoConnections(fx), "the dropped sessions freed their slots");
        }
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsHeldBackByTcp() throws Exception {
        try (var fx = new ServerFixture(config())) {
            String sql = "select '" + "x".repeat(4000) + "'"; // 4 KB each way
            int queries = 20_000; // 80 MB if the server took it all in
            long total = (long) queries * (sql.length() + 6);
            var written = new java.util.concurrent.atomic.AtomicLong();
            RawClient c = loggedIn(fx, 32 * 1024); // a small receive buffer: our side absorbs little of the answers
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < queries; i++) {
                        c.query(sql);
                        written.addAndGet(sql.length() + 6);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            try {
                // the server answers until its output to us is full, then stops reading: our writes stall
                // stalled = no progress for 3 s in a row (a loaded machine may pause the writer for a moment)
                long seen = -1;
                for (int still = 0, i = 0; still < 6 && i < 300; i++) {
                    long now = written.get();
                    still = now == seen ? still + 1 : 0;
                    seen = now;
                    Thread.sleep(500);
                }
                System.out.printf("pipelining client that never reads: server took %d of %d bytes%n", written.get(), total);
                assertTrue(writer.isAlive(), "all " + total + " bytes were accepted by a server whose client reads nothing");
                // what it did take: the server's socket buffers (kernel autotuning: up to 32 MB in, 4 MB out), 1 MB of
                // queued output and a few hundred queued messages
                assertTrue(written.get() < total * 3 / 4, "server took " + written.get() + " of " + total + " bytes");
            } finally {
                c.close();
                writer.join(30_000);
            }
            assertEquals(0, waitForNoConnections(fx));
            assertSelectOne(fx);
        }
    }

    private static int waitForNoConnections(ServerFixture fx) throws InterruptedException {
        for (int i = 0; i < 100 && fx.server.openConnections() > 0; i++) Thread.sleep(100);
        return fx.server.openConnections();
    }

    static RawClient loggedIn(ServerFixture fx) throws IOException {
        return loggedIn(fx, 0);
    }

    static RawClient loggedIn(ServerFixture fx, int receiveBuffer) throws IOException {
        RawClient c = new RawClient(fx.port(), receiveBuffer);
        c.startup(196608, "user", "postgres", "database", "postgres");
        assertEquals(0, c.readUntilReady('E'));
        return c;
    }

    static void assertFatal(RawClient c, String sqlState) throws IOException {
        RawClient.Msg m = c.read();
        assertEquals('E', m.type(), m.text());
        assertTrue(m.text().contains("SFATAL"), m.text());
        assertTrue(m.text().contains("C" + sqlState), m.text());
    }

    static void assertClosed(RawClient c) {
        IOException closed = assertThrows(IOException.class, c::read);
        assertTrue(closed instanceof EOFException || closed instanceof SocketException, closed.toString());
    }

    static void assertSelectOne(ServerFixture fx) throws SQLException {
        try (Connection c = fx.connect(""); ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }
}
