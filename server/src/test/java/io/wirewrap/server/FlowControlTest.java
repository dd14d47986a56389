package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backpressure toward slow readers and protocol-version negotiation, seen from a bare socket. */
class FlowControlTest {
    static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(AuthMethod.TRUST);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aClientThatDoesNotReadPausesTheRowSource() throws Exception {
        int rows = 300_000; // about 45 MB of DataRows
        try (RawClient c = new RawClient(fx.port(), 32 * 1024)) {
            c.startup(196608, "user", "postgres", "database", "postgres");
            assertEquals(0, c.readUntilReady('E'));
            int before = TestHandlers.produced.get();
            c.query("select * from test_rows(" + rows + ")");
            Thread.sleep(2000); // not reading: socket buffers and the write watermark fill, then the worker waits
            int whileStalled = TestHandlers.produced.get() - before;
            Thread.sleep(500);
            int stillStalled = TestHandlers.produced.get() - before;
            assertTrue(whileStalled < rows / 3, "produced " + whileStalled + " rows for a client that reads nothing");
            assertEquals(whileStalled, stillStalled, "the source must be paused, not slowly draining into memory");
            assertEquals(rows, c.readUntilReady('D'), "every row arrives once the client reads");
        }
    }

    @Test
    void newerMinorVersionAndUnknownOptionsAreNegotiatedDown() throws Exception {
        try (RawClient c = new RawClient(fx.port(), 0)) {
            c.startup(3 << 16 | 2, "user", "postgres", "_pq_.compression", "on");
            RawClient.Msg first = c.read();
            assertEquals('v', first.type());
            var body = java.nio.ByteBuffer.wrap(first.body());
            assertEquals(3 << 16, body.getInt(), "newest supported: 3.0");
            assertEquals(1, body.getInt());
            assertTrue(first.text().contains("_pq_.compression"));
            assertEquals(0, c.readUntilReady('E'));
            c.query("select 1");
            assertEquals(1, c.readUntilReady('D'));
        }
    }

    @Test
    void unsupportedMajorVersionIsRefused() throws Exception {
        try (RawClient c = new RawClient(fx.port(), 0)) {
            c.startup(2 << 16, "user", "postgres");
            RawClient.Msg m = c.read();
            assertEquals('E', m.type());
            assertTrue(m.text().contains("C0A000"), m.text());
        }
    }
}
