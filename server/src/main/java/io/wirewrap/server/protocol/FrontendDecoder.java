package io.wirewrap.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames and decodes frontend messages. Before the StartupMessage, packets have no type byte (SSLRequest,
 * GSSENCRequest, CancelRequest, StartupMessage); after it, every message is type byte + int32 length + body.
 * A length is checked against the cap before a single byte is buffered for it, so an untrusted length never
 * makes the server allocate; anything malformed raises {@link ProtocolViolation}.
 */
public final class FrontendDecoder extends ByteToMessageDecoder {
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_PACKET = 10_000;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    private final int maxMessageSize;
    private boolean started;
    private boolean failed; // after a violation the connection is closing: ignore whatever else arrives

    public FrontendDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeFrame(in, out);
        } catch (ProtocolViolation e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeFrame(ByteBuf in, List<Object> out) {
        if (!started) {
            decodeStartupPacket(in, out);
        } else {
            decodeMessage(in, out);
        }
    }

    private void decodeStartupPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) return;
        int len = in.getInt(in.readerIndex());
        if (len < 8 || len > MAX_STARTUP_PACKET) throw new ProtocolViolation("invalid length of startup packet");
        if (in.readableBytes() < len) return;
        in.skipBytes(4);
        ByteBuf body = in.readSlice(len - 4);
        int code = body.readInt();
        switch (code) {
            case SSL_REQUEST, GSSENC_REQUEST -> {
                if (body.isReadable()) throw new ProtocolViolation("invalid length of startup packet");
                // Bytes after an encryption request must not be acted on before the handshake (CVE-2021-23214)
                if (in.isReadable()) throw new ProtocolViolation("received unencrypted data after SSL request");
                out.add(code == SSL_REQUEST ? new FrontendMessage.SslRequest() : new FrontendMessage.GssEncRequest());
            }
            case CANCEL_REQUEST -> {
                if (body.readableBytes() != 8) throw new ProtocolViolation("invalid length of cancel request packet");
                out.add(new FrontendMessage.CancelRequest(body.readInt(), body.readInt()));
            }
            default -> {
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    String key = cstring(body);
                    if (key.isEmpty()) break;
                    params.put(key, cstring(body));
                }
                if (body.isReadable()) throw new ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
                started = true;
                out.add(new FrontendMessage.Startup(code, params));
            }
        }
    }

    private void decodeMessage(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) return;
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int len = in.getInt(start + 1);
        if (!knownType(type)) throw new ProtocolViolation("invalid frontend message type " + (type & 0xFF));
        if (len < 4) throw new ProtocolViolation("invalid message length");
        if (len > maxMessageSize) throw new ProtocolViolation("message length " + len + " exceeds the maximum of " + maxMessageSize + " bytes");
        if (in.readableBytes() < 1 + len) return;
        in.skipBytes(5);
        ByteBuf body = in.readSlice(len - 4);
        FrontendMessage m = parse(type, body);
        if (body.isReadable()) throw new ProtocolViolation("invalid message format");
        out.add(m);
    }

    private static boolean knownType(byte type) {
        return switch (type) {
            case 'p', 'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'X', 'd', 'c', 'f', 'F' -> true;
            default -> false;
        };
    }

    private static FrontendMessage parse(byte type, ByteBuf b) {
        return switch (type) {
            case 'p' -> new FrontendMessage.PasswordData(bytes(b, b.readableBytes()));
            case 'Q' -> new FrontendMessage.Query(cstring(b));
            case 'P' -> {
                String name = cstring(b);
                String sql = cstring(b);
                int n = u16(b);
                need(b, 4L * n);
                int[] types = new int[n];
                for (int i = 0; i < n; i++) types[i] = b.readInt();
                yield new FrontendMessage.Parse(name, sql, types);
            }
            case 'B' -> {
                String portal = cstring(b);
                String stmt = cstring(b);
                short[] formats = shorts(b);
                int n = u16(b);
                byte[][] values = new byte[n][];
                for (int i = 0; i < n; i++) {
                    need(b, 4);
                    int len = b.readInt();
                    if (len < -1) throw new ProtocolViolation("invalid parameter length " + len);
                    values[i] = len == -1 ? null : bytes(b, len);
                }
                yield new FrontendMessage.Bind(portal, stmt, formats, values, shorts(b));
            }
            case 'D', 'C' -> {
                need(b, 1);
                char kind = (char) b.readByte();
                if (kind != 'S' && kind != 'P') throw new ProtocolViolation("invalid " + (type == 'D' ? "DESCRIBE" : "CLOSE") + " message subtype " + (int) kind);
                String name = cstring(b);
                yield type == 'D' ? new FrontendMessage.Describe(kind, name) : new FrontendMessage.Close(kind, name);
            }
            case 'E' -> {
                String portal = cstring(b);
                need(b, 4);
                yield new FrontendMessage.Execute(portal, b.readInt());
            }
            case 'S' -> new FrontendMessage.Sync();
            case 'H' -> new FrontendMessage.Flush();
            case 'X' -> new FrontendMessage.Terminate();
            case 'd' -> new FrontendMessage.CopyData(bytes(b, b.readableBytes()));
            case 'c' -> new FrontendMessage.CopyDone();
            case 'f' -> new FrontendMessage.CopyFail(cstring(b));
            case 'F' -> {
                b.skipBytes(b.readableBytes());
                yield new FrontendMessage.FunctionCall();
            }
            default -> throw new ProtocolViolation("invalid frontend message type " + (type & 0xFF));
        };
    }

    private static void need(ByteBuf b, long n) {
        if (b.readableBytes() < n) throw new ProtocolViolation("insufficient data left in message");
    }

    private static int u16(ByteBuf b) {
        need(b, 2);
        return b.readUnsignedShort();
    }

    private static short[] shorts(ByteBuf b) {
        int n = u16(b);
        need(b, 2L * n);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = b.readShort();
        return s;
    }

    private static byte[] bytes(ByteBuf b, int n) {
        need(b, n);
        byte[] out = new byte[n];
        b.readBytes(out);
        return out;
    }

    /** A NUL-terminated UTF-8 string inside the message body. */
    static String cstring(ByteBuf b) {
        int nul = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
        if (nul < 0) throw new ProtocolViolation("invalid string in message");
        String s = b.toString(b.readerIndex(), nul - b.readerIndex(), StandardCharsets.UTF_8);
        b.readerIndex(nul + 1);
        return s;
    }
}
