package io.wirewrap.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.wirewrap.sql.api.ResultColumn;
import java.util.List;

/**
 * Writes backend (server to client) messages straight into a buffer: type byte, int32 length patched in
 * afterwards, body. No message objects, because a result set is mostly DataRows.
 */
public final class Backend {
    private Backend() {}

    /** Starts a message; returns the index of its length field for {@link #end}. */
    public static int begin(ByteBuf b, char type) {
        b.writeByte(type);
        int at = b.writerIndex();
        b.writeInt(0);
        return at;
    }

    public static void end(ByteBuf b, int lengthAt) {
        b.setInt(lengthAt, b.writerIndex() - lengthAt);
    }

    public static void cstring(ByteBuf b, String s) {
        ByteBufUtil.writeUtf8(b, s);
        b.writeByte(0);
    }

    public static void authOk(ByteBuf b) {
        authRequest(b, 0);
    }

    public static void authCleartext(ByteBuf b) {
        authRequest(b, 3);
    }

    private static void authRequest(ByteBuf b, int code) {
        b.writeByte('R').writeInt(8).writeInt(code);
    }

    public static void authMd5(ByteBuf b, byte[] salt) {
        b.writeByte('R').writeInt(12).writeInt(5).writeBytes(salt);
    }

    public static void authSasl(ByteBuf b, String mechanism) {
        int at = begin(b, 'R');
        b.writeInt(10);
        cstring(b, mechanism);
        b.writeByte(0);
        end(b, at);
    }

    /** AuthenticationSASLContinue (11) or AuthenticationSASLFinal (12). */
    public static void authSaslData(ByteBuf b, int code, byte[] data) {
        b.writeByte('R').writeInt(8 + data.length).writeInt(code).writeBytes(data);
    }

    public static void parameterStatus(ByteBuf b, String name, String value) {
        int at = begin(b, 'S');
        cstring(b, name);
        cstring(b, value);
        end(b, at);
    }

    public static void backendKeyData(ByteBuf b, int pid, int secret) {
        b.writeByte('K').writeInt(12).writeInt(pid).writeInt(secret);
    }

    public static void negotiateProtocolVersion(ByteBuf b, int newestMinor, List<String> unrecognized) {
        int at = begin(b, 'v');
        b.writeInt(3 << 16 | newestMinor);
        b.writeInt(unrecognized.size());
        for (String o : unrecognized) cstring(b, o);
        end(b, at);
    }

    public static void readyForQuery(ByteBuf b, char status) {
        b.writeByte('Z').writeInt(5).writeByte(status);
    }

    /** RowDescription; formats: empty (all text), one (for all) or one per column. */
    public static void rowDescription(ByteBuf b, List<ResultColumn> cols, short[] formats) {
        int at = begin(b, 'T');
        b.writeShort(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            ResultColumn c = cols.get(i);
            cstring(b, c.name());
            b.writeInt(c.tableOid());
            b.writeShort(c.attributeNumber());
            b.writeInt(c.typeOid());
            b.writeShort(c.typeSize());
            b.writeInt(c.typeModifier());
            b.writeShort(formatOf(formats, i));
        }
        end(b, at);
    }

    public static short formatOf(short[] formats, int column) {
        if (formats == null || formats.length == 0) return 0;
        return formats.length == 1 ? formats[0] : formats[column];
    }

    public static void parameterDescription(ByteBuf b, int[] types) {
        b.writeByte('t').writeInt(6 + 4 * types.length).writeShort(types.length);
        for (int t : types) b.writeInt(t);
    }

    public static void commandComplete(ByteBuf b, String tag) {
        int at = begin(b, 'C');
        cstring(b, tag);
        end(b, at);
    }

    public static void emptyQuery(ByteBuf b) {
        simple(b, 'I');
    }

    public static void parseComplete(ByteBuf b) {
        simple(b, '1');
    }

    public static void bindComplete(ByteBuf b) {
        simple(b, '2');
    }

    public static void closeComplete(ByteBuf b) {
        simple(b, '3');
    }

    public static void noData(ByteBuf b) {
        simple(b, 'n');
    }

    public static void portalSuspended(ByteBuf b) {
        simple(b, 's');
    }

    public static void copyDone(ByteBuf b) {
        simple(b, 'c');
    }

    private static void simple(ByteBuf b, char type) {
        b.writeByte(type).writeInt(4);
    }

    /** CopyOutResponse ('H') or CopyInResponse ('G'): overall text format, every column text. */
    public static void copyResponse(ByteBuf b, char type, int columns) {
        b.writeByte(type).writeInt(7 + 2 * columns).writeByte(0).writeShort(columns);
        for (int i = 0; i < columns; i++) b.writeShort(0);
    }

    /** ErrorResponse ('E') or NoticeResponse ('N'). */
    public static void error(ByteBuf b, char type, ErrorFields f) {
        int at = begin(b, type);
        field(b, 'S', f.severity());
        field(b, 'V', f.severity());
        field(b, 'C', f.sqlState());
        field(b, 'M', f.message());
        if (f.detail() != null) field(b, 'D', f.detail());
        if (f.hint() != null) field(b, 'H', f.hint());
        if (f.position() > 0) field(b, 'P', Integer.toString(f.position()));
        b.writeByte(0);
        end(b, at);
    }

    private static void field(ByteBuf b, char code, String value) {
        b.writeByte(code);
        cstring(b, value == null ? "" : value);
    }
}
