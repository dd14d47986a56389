package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Raw sockets sending what no driver would: the server answers 08P01, closes that connection, and lives on. */
class MalformedMessageTest {
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
    void hugeLengthIsRejectedWithoutAllocating() throws Exception {
        try (Socket s = loggedIn()) {
            var out = new DataOutputStream(s.getOutputStream());
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE); // 2 GiB announced, never sent
            out.flush();
            assertFatal08P01ThenClosed(s);
        }
        stillServes();
    }

    @Test
    void unknownMessageTypeIsRejected() throws Exception {
        try (Socket s = loggedIn()) {
            var out = new DataOutputStream(s.getOutputStream());
            out.writeByte('z');
            out.writeInt(4);
            out.flush();
            assertFatal08P01ThenClosed(s);
        }
        stillServes();
    }

    @Test
    void truncatedBodyIsRejected() throws Exception {
        try (Socket s = loggedIn()) {
            var out = new DataOutputStream(s.getOutputStream());
            out.writeByte('P'); // Parse whose strings are not NUL-terminated within its length
            out.writeInt(4 + 3);
            out.writeBytes("abc");
            out.flush();
            assertFatal08P01ThenClosed(s);
        }
        stillServes();
    }

    @Test
    void badStartupLengthIsRejected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.port())) {
            var out = new DataOutputStream(s.getOutputStream());
            out.writeInt(3);
            out.writeInt(196608);
            out.flush();
            assertFatal08P01ThenClosed(s);
        }
        stillServes();
    }

    @Test
    void sslRequestIsDeclinedWithoutTls() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.port())) {
            var out = new DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            assertEquals('N', s.getInputStream().read());
        }
    }

    /** A trust-auth session, read up to its first ReadyForQuery. */
    private static Socket loggedIn() throws IOException {
        Socket s = new Socket("127.0.0.1", fx.port());
        s.setSoTimeout(10_000);
        var body = new ByteArrayOutputStream();
        var b = new DataOutputStream(body);
        b.writeInt(196608);
        for (String kv : new String[] {"user", "postgres", "database", "postgres"}) {
            b.write(kv.getBytes(StandardCharsets.UTF_8));
            b.writeByte(0);
        }
        b.writeByte(0);
        var out = new DataOutputStream(s.getOutputStream());
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
        var in = new DataInputStream(s.getInputStream());
        while (true) {
            int type = in.readUnsignedByte();
            byte[] msg = new byte[in.readInt() - 4];
            in.readFully(msg);
            if (type == 'Z') return s;
            assertNotEquals('E', type, new String(msg, StandardCharsets.UTF_8));
        }
    }

    private static void assertFatal08P01ThenClosed(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        var in = new DataInputStream(s.getInputStream());
        int type = in.readUnsignedByte();
        assertEquals('E', type);
        byte[] msg = new byte[in.readInt() - 4];
        in.readFully(msg);
        String fields = new String(msg, StandardCharsets.UTF_8);
        assertTrue(fields.contains("C08P01"), fields);
        assertTrue(fields.contains("SFATAL"), fields);
        // closed: end of stream, or a reset when our unread bytes were still in the server's socket buffer
        IOException closed = assertThrows(IOException.class, () -> in.readUnsignedByte());
        assertTrue(closed instanceof EOFException || closed instanceof java.net.SocketException, closed.toString());
    }

    private static void stillServes() throws Exception {
        try (Connection c = fx.connect(""); ResultSet rs = c.createStatement().executeQuery("select 42")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }
}
