package io.wirewrap.sql.api;

import java.util.Optional;

/** Password verifiers for authentication. Plain passwords are never stored. */
public interface RoleStore {
    /** A role that may log in, with its stored SCRAM-SHA-256 verifier (PostgreSQL's rolpassword format). */
    record LoginRole(String name, boolean superuser, String scramVerifier) {}

    Optional<LoginRole> find(String name);
}
