package io.wirewrap.fdw;

import java.util.Locale;
import java.util.Optional;

/**
 * The column types a foreign table may declare, with the PostgreSQL type OID each is reported as.
 *
 * <p>Java value carried in a row for each type: BOOL {@link Boolean}; INT2 {@link Short}; INT4 {@link Integer};
 * INT8 {@link Long}; FLOAT4 {@link Float}; FLOAT8 {@link Double}; NUMERIC {@link java.math.BigDecimal};
 * TEXT/VARCHAR {@link String}; TIMESTAMP {@link java.time.LocalDateTime} (UTC wall clock);
 * TIMESTAMPTZ {@link java.time.OffsetDateTime}; DATE {@link java.time.LocalDate}; JSON/JSONB {@link String}
 * holding JSON text; UUID {@link java.util.UUID}; BYTEA {@code byte[]}. SQL NULL is Java {@code null}.
 */
public enum ColumnType {
    BOOL(16, "boolean"),
    INT2(21, "smallint"),
    INT4(23, "integer"),
    INT8(20, "bigint"),
    FLOAT4(700, "real"),
    FLOAT8(701, "double precision"),
    NUMERIC(1700, "numeric"),
    TEXT(25, "text"),
    VARCHAR(1043, "character varying"),
    TIMESTAMP(1114, "timestamp without time zone"),
    TIMESTAMPTZ(1184, "timestamp with time zone"),
    DATE(1082, "date"),
    JSON(114, "json"),
    JSONB(3802, "jsonb"),
    UUID(2950, "uuid"),
    BYTEA(17, "bytea");

    private final int oid;
    private final String sqlName;

    ColumnType(int oid, String sqlName) {
        this.oid = oid;
        this.sqlName = sqlName;
    }

    /** The PostgreSQL type OID, as sent in RowDescription and shown in pg_type. */
    public int oid() {
        return oid;
    }

    /** The name {@code format_type()} prints for this type. */
    public String sqlName() {
        return sqlName;
    }

    /**
     * Parses a type as written in DDL ({@code bigint}, {@code int8}, {@code varchar(255)},
     * {@code timestamp with time zone}, {@code pg_catalog.text}, ...). Empty when unsupported.
     */
    public static Optional<ColumnType> fromSql(String written) {
        String t = written.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.startsWith("pg_catalog.")) t = t.substring("pg_catalog.".length());
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : (t.substring(0, paren).trim() + t.substring(t.indexOf(')') + 1)).trim();
        return Optional.ofNullable(switch (base) {
            case "bool", "boolean" -> BOOL;
            case "int2", "smallint" -> INT2;
            case "int", "int4", "integer" -> INT4;
            case "int8", "bigint" -> INT8;
            case "float4", "real" -> FLOAT4;
            case "float8", "double precision", "float" -> FLOAT8;
            case "numeric", "decimal" -> NUMERIC;
            case "text", "name", "bpchar", "char", "character" -> TEXT;
            case "varchar", "character varying" -> VARCHAR;
            case "timestamp", "timestamp without time zone" -> TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> TIMESTAMPTZ;
            case "date" -> DATE;
            case "json" -> JSON;
            case "jsonb" -> JSONB;
            case "uuid" -> UUID;
            case "bytea" -> BYTEA;
            default -> null;
        });
    }

    public static Optional<ColumnType> fromOid(int oid) {
        for (ColumnType t : values()) if (t.oid == oid) return Optional.of(t);
        return Optional.empty();
    }
}
