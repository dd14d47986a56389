package io.wirewrap.sql.session;

import java.util.Map;

/**
 * The values RESET and DISCARD ALL go back to: built-in defaults overlaid with what the client sent in its
 * startup packet (as PostgreSQL treats startup parameters as the session's defaults). A SessionContext attachment.
 */
public record SessionDefaults(Map<String, String> values) {
    public SessionDefaults {
        values = Map.copyOf(values);
    }
}
