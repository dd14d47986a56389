package io.wirewrap.sql.api;

import java.util.List;
import java.util.Map;

/**
 * One client connection's SQL state: settings, transaction, prepared plans, cursors, temp tables.
 * The server calls it from one thread at a time.
 */
public interface SqlSession extends AutoCloseable {
    /**
     * Parses a simple-Query string into its statements (PostgreSQL allows several separated by {@code ;}).
     * An empty string gives an empty list (the server answers EmptyQueryResponse).
     */
    List<PreparedQuery> prepareAll(String sql);

    /**
     * Parses one statement for the extended protocol. {@code parameterTypeOids} may be shorter than the
     * number of {@code $n} used, and 0 means "infer". More than one statement is a {@code 42601} error.
     */
    PreparedQuery prepare(String sql, int[] parameterTypeOids);

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block (for ReadyForQuery). */
    char transactionStatus();

    /**
     * Values of the GUC_REPORT settings (server_version, client_encoding, DateStyle, TimeZone,
     * application_name, is_superuser, ...). The server sends a ParameterStatus for each at startup and for
     * any whose value changed after a statement.
     */
    Map<String, String> reportedParameters();

    /** Called by the server when a statement failed, so a transaction block becomes 'E'. */
    void markFailed();

    @Override
    void close();
}
