package io.wirewrap.server.conn;

import io.wirewrap.server.protocol.FrontendMessage;

import io.wirewrap.sql.api.PreparedQuery;

/**
 * A prepared statement of the extended protocol: the engine's query, its parameter type OIDs (0 = text), and
 * whether the session answers it from memory (then the event loop may run it, see ConnectionWorker#tryRunInline).
 */
record Statement(PreparedQuery query, int[] parameterTypes, boolean instant, FrontendMessage.Parse parsedFrom) {
    /** A Parse that makes the same statement again (pgjdbc re-parses the unnamed statement for each batch row). */
    boolean sameAs(FrontendMessage.Parse p) {
        return parsedFrom != null && parsedFrom.statement().equals(p.statement()) && parsedFrom.sql().equals(p.sql())
                && java.util.Arrays.equals(parsedFrom.parameterTypes(), p.parameterTypes());
    }
}
