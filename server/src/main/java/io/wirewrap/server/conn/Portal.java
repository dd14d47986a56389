package io.wirewrap.server.conn;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.sql.api.QueryResult;
import java.util.List;

/**
 * A bound statement. Its result opens at the first Execute and stays open while Execute with a row limit
 * suspends it (PortalSuspended), until the rows run out or the portal is closed.
 */
final class Portal {
    final Statement statement;
    final List<Object> parameters;
    final short[] resultFormats;
    QueryResult result;
    CancelToken cancel;
    boolean done;

    Portal(Statement statement, List<Object> parameters, short[] resultFormats) {
        this.statement = statement;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
    }

    void close() {
        if (result != null) {
            try {
                result.close();
            } catch (RuntimeException ignored) {
                // closing a result must not break the connection
            }
            result = null;
        }
        done = true;
    }
}
