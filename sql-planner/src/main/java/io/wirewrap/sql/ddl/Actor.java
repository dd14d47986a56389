package io.wirewrap.sql.ddl;

import java.util.List;

/**
 * Who runs a DDL statement: the session user, whether it is superuser-like (may create wrappers, servers and
 * user mappings, read decrypted secrets), and the search path unqualified names resolve against.
 */
public record Actor(String user, boolean superuser, List<String> searchPath) {
    public Actor {
        searchPath = List.copyOf(searchPath);
    }

    /** Resolves {@code current_user}/{@code session_user} as written in a USER MAPPING or GRANT. */
    public String roleName(String written) {
        return "current_user".equals(written) || "session_user".equals(written) ? user : written;
    }
}
