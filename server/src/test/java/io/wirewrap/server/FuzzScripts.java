package io.wirewrap.server;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates what one fuzzing connection sends, from a seed: frontend messages that are valid, valid but out
 * of order or with hostile contents (the session must survive them), or broken (mutated lengths and fields,
 * truncation, random bytes, huge declared lengths: the session may end, with 08P01).
 */
final class FuzzScripts {
    /** One message (or what stands in for one) and whether it may legitimately end the session. */
    record Frame(byte[] bytes, boolean mayEndSession) {}

    /** {@code startupFuzzed}: the frames replace the startup packet, so replies are not framed messages yet. */
    record Script(boolean startupFuzzed, List<Frame> frames) {
        boolean survivable() {
            return !startupFuzzed && frames.stream().noneMatch(Frame::mayEndSession);
        }
    }

    private static final String[] SQL = {
        "select 1", "select $1::int", "select $1, $2", "select 1; select 2", "begin", "commit", "rollback", "savepoint s",
        "release s", "rollback to s", "set application_name = 'fuzz'", "show all", "select * from test_rows(3)",
        "select * from nosuch", "", ";", "selec 1", "select 'unterminated", "copy (select 1) to stdout",
        "select test_echo($1)", "deallocate all", "discard all", "select current_setting('nosuch')",
        "set statement_timeout = -1", "select 1::int2 + 1000000", "select '\\x00'::bytea", "end", "abort",
        "select \"\"", "select e'\\0'", "select $99", "select 1 from test_rows(1) where $1",
    };
    private static final String[] NAMES = {"", "s1", "p1", "a", "unnamed", "x".repeat(100)};

    private final Random r;
    private final int maxMessageSize;

    FuzzScripts(long seed, int maxMessageSize) {
        this.r = new Random(seed);
        this.maxMessageSize = maxMessageSize;
    }

