package io.wirewrap.server.protocol;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wirewrap.sql.api.SqlError;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Output formats checked against what PostgreSQL 15 prints for the same values. */
class PgTypesTest {
    @ParameterizedTest
    @CsvSource({"0.1,1,0.1", "1e15,1,1e+15", "1e14,1,100000000000000", "123456789.125,1,123456789.125",
            "0.0001,1,0.0001", "0.00001,1,1e-05", "-2.5e-10,1,-2.5e-10", "3.141592653589793,1,3.141592653589793",
            "3.141592653589793,0,3.14159265358979", "0.1,-2,0.1", "1e100,0,1e+100"})
    void float8LikePostgres(double value, int extraFloatDigits, String expected) {
        assertEquals(expected, PgTypes.float8(value, extraFloatDigits));
    }

    @Test
    void float4AndSpecialValues() {
        assertEquals("1e+06", PgTypes.float4(1e6f, 1));
        assertEquals("123456", PgTypes.float4(123456f, 1));
        assertEquals("0.1", PgTypes.float4(0.1f, 1));
        assertEquals("NaN", PgTypes.float8(Double.NaN, 1));
        assertEquals("-Infinity", PgTypes.float8(Double.NEGATIVE_INFINITY, 1));
        assertEquals("-0", PgTypes.float8(-0.0, 1));
    }

    @Test
    void timestampsAndOffsets() {
        var f = new PgTypes.Format(ZoneId.of("Asia/Kolkata"), 1);
        assertEquals("2024-01-02 03:04:05.5", PgTypes.text(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000), f));
        assertEquals("2024-01-02 08:34:05+05:30", PgTypes.text(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), f));
        assertEquals("2024-01-02 03:04:05+00", PgTypes.text(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), PgTypes.Format.DEFAULT));
        assertEquals("\\xdeadbeef", PgTypes.text(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, f));
        assertEquals("t", PgTypes.text(true, f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "1", "-1", "10000", "12345.6789", "0.000123", "-98765432109876543210.0001", "1E+3", "100.10"})
    void numericBinaryRoundTrips(String text) {
        BigDecimal v = new BigDecimal(text);
        ByteBuf b = Unpooled.buffer();
        PgTypes.writeNumeric(b, v);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        BigDecimal back = (BigDecimal) PgTypes.decodeBinary(bytes, PgTypes.NUMERIC, 0);
        assertEquals(0, v.compareTo(back), text + " came back as " + back);
        assertEquals(Math.max(v.scale(), 0), back.scale());
    }

    @Test
    void numericBinaryLayoutOfKnownValue() {
        // PostgreSQL sends 12345.6789 as ndigits 3, weight 1, sign +, dscale 4, digits 1 2345 6789
        ByteBuf b = Unpooled.buffer();
        PgTypes.writeNumeric(b, new BigDecimal("12345.6789"));
        assertEquals(3, b.readShort());
        assertEquals(1, b.readShort());
        assertEquals(0, b.readShort());
        assertEquals(4, b.readShort());
        assertEquals(1, b.readShort());
        assertEquals(2345, b.readShort());
        assertEquals(6789, b.readShort());
    }

    @Test
    void textParametersAreParsedOrRejectedWithPostgresErrors() {
        var f = PgTypes.Format.DEFAULT;
        assertEquals(42, PgTypes.decodeText(" 42", PgTypes.INT4, f));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), PgTypes.decodeText("2024-01-02 03:04:05", PgTypes.TIMESTAMP, f));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant(),
                ((OffsetDateTime) PgTypes.decodeText("2024-01-02 03:04:05+02", PgTypes.TIMESTAMPTZ, f)).toInstant());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) PgTypes.decodeText("\\x0102", PgTypes.BYTEA, f));
        assertEquals("22P02", assertThrows(SqlError.class, () -> PgTypes.decodeText("abc", PgTypes.INT4, f)).sqlState());
        assertEquals("22003", assertThrows(SqlError.class, () -> PgTypes.decodeText("99999999999", PgTypes.INT4, f)).sqlState());
        assertEquals("22P03", assertThrows(SqlError.class, () -> PgTypes.decodeBinary(new byte[3], PgTypes.INT4, 0)).sqlState());
    }
}
