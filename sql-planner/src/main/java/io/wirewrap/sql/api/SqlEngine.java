package io.wirewrap.sql.api;

/**
 * Everything below the wire protocol: the server opens one {@link SqlSession} per connection.
 * Implementations are thread-safe; sessions are not (the server runs one statement at a time per session,
 * on a virtual thread, never on a Netty event loop).
 */
public interface SqlEngine extends AutoCloseable {
    SqlSession openSession(SessionInfo info);

    /** The roles the server authenticates against (catalog-backed once roles exist). */
    RoleStore roles();

    @Override
    default void close() {}
}
