package io.wirewrap.server.conn;

import io.wirewrap.sql.api.PreparedQuery;

/** A prepared statement of the extended protocol: the engine's query and its parameter type OIDs (0 = text). */
record Statement(PreparedQuery query, int[] parameterTypes) {}
