package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.util.ArrayList;
import java.util.List;
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
            // not reading: socket buffers and the write watermark fill, then the worker waits; give a loaded
            // machine up to 20 s to get there
            int whileStalled = -1;
            for (int i = 0; i < 80; i++) {
                Thread.sleep(250);
                int now = TestHandlers.produced.get() - before;
                if (now == whileStalled) break;
                whileStalled = now;
            }
            Thread.sleep(500);
            int stillStalled = TestHandlers.produced.get() - before;
            assertTrue(whileStalled < rows / 3, "produced " + whileStalled + " rows for a client that reads nothing");
            assertEquals(whileStalled, stillStalled, "the source must be paused, not slowly draining into memory");
            assertEquals(rows, c.readUntilReady('D'), "every row arrives once the client reads");
        }
    }

    @Test
    void pipelinedQueriesAreAnsweredInOrderWhateverRunsThem() throws Exception {
        try (RawClient c = new RawClient(fx.port(), 0)) {
            c.startup(196608, "user", "postgres", "database", "postgres");
            assertEquals(0, c.readUntilReady('E'));
            // a slow statement (worker) followed at once by instant ones (fast path when the worker is idle)
            c.query("select * from test_rows(3, 100)");
            Thread.sleep(20);
            c.query("select 'second'");
            c.query("show application_name");
            List<String> seen = new ArrayList<>();
            for (int ready = 0; ready < 3; ) {
                RawClient.Msg m = c.read();
                if (m.type() == 'Z') ready++;
                if (m.type() == 'C') seen.add(m.text().replace(String.valueOf((char) 0), ""));
            }
            assertEquals(List.of("SELECT 3", "SELECT 1", "SHOW"), seen);
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
