package io.wirewrap.sql.api;

import java.util.Map;

/** Who connected and with which startup parameters (database, application_name, options, ...). */
public record SessionInfo(String user, String database, Map<String, String> startupParameters, int backendPid) {
    public SessionInfo {
        startupParameters = Map.copyOf(startupParameters);
    }
}
