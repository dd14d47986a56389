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
        return load(c, table, cols, rows, cancel, n -> {});
    }

    static long load(DuckDBConnection c, String table, List<Col> cols, RowStream rows, CancelToken cancel,
                     java.util.function.LongConsumer progress) {
        return load(c, table, cols, rows, cancel, progress, Long.MAX_VALUE);
    }

    /** Appends at most {@code max} rows; the stream stays open, so a caller can load it in chunks. */
    static long load(DuckDBConnection c, String table, List<Col> cols, RowStream rows, CancelToken cancel,
                     java.util.function.LongConsumer progress, long max) {
        long n = 0;
        try (DuckDBAppender app = c.createAppender("temp", "main", table)) {
            Object[] row;
            while (n < max && (row = rows.next()) != null) {
                if ((n & 1023) == 0) {
                    cancel.throwIfCancelled();
                    progress.accept(n);
                }
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
            app.appendNull();
            return;
        }
        switch (type) {
            case BOOL -> app.append((boolean) (v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())));
            case INT2 -> app.append(((Number) v).shortValue());
            case INT4 -> app.append(((Number) v).intValue());
            case INT8 -> app.append(((Number) v).longValue());
            case FLOAT4 -> app.append(((Number) v).floatValue());
            case FLOAT8 -> app.append(((Number) v).doubleValue());
            case NUMERIC -> app.append((v instanceof BigDecimal b ? b : new BigDecimal(v.toString())).setScale(10, java.math.RoundingMode.HALF_EVEN));
            case TIMESTAMP -> {
                if (v instanceof java.time.LocalDateTime t) app.append(t);
                else app.append(v.toString());
            }
            case TIMESTAMPTZ -> {
                if (v instanceof java.time.OffsetDateTime o) app.append(o);
                else app.append(v.toString());
            }
            case DATE -> {
                if (v instanceof java.time.LocalDate d) app.append(d);
                else app.append(v.toString());
            }
            case UUID -> {
                if (v instanceof java.util.UUID u) app.append(u);
                else app.append(v.toString());
            }
            case BYTEA -> app.append(v instanceof byte[] b ? b : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> app.append(v.toString());
        }
    }


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
