package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The session's open cursors (DECLARE ... CURSOR FOR): a SessionContext attachment closed with the session. */
final class Cursors implements AutoCloseable {
    record Cursor(String name, QueryResult result, List<ResultColumn> columns) {}

    private final Map<String, Cursor> open = new LinkedHashMap<>();

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

    @Override
    public void close() {
        close(null);
    }
}
