package io.wirewrap.sql.local;

import io.wirewrap.sql.api.SqlError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * The one embedded DuckDB database of the server. Ordinary local tables ({@code create table}) live in its file
 * under the data directory, so they survive restarts; each session gets its own connection (its own temp
 * schema for temp tables and per-query scan tables). Registered in {@code EngineServices}.
 */
public final class LocalEngine implements AutoCloseable {
    private final String url;
    private final Path spillDir;
    private volatile DuckDBConnection root;
    private volatile int generation;

    private LocalEngine(String url, Path spillDir, DuckDBConnection root) {
        this.url = url;
        this.spillDir = spillDir;
        this.root = root;
    }

    int generation() {
        return generation;
    }

    /**
     * DuckDB invalidates a database after an internal error; every later statement fails. Reopening gives the
     * server a working engine again (temp tables are lost; tables in the data directory file survive).
     */
    public synchronized void reopenAfterFatal(int brokenGeneration) {
        if (brokenGeneration != generation) return; // someone reopened already
        try {
            root.close();
        } catch (SQLException ignored) {
            // it is broken anyway
        }
        try {
            root = (DuckDBConnection) DriverManager.getConnection(url);
            generation++;
        } catch (SQLException e) {
            throw new SqlError("58030", "cannot reopen the local DuckDB database: " + e.getMessage());
        }
    }

    /** Opens {@code dataDir/local.duckdb}, or an in-memory database when {@code dataDir} is null. */
    public static LocalEngine open(Path dataDir) {
        try {
            String url = "jdbc:duckdb:";
            if (dataDir != null) {
                io.wirewrap.sql.api.DataDirectory.create(dataDir);
                url += dataDir.resolve("local.duckdb").toAbsolutePath();
            }
            Path spill = dataDir == null ? null : dataDir.resolve("duckdb_tmp");
            return new LocalEngine(url, spill, (DuckDBConnection) DriverManager.getConnection(url));
        } catch (SQLException | java.io.IOException e) {
            throw new SqlError("58030", "cannot open the local DuckDB database: " + e.getMessage());
        }
    }

    /** A new connection for one session, with the settings that make DuckDB answer like PostgreSQL. */
    public LocalSession connect() {
        try {
            DuckDBConnection c = (DuckDBConnection) root.duplicate();
            try (var st = c.createStatement()) {
                // PostgreSQL truncates int/int; DuckDB's "/" is float division unless told otherwise.
                st.execute("SET integer_division = true");
                // results stream chunk by chunk instead of being materialised whole before the first row
                st.execute("SET jdbc_stream_results = true");
                st.execute("SET TimeZone = 'UTC'");
                // PostgreSQL sorts NULL as larger than any value: last ascending, first descending
                st.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
                // big scans may exceed memory: let DuckDB spill to the data directory rather than fail
                if (spillDir != null) st.execute("SET temp_directory = '" + spillDir.toString().replace("'", "''") + "'");
            }
            return new LocalSession(this, c, generation);
        } catch (SQLException e) {
            throw new SqlError("58030", "cannot connect to the local DuckDB database: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException ignored) {
            // shutting down
        }
    }
}
