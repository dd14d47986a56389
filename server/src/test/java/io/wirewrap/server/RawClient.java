package io.wirewrap.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare protocol client for what drivers never do (malformed input, not reading, protocol 3.1). */
final class RawClient implements AutoCloseable {
    record Msg(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    RawClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    void startup(int protocol, String... keyValues) throws IOException {
        var body = new ByteArrayOutputStream();
        var b = new DataOutputStream(body);
        b.writeInt(protocol);
        for (String kv : keyValues) {
            b.write(kv.getBytes(StandardCharsets.UTF_8));
            b.writeByte(0);
        }
        b.writeByte(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
    }

    void query(String sql) throws IOException {
        byte[] s = sql.getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(4 + s.length + 1);
        out.write(s);
        out.writeByte(0);
        out.flush();
    }

    Msg read() throws IOException {
        char type = (char) in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Msg(type, body);
    }

    /** Reads until ReadyForQuery; returns how many messages of {@code type} came. */
    int readUntilReady(char type) throws IOException {
        int n = 0;
        for (Msg m = read(); m.type() != 'Z'; m = read()) {
            if (m.type() == 'E') throw new AssertionError("error: " + m.text());
            if (m.type() == type) n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