    Script next() {
        List<Frame> frames = new ArrayList<>();
        if (r.nextInt(100) < 8) {
            frames.add(new Frame(brokenStartup(), true));
            for (int i = r.nextInt(4); i > 0; i--) frames.add(new Frame(r.nextBoolean() ? anyMessage() : randomBytes(200), true));
            return new Script(true, frames);
        }
        int n = 20 + r.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(100) < 1) {
                frames.add(new Frame(broken(), true));
            } else {
                frames.add(new Frame(anyMessage(), false));
            }
        }
        return new Script(false, frames);
    }

    static byte[] startup() {
        return startupPacket(196608, "user", "postgres", "database", "postgres");
    }

    // ---- messages a session survives ------------------------------------------------------------------

    private byte[] anyMessage() {
        return switch (r.nextInt(14)) {
            case 0, 1 -> msg('Q', cstr(sql()));
            case 2, 3 -> parse(name(), sql(), types());
            case 4, 5 -> bind(name(), name());
            case 6 -> msg('D', cat(new byte[] {(byte) (r.nextBoolean() ? 'S' : 'P')}, cstr(name())));
            case 7 -> msg('C', cat(new byte[] {(byte) (r.nextBoolean() ? 'S' : 'P')}, cstr(name())));
            case 8, 9 -> msg('E', cat(cstr(name()), int32(r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(3))));
            case 10 -> msg('S', new byte[0]);
            case 11 -> msg('H', new byte[0]);
            case 12 -> switch (r.nextInt(3)) { // COPY messages outside COPY are ignored
                case 0 -> msg('d', randomBytes(50));
                case 1 -> msg('c', new byte[0]);
                default -> msg('f', cstr(utf8Mess()));
            };
            default -> msg('F', randomBytes(20)); // fast-path function call: 0A000
        };
    }

    private byte[] parse(byte[] name, byte[] sql, int[] types) {
        var b = new Bytes();
        b.write(cstr(name)).write(cstr(sql)).int16(types.length);
        for (int t : types) b.int32(t);
        return msg('P', b.toByteArray());
    }

    private byte[] bind(byte[] portal, byte[] statement) {
        var b = new Bytes();
        b.write(cstr(portal)).write(cstr(statement));
        int formats = r.nextInt(3);
        b.int16(formats);
        for (int i = 0; i < formats; i++) b.int16(r.nextInt(4) == 0 ? r.nextInt(5) - 1 : r.nextInt(2));
        int values = r.nextInt(3);
        b.int16(values);
        for (int i = 0; i < values; i++) {
            if (r.nextInt(5) == 0) {
                b.int32(-1);
            } else {
                byte[] v = r.nextBoolean() ? Integer.toString(r.nextInt()).getBytes(StandardCharsets.US_ASCII) : randomBytes(9);
                b.int32(v.length).write(v);
            }
        }
        int results = r.nextInt(3);
        b.int16(results);
        for (int i = 0; i < results; i++) b.int16(r.nextInt(4) == 0 ? r.nextInt(7) - 3 : r.nextInt(2));
        return msg('B', b.toByteArray());
    }

    private byte[] sql() {
        return switch (r.nextInt(6)) {
            case 0 -> utf8Mess();
            case 1 -> cat(SQL[r.nextInt(SQL.length)].getBytes(StandardCharsets.UTF_8), utf8Mess());
            default -> SQL[r.nextInt(SQL.length)].getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] name() {
        return r.nextInt(8) == 0 ? utf8Mess() : NAMES[r.nextInt(NAMES.length)].getBytes(StandardCharsets.UTF_8);
    }

    private int[] types() {
        int[] t = new int[r.nextInt(3)];
        for (int i = 0; i < t.length; i++) t[i] = r.nextInt(4) == 0 ? r.nextInt() : new int[] {0, 23, 25, 16, 17, 1700}[r.nextInt(6)];
        return t;
    }

    /** Invalid UTF-8 (lone continuation bytes, truncated sequences, overlongs, 0xFF) but no NUL. */
    private byte[] utf8Mess() {
        byte[][] pieces = {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "é".getBytes(StandardCharsets.UTF_8),
                "'".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8), "$$".getBytes(StandardCharsets.UTF_8),
                "select ".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)};
        var b = new Bytes();
        for (int i = 1 + r.nextInt(6); i > 0; i--) b.write(pieces[r.nextInt(pieces.length)]);
        return b.toByteArray();
    }

    // ---- messages that may end the session ------------------------------------------------------------

    private byte[] broken() {
        byte[] valid = anyMessage();
        return switch (r.nextInt(8)) {
            case 0 -> withLength(valid, hostileLength(valid.length - 1));
            case 1 -> java.util.Arrays.copyOf(valid, 1 + r.nextInt(valid.length)); // truncated: the stream desynchronises
            case 2 -> flipped(valid);
            case 3 -> randomBytes(1 + r.nextInt(2000));
            case 4 -> msg((char) r.nextInt(256), randomBytes(r.nextInt(30))); // unknown type (mostly)
            case 5 -> msg('p', randomBytes(r.nextInt(30))); // password message outside authentication
            case 6 -> parse(nulName(), sql(), types()); // NUL inside an identifier shifts every later field
            default -> cat(new byte[] {'Q'}, int32(hostileLength(0)), randomBytes(r.nextInt(64))); // huge declared, little sent
        };
    }

    private int hostileLength(int real) {
        return switch (r.nextInt(8)) {
            case 0 -> Integer.MAX_VALUE;
            case 1 -> Integer.MIN_VALUE + r.nextInt(1000);
            case 2 -> r.nextInt(4); // below the length field itself
            case 3 -> maxMessageSize + 1 + r.nextInt(10);
            case 4 -> maxMessageSize - r.nextInt(10); // allowed, never completed
            case 5 -> real + 1 + r.nextInt(100);
            case 6 -> Math.max(0, real - 1 - r.nextInt(4));
            default -> r.nextInt();
        };
    }

    private byte[] nulName() {
        return cat("a".getBytes(StandardCharsets.UTF_8), new byte[] {0}, "b".getBytes(StandardCharsets.UTF_8));
    }

    private byte[] flipped(byte[] valid) {
        byte[] b = valid.clone();
        for (int i = 1 + r.nextInt(3); i > 0; i--) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
    }

    private byte[] brokenStartup() {
        return switch (r.nextInt(9)) {
            case 0 -> randomBytes(1 + r.nextInt(300));
            case 1 -> withLength0(startup(), hostileLength(startup().length));
            case 2 -> java.util.Arrays.copyOf(startup(), 4 + r.nextInt(startup().length - 4)); // partial, then EOF
            case 3 -> cat(int32(8), int32(80877103), randomBytes(1 + r.nextInt(40))); // SSLRequest + unencrypted bytes
            case 4 -> cat(int32(16), int32(80877102), randomBytes(8)); // cancel with a random pid/key
            case 5 -> startupPacket(r.nextInt(), "user", "postgres"); // random protocol version
            case 6 -> startupPacket(196608, new String(utf8Mess(), StandardCharsets.ISO_8859_1), "x"); // odd parameter names
            case 7 -> cat(int32(8), int32(80877104), startup()); // GSSENCRequest, declined, then a real startup
            default -> startupPacket(196608, "user", "nobody\u0000role"); // NUL inside the user name
        };
    }

    // ---- encoding ------------------------------------------------------------------------------------

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static byte[] msg(char type, byte[] body) {
        return cat(new byte[] {(byte) type}, int32(body.length + 4), body);
    }

    private static byte[] withLength(byte[] message, int length) {
        byte[] b = message.clone();
        System.arraycopy(int32(length), 0, b, 1, 4);
        return b;
    }

    private static byte[] withLength0(byte[] packet, int length) {
        byte[] b = packet.clone();
        System.arraycopy(int32(length), 0, b, 0, 4);
        return b;
    }

    static byte[] startupPacket(int protocol, String... keyValues) {
        var b = new Bytes();
        b.int32(protocol);
        for (String kv : keyValues) b.write(cstr(kv.getBytes(StandardCharsets.ISO_8859_1)));
        b.write(new byte[] {0});
        byte[] body = b.toByteArray();
        return cat(int32(body.length + 4), body);
    }

    static byte[] query(String sql) {
        return msg('Q', cstr(sql.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] cstr(byte[] s) {
        return cat(s, new byte[] {0});
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] cat(byte[]... parts) {
        var b = new Bytes();
        for (byte[] p : parts) b.write(p);
        return b.toByteArray();
    }

    private static final class Bytes {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(buf);

        Bytes write(byte[] b) {
            buf.writeBytes(b);
            return this;
        }

        Bytes int16(int v) {
            try {
                out.writeShort(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Bytes int32(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] toByteArray() {
            return buf.toByteArray();
        }
    }
}
