package io.wirewrap.sql.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 password verifier in PostgreSQL's rolpassword format
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (RFC 5802/7677). Holds no password: only
 * the keys a server needs to check a client proof or a cleartext password.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A verifier for {@code password} with a fresh 16-byte salt. */
    public static ScramVerifier create(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return create(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramVerifier create(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramVerifier(iterations, salt, sha256(clientKey), hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Parses PostgreSQL's text form; throws IllegalArgumentException when it is not one. */
    public static ScramVerifier parse(String text) {
        try {
            if (!text.startsWith("SCRAM-SHA-256$")) throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
            String[] parts = text.substring("SCRAM-SHA-256$".length()).split("\\$");
            String[] iterSalt = parts[0].split(":");
            String[] keys = parts[1].split(":");
            var b64 = Base64.getDecoder();
            return new ScramVerifier(Integer.parseInt(iterSalt[0]), b64.decode(iterSalt[1]), b64.decode(keys[0]), b64.decode(keys[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier", e);
        }
    }

    public String text() {
        var b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** Checks a cleartext password (auth method "password", or md5 fallback) against this verifier. */
    public boolean matches(String password) {
        ScramVerifier other = create(password, salt, iterations);
        return MessageDigest.isEqual(other.storedKey, storedKey) && MessageDigest.isEqual(other.serverKey, serverKey);
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            // PBKDF2 with HMAC-SHA-256 and a 32-byte output is SCRAM's Hi() (RFC 5802 section 2.2)
            var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
