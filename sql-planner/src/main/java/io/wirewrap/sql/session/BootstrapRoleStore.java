package io.wirewrap.sql.session;

import io.wirewrap.sql.api.RoleStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The single login role given on the command line ({@code --user/--password}), until the catalog keeps roles.
 * Stores a SCRAM-SHA-256 verifier and PostgreSQL's legacy md5 hash ({@code md5(password || user)}) for the
 * md5 auth method; never the password itself. The role is a superuser, like the bootstrap user of initdb.
 */
public final class BootstrapRoleStore implements RoleStore, Md5Passwords {
    private final LoginRole role;
    private final String md5Hash;

    public BootstrapRoleStore(String user, String password) {
        this.role = new LoginRole(user, true, ScramVerifier.create(password).text());
        this.md5Hash = md5Hash(user, password);
    }

    @Override
    public Optional<LoginRole> find(String name) {
        return role.name().equals(name) ? Optional.of(role) : Optional.empty();
    }

    @Override
    public Optional<String> md5Hash(String user) {
        return role.name().equals(user) ? Optional.of(md5Hash) : Optional.empty();
    }

    /** PostgreSQL's stored md5 form: "md5" followed by hex md5(password || user). */
    public static String md5Hash(String user, String password) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    public static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
