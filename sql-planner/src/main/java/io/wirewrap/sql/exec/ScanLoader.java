package io.wirewrap.sql.exec;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.local.DuckTypes;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Streams rows into a fresh DuckDB temp table through the Appender (columnar bulk load, no SQL per row). Values
 * DuckDB's Appender has no method for travel as text and are cast by DuckDB to the column type.
 */
final class ScanLoader {
    private ScanLoader() {}

    record Col(String name, ColumnType type) {}

    static void create(DuckDBConnection c, String table, List<Col> cols) {
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE ").append(table).append(" (");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) ddl.append(", ");
            ddl.append(quote(cols.get(i).name())).append(' ').append(DuckTypes.duckType(cols.get(i).type()));
        }
        ddl.append(')');
        exec(c, ddl.toString());
    }

    /** Appends every row of {@code rows}; returns the row count. Checks cancellation between rows. */
    static long load(DuckDBConnection c, String table, List<Col> cols, RowStream rows, CancelToken cancel) {
        long n = 0;
        // the default schema resolves to the temp schema first, where per-query tables live
        try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            Object[] row;
            while ((row = rows.next()) != null) {
                if ((n & 1023) == 0) cancel.throwIfCancelled();
                app.beginRow();
                for (int i = 0; i < cols.size(); i++) append(app, row[i], cols.get(i).type());
                app.endRow();
                n++;
            }
            app.flush();
        } catch (SQLException e) {
            throw new SqlError("XX000", "loading scan rows failed: " + e.getMessage());
        }
        return n;
    }

    private static void append(DuckDBAppender app, Object v, ColumnType type) throws SQLException {
        if (v == null) {
            app.append((String) null);
            return;
        }
        switch (type) {
            case BOOL -> app.append(v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
            case INT2 -> app.append(((Number) v).shortValue());
            case INT4 -> app.append(((Number) v).intValue());
            case INT8 -> app.append(((Number) v).longValue());
            case FLOAT4 -> app.append(((Number) v).floatValue());
            case FLOAT8 -> app.append(((Number) v).doubleValue());
            case NUMERIC -> app.appendBigDecimal((v instanceof BigDecimal b ? b : new BigDecimal(v.toString())).setScale(10, java.math.RoundingMode.HALF_EVEN));
            case TIMESTAMP -> {
                if (v instanceof java.time.LocalDateTime t) app.appendLocalDateTime(t);
                else app.append(v.toString());
            }
            case TIMESTAMPTZ -> app.append(v instanceof java.time.OffsetDateTime o
                    ? TS.format(o.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime()) + "+00" : v.toString());
            case BYTEA -> app.append(v instanceof byte[] b ? "\\x" + java.util.HexFormat.of().formatHex(b) : v.toString());
            default -> app.append(v.toString());
        }
    }

    private static final java.time.format.DateTimeFormatter TS = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static void exec(DuckDBConnection c, String sql) {
        try (var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SqlError("XX000", "local engine: " + e.getMessage());
        }
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
