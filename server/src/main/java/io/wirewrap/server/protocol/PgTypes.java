package io.wirewrap.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.wirewrap.sql.api.SqlError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts between the Java values rows carry (see {@code io.wirewrap.fdw.ColumnType}) and PostgreSQL's text
 * and binary wire formats, for results (encode) and Bind parameters (decode). Text output follows
 * PostgreSQL's output functions: bool t/f, timestamps {@code 2024-01-02 03:04:05}, timestamptz with
 * {@code +00}, bytea {@code \x..}, floats honouring extra_float_digits.
 */
public final class PgTypes {
    private PgTypes() {}

    public static final int BOOL = 16, BYTEA = 17, CHAR = 18, NAME = 19, INT8 = 20, INT2 = 21, INT4 = 23, TEXT = 25,
            OID = 26, JSON = 114, FLOAT4 = 700, FLOAT8 = 701, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082, TIME = 1083,
            TIMESTAMP = 1114, TIMESTAMPTZ = 1184, NUMERIC = 1700, UUID_OID = 2950, JSONB = 3802, UNKNOWN = 705;

    /** Session settings that change how values print. */
    public record Format(ZoneId zone, int extraFloatDigits) {
        public static final Format DEFAULT = new Format(ZoneOffset.UTC, 1);
    }

    private static final long PG_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final HexFormat HEX = HexFormat.of();

    // ---- text output ---------------------------------------------------------------------------------

