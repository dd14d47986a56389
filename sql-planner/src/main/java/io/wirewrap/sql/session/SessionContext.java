package io.wirewrap.sql.session;

import io.wirewrap.sql.api.SessionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Per-connection state every handler may read: who is connected, settings, transaction status, and
 * attachments — state owned by one package (a DuckDB connection, open cursors, ...) kept here under its class
 * so packages do not have to edit this class to add their own.
 */
public final class SessionContext {
    private final SessionInfo info;
    private final boolean superuser;
    private final EngineServices services;
    private final Settings settings;
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private final List<Runnable> transactionEndListeners = new CopyOnWriteArrayList<>();
    private volatile char transactionStatus = 'I';

    public SessionContext(SessionInfo info, boolean superuser, EngineServices services, Settings settings) {
        this.info = info;
        this.superuser = superuser;
        this.services = services;
        this.settings = settings;
    }

    public SessionInfo info() {
        return info;
    }

    public String user() {
        return info.user();
    }

    public boolean superuser() {
        return superuser;
    }

    /** Server-wide shared services (catalog, vault, sources, local engine). */
    public EngineServices services() {
        return services;
    }

    public Settings settings() {
        return settings;
    }

    /** 'I' idle, 'T' in a transaction block, 'E' failed transaction block. */
    public char transactionStatus() {
        return transactionStatus;
    }

    /** Sets the status; a transaction block ending (back to 'I') runs the transaction-end listeners. */
    public void transactionStatus(char status) {
        char before = this.transactionStatus;
        this.transactionStatus = status;
        if (status == 'I' && before != 'I') transactionEndListeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} whenever a transaction block ends (COMMIT, ROLLBACK, ABORT), for state that lives
     * no longer than a transaction in PostgreSQL, such as cursors declared without WITH HOLD.
     */
    public void onTransactionEnd(Runnable listener) {
        transactionEndListeners.add(listener);
    }

    /** The session's instance of {@code type}, created on first use. */
    public <T> T attachment(Class<T> type, Supplier<T> create) {
        return type.cast(attachments.computeIfAbsent(type, k -> create.get()));
    }

    /** Attachments that need closing (AutoCloseable) are closed with the session. */
    public void closeAttachments() {
        for (Object o : attachments.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a session must not fail
                }
            }
        }
        attachments.clear();
    }
}
