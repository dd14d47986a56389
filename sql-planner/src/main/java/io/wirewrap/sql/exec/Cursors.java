package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.SessionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's open cursors (DECLARE ... CURSOR FOR): a SessionContext attachment closed with the session.
 * As in PostgreSQL, a cursor without WITH HOLD ends with its transaction block, so a client that rolls back
 * after an error (postgres_fdw does) can declare the same cursor name again.
 */
final class Cursors implements AutoCloseable {
    record Cursor(String name, QueryResult result, List<ResultColumn> columns, boolean hold) {}

    private final Map<String, Cursor> open = new LinkedHashMap<>();

    static Cursors of(SessionContext session) {
        return session.attachment(Cursors.class, () -> {
            Cursors cursors = new Cursors();
            session.onTransactionEnd(cursors::closeTransactionScoped);
            return cursors;
        });
    }

    void declare(Cursor c) {
        if (open.containsKey(c.name())) {
            c.result().close();
            throw new SqlError("42P03", "cursor \"" + c.name() + "\" already exists");
        }
        open.put(c.name(), c);
    }

    Cursor get(String name) {
        Cursor c = open.get(name);
        if (c == null) throw new SqlError("34000", "cursor \"" + name + "\" does not exist");
        return c;
    }

    void close(String name) {
        if (name == null) {
            open.values().forEach(c -> c.result().close());
            open.clear();
            return;
        }
        get(name).result().close();
        open.remove(name);
    }

    /** Closes every cursor declared without WITH HOLD. */
    void closeTransactionScoped() {
        open.values().removeIf(c -> {
            if (c.hold()) return false;
            c.result().close();
            return true;
        });
    }

    @Override
    public void close() {
        close(null);
    }
}
