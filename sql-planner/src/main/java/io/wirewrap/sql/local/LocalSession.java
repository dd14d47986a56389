package io.wirewrap.sql.local;

import io.wirewrap.sql.api.SqlError;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/** One session's DuckDB connection; a {@code SessionContext} attachment, closed with the session. */
public final class LocalSession implements AutoCloseable {
    private final LocalEngine engine;
    private DuckDBConnection connection;
    private int generation;
    private final AtomicLong names = new AtomicLong();
    private final java.util.Map<String, CachedTable> systemCache = new java.util.HashMap<>();

    private record CachedTable(long version, String table) {}

    /** The session's loaded copy of system relation {@code key} at {@code version}, or null. */
    public String cachedSystemTable(String key, long version) {
        CachedTable c = systemCache.get(key);
        return c != null && c.version() == version ? c.table() : null;
    }

    /** Remembers {@code table} as the copy of {@code key} at {@code version}, dropping the copy it replaces. */
    public void cacheSystemTable(String key, long version, String table) {
        CachedTable old = systemCache.put(key, new CachedTable(version, table));
        if (old != null && !old.table().equals(table)) dropQuietly(old.table());
    }
    private boolean macrosInstalled;

    /**
     * A result reading a streaming DuckDB result on this connection. DuckDB ends such a stream as soon as anything
     * else runs on the connection, so before that happens the holder is told to take the rest of its rows.
     */
    public interface OpenStream {
        /** Reads the remaining rows off the stream (they are needed before the connection is used again). */
        void detach();
    }

    private OpenStream openStream;

    /** Registers the result now streaming on this connection (detaching any earlier one first). */
    public void streaming(OpenStream stream) {
        detachStream();
        openStream = stream;
    }

    /** The stream's result is closed or exhausted: nothing to detach any more. */
    public void streamEnded(OpenStream stream) {
        if (openStream == stream) openStream = null;
    }

    private void detachStream() {
        OpenStream s = openStream;
        if (s == null) return;
        openStream = null;
        s.detach();
    }

    LocalSession(LocalEngine engine, DuckDBConnection connection, int generation) {
        this.engine = engine;
        this.connection = connection;
        this.generation = generation;
    }

    public DuckDBConnection connection() {
        detachStream();
        if (generation != engine.generation()) reconnect();
        return connection;
    }

    /**
     * Interrupts what runs on this connection, including a streaming result between two fetches (DuckDB's
     * {@code Statement.cancel()} only reaches a statement still executing, and its connection-level interrupt is
     * not public API, hence the reflection).
     */
    public void interrupt() {
        try {
            java.lang.reflect.Method m = DuckDBConnection.class.getDeclaredMethod("interrupt");
            m.setAccessible(true);
            m.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an older or newer driver without it: the result then stops at its next row instead
        }
    }

    /** After a DuckDB fatal error: reopen the engine (once for all sessions) and take a new connection. */
    public void recoverFromFatal() {
        engine.reopenAfterFatal(generation);
        reconnect();
    }

    private void reconnect() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        LocalSession fresh = engine.connect();
        connection = fresh.connection;
        generation = fresh.generation;
        macrosInstalled = false;
        systemCache.clear(); // the temp tables died with the old connection
    }

    /** A fresh name for a per-query temp table, unique within the session. */
    public String tempName(String hint) {
        return "ww_" + hint.replaceAll("[^A-Za-z0-9_]", "_") + "_" + names.incrementAndGet();
    }

    /** Installs the PostgreSQL compatibility macros once per connection. */
    public void ensureMacros(String user, String database) {
        if (macrosInstalled) return;
        try (var st = connection().createStatement()) {
            for (String sql : PgMacros.definitions(user, database)) st.execute(sql);
        } catch (SQLException e) {
            throw new SqlError("XX000", "cannot install compatibility macros: " + e.getMessage());
        }
        macrosInstalled = true;
    }

    /** Drops a per-query table; failures are ignored because the session's temp schema dies with it anyway. */
    public void dropQuietly(String table) {
        try (var st = connection().createStatement()) {
            st.execute("DROP TABLE IF EXISTS temp.main." + table);
        } catch (SQLException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        openStream = null;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a session must not fail
        }
    }
}