    /** Appends the text form of a non-null value to {@code b}. */
    public static void writeText(ByteBuf b, Object v, Format f) {
        if (v instanceof String s) {
            ByteBufUtil.writeUtf8(b, s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            ByteBufUtil.writeAscii(b, v.toString());
        } else {
            ByteBufUtil.writeUtf8(b, text(v, f));
        }
    }

    /** The text form of a non-null value. */
    public static String text(Object v, Format f) {
        return switch (v) {
            case String s -> s;
            case Boolean bool -> bool ? "t" : "f";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Double d -> float8(d, f.extraFloatDigits());
            case Float x -> float4(x, f.extraFloatDigits());
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> timestamp(t);
            case OffsetDateTime t -> timestamptz(t, f.zone());
            case ZonedDateTime t -> timestamptz(t.toOffsetDateTime(), f.zone());
            case Instant t -> timestamptz(t.atOffset(ZoneOffset.UTC), f.zone());
            case LocalDate d -> date(d);
            case LocalTime t -> time(t);
            case UUID u -> u.toString();
            case byte[] bytes -> "\\x" + HEX.formatHex(bytes);
            case java.sql.Timestamp t -> timestamp(t.toLocalDateTime());
            case java.sql.Date d -> date(d.toLocalDate());
            default -> v.toString();
        };
    }

    static String date(LocalDate d) {
        if (d.getYear() <= 0) return String.format(Locale.ROOT, "%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    static String time(LocalTime t) {
        var sb = new StringBuilder(15);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        fraction(sb, t.getNano());
        return sb.toString();
    }

    static String timestamp(LocalDateTime t) {
        if (t.getYear() <= 0) return date(t.toLocalDate()).replace(" BC", "") + " " + time(t.toLocalTime()) + " BC";
        return date(t.toLocalDate()) + " " + time(t.toLocalTime());
    }

    static String timestamptz(OffsetDateTime t, ZoneId zone) {
        OffsetDateTime local = t.atZoneSameInstant(zone).toOffsetDateTime();
        return timestamp(local.toLocalDateTime()) + offset(local.getOffset());
    }

    /** "+00", "+05:30", "-08", "+00:00:32" as PostgreSQL prints a UTC offset. */
    static String offset(ZoneOffset o) {
        int secs = o.getTotalSeconds();
        var sb = new StringBuilder(9).append(secs < 0 ? '-' : '+');
        secs = Math.abs(secs);
        two(sb, secs / 3600);
        int min = secs / 60 % 60;
        int sec = secs % 60;
        if (min != 0 || sec != 0) two(sb.append(':'), min);
        if (sec != 0) two(sb.append(':'), sec);
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }

    /** Microseconds, trailing zeros dropped (".5", ".123456"), nothing when zero. */
    private static void fraction(StringBuilder sb, int nanos) {
        int micros = nanos / 1000;
        if (micros == 0) return;
        String s = Integer.toString(micros + 1_000_000).substring(1);
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        sb.append('.').append(s, 0, end);
    }

    /** float8out: shortest exact form when extra_float_digits &gt; 0, else %.(15+efd)g. */
    public static String float8(double d, int extraFloatDigits) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        if (extraFloatDigits > 0) return decimal(new BigDecimal(Double.toString(d)), 15);
        int precision = Math.max(1, 15 + extraFloatDigits);
        return decimal(new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN)), precision);
    }

    public static String float4(float x, int extraFloatDigits) {
        if (Float.isNaN(x)) return "NaN";
        if (Float.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
        if (x == 0) return (1 / x < 0) ? "-0" : "0";
        if (extraFloatDigits > 0) return decimal(new BigDecimal(Float.toString(x)), 6);
        int precision = Math.max(1, 6 + extraFloatDigits);
        return decimal(new BigDecimal(x).round(new MathContext(precision, RoundingMode.HALF_EVEN)), precision);
    }

    /** Like C's %g after trimming zeros: exponent form when the exponent is below -4 or at least {@code expLimit}. */
    private static String decimal(BigDecimal value, int expLimit) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - v.scale();
        String sign = v.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= expLimit) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int ae = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
        }
        return sign + v.abs().toPlainString();
    }

    // ---- binary output -------------------------------------------------------------------------------

    /** Appends the binary form of a non-null value of column type {@code oid}; unknown types go as text. */
    public static void writeBinary(ByteBuf b, Object v, int oid, Format f) {
        switch (oid) {
            case BOOL -> b.writeByte(toBool(v) ? 1 : 0);
            case INT2 -> b.writeShort(((Number) v).shortValue());
            case INT4 -> b.writeInt(((Number) v).intValue());
            case INT8 -> b.writeLong(((Number) v).longValue());
            case OID -> b.writeInt((int) ((Number) v).longValue());
            case FLOAT4 -> b.writeFloat(((Number) v).floatValue());
            case FLOAT8 -> b.writeDouble(((Number) v).doubleValue());
            case NUMERIC -> writeNumeric(b, v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
            case TIMESTAMP -> b.writeLong(micros(v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : instantOf(v)));
            case TIMESTAMPTZ -> b.writeLong(micros(instantOf(v)));
            case DATE -> b.writeInt((int) ((v instanceof LocalDate d ? d : LocalDate.parse(v.toString())).toEpochDay() - PG_EPOCH_DAYS));
            case UUID_OID -> {
                UUID u = v instanceof UUID x ? x : UUID.fromString(v.toString());
                b.writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
            }
            case BYTEA -> b.writeBytes(v instanceof byte[] bytes ? bytes : v.toString().getBytes(StandardCharsets.UTF_8));
            case JSONB -> {
                b.writeByte(1); // jsonb binary format version
                ByteBufUtil.writeUtf8(b, v.toString());
            }
            default -> writeText(b, v, f);
        }
    }

    private static boolean toBool(Object v) {
        return v instanceof Boolean bool ? bool : "t".equals(v.toString()) || "true".equalsIgnoreCase(v.toString());
    }

    private static Instant instantOf(Object v) {
        return switch (v) {
            case OffsetDateTime t -> t.toInstant();
            case ZonedDateTime t -> t.toInstant();
            case Instant t -> t;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            default -> OffsetDateTime.parse(v.toString()).toInstant();
        };
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), t.getNano() / 1000);
    }

    /** numeric_send: ndigits, weight, sign, dscale, then base-10000 digits. */
    static void writeNumeric(ByteBuf b, BigDecimal d) {
        int dscale = Math.max(d.scale(), 0);
        BigDecimal abs = d.abs();
        if (d.scale() < 0) abs = abs.setScale(0);
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) intPart = "";
        int intPad = (4 - intPart.length() % 4) % 4;
        String ip = "0".repeat(intPad) + intPart;
        int fracPad = (4 - fracPart.length() % 4) % 4;
        String fp = fracPart + "0".repeat(fracPad);
        int intGroups = ip.length() / 4;
        String all = ip + fp;
        int n = all.length() / 4;
        short[] groups = new short[n];
        for (int i = 0; i < n; i++) groups[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
        int first = 0;
        while (first < n && groups[first] == 0) first++;
        int last = n;
        while (last > first && groups[last - 1] == 0) last--;
        int ndigits = last - first;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        b.writeShort(ndigits).writeShort(weight).writeShort(d.signum() < 0 ? 0x4000 : 0).writeShort(dscale);
        for (int i = first; i < last; i++) b.writeShort(groups[i]);
    }

    static BigDecimal readNumeric(ByteBuffer in) {
        int ndigits = in.getShort() & 0xFFFF;
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int dscale = in.getShort() & 0xFFFF;
        if (sign == 0xC000) throw new SqlError("0A000", "numeric NaN is not supported");
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) acc = acc.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(in.getShort()));
        // acc holds digits d0..d(n-1); value = acc * 10000^(weight - n + 1)
        BigDecimal v = new BigDecimal(acc).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        v = v.setScale(dscale, RoundingMode.HALF_UP);
        return sign == 0x4000 ? v.negate() : v;
    }

    // ---- parameters ----------------------------------------------------------------------------------

    /** A Bind parameter in binary format, for declared type {@code oid}. */
    public static Object decodeBinary(byte[] raw, int oid, int index) {
        ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            Object v = switch (oid) {
                case BOOL -> in.get() != 0;
                case INT2 -> in.getShort();
                case INT4 -> in.getInt();
                case INT8 -> in.getLong();
                case OID -> in.getInt() & 0xFFFFFFFFL;
                case FLOAT4 -> in.getFloat();
                case FLOAT8 -> in.getDouble();
                case NUMERIC -> readNumeric(in);
                case TIMESTAMP -> {
                    long micros = in.getLong();
                    yield LocalDateTime.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
                }
                case TIMESTAMPTZ -> Instant.ofEpochSecond(PG_EPOCH_SECONDS).plusNanos(Math.multiplyExact(in.getLong(), 1000L)).atOffset(ZoneOffset.UTC);
                case DATE -> LocalDate.ofEpochDay(in.getInt() + PG_EPOCH_DAYS);
                case UUID_OID -> new UUID(in.getLong(), in.getLong());
                case BYTEA -> {
                    in.position(raw.length);
                    yield raw;
                }
                case JSONB -> {
                    if (in.get() != 1) throw new SqlError("22P03", "unsupported jsonb version number");
                    String s = new String(raw, 1, raw.length - 1, StandardCharsets.UTF_8);
                    in.position(raw.length);
                    yield s;
                }
                default -> { // text-like types (text, varchar, name, json, unknown) travel as UTF-8
                    in.position(raw.length);
                    yield new String(raw, StandardCharsets.UTF_8);
                }
            };
            if (in.hasRemaining()) throw badBinary(index);
            return v;
        } catch (java.nio.BufferUnderflowException e) {
            throw badBinary(index);
        }
    }

    private static SqlError badBinary(int index) {
        return new SqlError("22P03", "incorrect binary data format in bind parameter " + (index + 1));
    }

    private static final DateTimeFormatter TS_IN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    /** A Bind parameter in text format, for declared type {@code oid} (0 or unknown types stay text). */
    public static Object decodeText(String s, int oid, Format f) {
        try {
            return switch (oid) {
                case BOOL -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
                    case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
                    default -> throw invalid("boolean", s);
                };
                case INT2 -> Short.valueOf(integer(s, "smallint", Short.MIN_VALUE, Short.MAX_VALUE).shortValue());
                case INT4 -> Integer.valueOf(integer(s, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE).intValue());
                case INT8 -> integer(s, "bigint", Long.MIN_VALUE, Long.MAX_VALUE);
                case OID -> integer(s, "oid", 0, 0xFFFFFFFFL);
                case FLOAT4 -> Float.valueOf((float) floatText(s, "real"));
                case FLOAT8 -> Double.valueOf(floatText(s, "double precision"));
                case NUMERIC -> numeric(s);
                case TIMESTAMP -> {
                    var p = TS_IN.parseBest(s.trim(), OffsetDateTime::from, LocalDateTime::from);
                    yield p instanceof OffsetDateTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : p;
                }
                case TIMESTAMPTZ -> {
                    var p = TS_IN.parseBest(s.trim(), OffsetDateTime::from, LocalDateTime::from);
                    yield p instanceof LocalDateTime l ? l.atZone(f.zone()).toOffsetDateTime() : p;
                }
                case DATE -> LocalDate.parse(s.trim());
                case UUID_OID -> UUID.fromString(s.trim());
                case BYTEA -> bytea(s);
                default -> s;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid(typeName(oid), s);
        }
    }

    private static Long integer(String s, String type, long min, long max) {
        try {
            long v = Long.parseLong(s.trim());
            if (v < min || v > max) throw new SqlError("22003", "value \"" + s + "\" is out of range for type " + type);
            return v;
        } catch (NumberFormatException e) {
            throw invalid(type, s);
        }
    }

    private static double floatText(String s, String type) {
        String t = s.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan": return Double.NaN;
            case "infinity", "inf", "+infinity", "+inf": return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw invalid(type, s);
                }
        }
    }

    private static BigDecimal numeric(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw invalid("numeric", s);
        }
    }

    private static byte[] bytea(String s) {
        if (s.startsWith("\\x")) return HEX.parseHex(s.substring(2));
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
            }
        }
        return out.toByteArray();
    }

    private static SqlError invalid(String type, String s) {
        return new SqlError("22P02", "invalid input syntax for type " + type + ": \"" + s + "\"");
    }

    static String typeName(int oid) {
        return switch (oid) {
            case BOOL -> "boolean";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case NUMERIC -> "numeric";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case DATE -> "date";
            case UUID_OID -> "uuid";
            case BYTEA -> "bytea";
            case OID -> "oid";
            default -> "text";
        };
    }
}
