package io.wirewrap.server.boot;

import io.wirewrap.sql.api.SqlEngine;
import java.util.Set;

/**
 * Creates (or brings up to date) the wrappers-style setup for one Stripe account: wrapper, vault secret, server
 * and the {@code stripe} schema filled by {@code import foreign schema}. Idempotent, so it runs at every start
 * of {@code --demo} or of a container configured with {@code WIREWRAP_STRIPE_URL}/{@code WIREWRAP_STRIPE_KEY}.
 */
public final class StripeBootstrap {
    static final String WRAPPER = "stripe_wrapper";
    static final String SERVER = "stripe_server";
    static final String SECRET_NAME = "stripe_api_key";
    static final String SCHEMA = "stripe";
    private static final Set<String> DUPLICATE = Set.of("42710");
    private static final Set<String> UNIQUE = Set.of("23505");
    private static final Set<String> DUPLICATE_TABLE = Set.of("42P07", "42710");

    private StripeBootstrap() {}

    /** Sets up schema {@code stripe} against {@code apiUrl} with {@code apiKey} (stored only in the vault). */
    public static void apply(SqlEngine engine, String superuser, String apiUrl, String apiKey) {
        try (SqlRunner sql = new SqlRunner(engine, superuser)) {
            sql.runUnless("create foreign data wrapper " + WRAPPER
                    + " handler stripe_fdw_handler validator stripe_fdw_validator", DUPLICATE);
            // insert, else overwrite: the key may have been rotated since last start, and instances sharing a
            // catalog may start together (a delete-then-insert of two instances collides on the unique name)
            boolean inserted = sql.runUnless("insert into vault.secrets (name, secret, description) values ("
                    + literal(SECRET_NAME) + ", " + literal(apiKey) + ", 'Stripe API key configured at start-up')", UNIQUE);
            if (!inserted) {
                sql.run("update vault.secrets set secret = " + literal(apiKey) + " where name = " + literal(SECRET_NAME));
            }
            boolean created = sql.runUnless("create server " + SERVER + " foreign data wrapper " + WRAPPER
                    + " options (api_key_name " + literal(SECRET_NAME) + ", api_url " + literal(apiUrl) + ")", DUPLICATE);
            if (!created) {
                sql.run("alter server " + SERVER + " options (set api_url " + literal(apiUrl) + ")");
            }
            sql.run("create schema if not exists " + SCHEMA);
            long imported = ((Number) sql.run("select count(*) from information_schema.foreign_tables where foreign_table_schema = "
                    + literal(SCHEMA)).get(0)[0]).longValue();
            if (imported == 0) {
                // another instance on the same catalog may be importing at this moment
                sql.runUnless("import foreign schema stripe from server " + SERVER + " into " + SCHEMA, DUPLICATE_TABLE);
            }
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
