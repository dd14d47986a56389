package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Sends at least 100,000 generated frontend messages ({@link FuzzScripts}, fixed seed) over thousands of
 * connections to an in-process server, 16 at a time, and checks what a user of the server would: it never
 * hangs a connection (every one ends in an answer or a close), never fails with an internal error, keeps
 * sessions that only sent survivable messages usable, never comes near the heap it would need to honour a
 * hostile length, and serves a fresh pgjdbc client afterwards. {@code -Dwirewrap.fuzz.messages=N} for a
 * longer run, {@code -Dwirewrap.fuzz.seed=S} for another sequence.
 */
class ProtocolFuzzTest {
    private static final long SEED = Long.getLong("wirewrap.fuzz.seed", 20261125L);
    private static final long MESSAGES = Long.getLong("wirewrap.fuzz.messages", 100_000L);
    private static final int PARALLEL = 16;
    private static final int MAX_MESSAGE_SIZE = 1 << 20;
    /** Honouring one 2^31-1 declared length would need 2 GiB; a leak of buffered messages would show too. */
    private static final long HEAP_CAP = 1L << 30;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger errorResponses = new AtomicInteger();
    private final AtomicInteger survivedChecks = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @Test
    void hostileFrontendMessagesNeverCrashHangOrExhaustTheServer() throws Exception {
        var config = ServerConfig.builder().port(0).auth(AuthMethod.TRUST).authFailureDelayMillis(0)
                .maxConnections(PARALLEL * 4).maxMessageSize(MAX_MESSAGE_SIZE);
        try (var fx = new ServerFixture(config)) {
            var heap = ManagementFactory.getMemoryMXBean();
            var peakHeap = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            var nextConnection = new AtomicInteger();
            for (int t = 0; t < PARALLEL; t++) {
                pool.submit(() -> {
                    while (sent.get() < MESSAGES && failures.size() < 20) {
                        int i = nextConnection.getAndIncrement();
                        FuzzScripts.Script script = new FuzzScripts(SEED * 1_000_003L + i, MAX_MESSAGE_SIZE).next();
                        try {
                            runConnection(fx.port(), i, script);
                        } catch (Exception e) {
                            failures.add("connection " + i + ": " + e);
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "fuzzing did not finish");
            sampler.interrupt();
            double seconds = (System.nanoTime() - start) / 1e9;
            int internalErrors = (int) failures.stream().filter(f -> f.contains("XX000")).count();
            System.out.printf("protocol fuzz: %d messages sent on %d connections in %.1f s (seed %d); %d ErrorResponses;"
                            + " %d survivable sessions still answered select 1; crashes/hangs/internal errors: %d"
                            + " (internal %d); peak heap %d MB%n",
                    sent.get(), connections.get(), seconds, SEED, errorResponses.get(), survivedChecks.get(), failures.size(),
                    internalErrors, peakHeap.get() >> 20);
            assertEquals(List.of(), List.copyOf(failures));
            assertTrue(sent.get() >= MESSAGES, "sent " + sent.get());
            assertTrue(survivedChecks.get() > connections.get() / 3, "a third or more of the sessions get only survivable messages and are checked");
            assertTrue(peakHeap.get() < HEAP_CAP, "heap peaked at " + (peakHeap.get() >> 20) + " MB");
            for (int i = 0; i < 100 && fx.server.openConnections() > 0; i++) Thread.sleep(100);
            assertEquals(0, fx.server.openConnections(), "every fuzzed session released its slot");
            try (Connection c = fx.connect(""); ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    /**
     * Writes the script from a second thread while this one reads the answers. A session that only got
     * survivable messages must still answer {@code select 1} at the end; any other is half-closed by us once
     * everything is written (a truncated message would otherwise wait for its rest, as in PostgreSQL) and
     * must then close. A read that times out is a hang.
     */
    private void runConnection(int port, int index, FuzzScripts.Script script) throws Exception {
        connections.incrementAndGet();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            boolean survivable = script.survivable();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    if (!script.startupFuzzed()) out.write(FuzzScripts.startup());
                    for (FuzzScripts.Frame f : script.frames()) {
                        out.write(f.bytes());
                        sent.incrementAndGet();
                    }
                    if (survivable) {
                        out.write(FuzzScripts.msg('S', new byte[0]));
                        out.write(FuzzScripts.query("rollback"));
                        out.write(FuzzScripts.query("select 1 as fuzz_alive"));
                    } else {
                        s.shutdownOutput();
                    }
                } catch (IOException closedByServer) {
                    // the server ended the session: what is left is not sent
                }
            });
            try {
                if (script.startupFuzzed()) {
                    drainToEof(s.getInputStream());
                } else {
                    readSession(new DataInputStream(s.getInputStream()), survivable, index);
                    if (survivable) {
                        out.write(FuzzScripts.msg('X', new byte[0]));
                        drainToEof(s.getInputStream());
                    }
                }
            } catch (SocketTimeoutException e) {
                failures.add("connection " + index + " hung (no answer and no close in 30 s)");
            } finally {
                writer.join(30_000);
            }
        }
    }

    private void readSession(DataInputStream in, boolean survivable, int index) throws IOException {
        boolean sawAliveRow = false;
        while (true) {
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException | SocketException closed) {
                if (survivable) failures.add("connection " + index + ": survivable session closed by the server");
                return;
            }
            int len = in.readInt();
            if (len < 4 || len > 64 << 20) {
                failures.add("connection " + index + ": server sent a malformed message (type " + type + ", length " + len + ")");
                return;
            }
            byte[] body = new byte[len - 4];
            in.readFully(body);
            if (type == 'E') {
                errorResponses.incrementAndGet();
                String text = new String(body, StandardCharsets.UTF_8);
                if (text.contains("CXX000")) failures.add("connection " + index + ": internal error " + text.replace('\0', '|'));
            }
            if (type == 'T' && new String(body, StandardCharsets.UTF_8).contains("fuzz_alive")) sawAliveRow = true;
            if (survivable && sawAliveRow && type == 'Z') {
                survivedChecks.incrementAndGet();
                return;
            }
        }
    }

    private static void drainToEof(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // answers to a broken startup are not framed messages yet ('N' for SSLRequest, ...): just drain
            }
        } catch (SocketException reset) {
            // closed with our bytes unread: also a close
        }
    }
}
