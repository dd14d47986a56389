package io.wirewrap.server.conn;

import io.wirewrap.sql.api.PreparedQuery;

/**
 * A prepared statement of the extended protocol: the engine's query, its parameter type OIDs (0 = text), and
 * whether the session answers it from memory (then the event loop may run it, see ConnectionWorker#tryRunInline).
 */
record Statement(PreparedQuery query, int[] parameterTypes, boolean instant) {}
