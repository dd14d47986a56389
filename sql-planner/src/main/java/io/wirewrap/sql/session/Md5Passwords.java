package io.wirewrap.sql.session;

import java.util.Optional;

/**
 * Optional capability of a {@link io.wirewrap.sql.api.RoleStore}: PostgreSQL's legacy md5 password hashes,
 * needed for the md5 auth method. When a role has none, the server uses SCRAM instead (as PostgreSQL does
 * for roles whose stored password is a SCRAM verifier).
 */
public interface Md5Passwords {
    /** "md5" + hex md5(password || user), or empty. */
    Optional<String> md5Hash(String user);
}
