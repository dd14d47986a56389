package io.wirewrap.sql.catalog;

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
 * SCRAM-SHA-256 verifiers in PostgreSQL's {@code rolpassword} format,
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (RFC 5802/7677), so the server can
 * authenticate without the plain password ever being stored.
 */
public final class Scram {
    public static final int ITERATIONS = 4096;
    public static final String PREFIX = "SCRAM-SHA-256$";

    private Scram() {}

    public static String verifier(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return verifier(password, salt, ITERATIONS);
    }

    public static String verifier(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] storedKey = sha256(hmac(salted, "Client Key"));
        byte[] serverKey = hmac(salted, "Server Key");
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    public static boolean isVerifier(String s) {
        return s != null && s.startsWith(PREFIX) && s.matches("SCRAM-SHA-256\\$\\d+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
    }

    /** Checks a password against a stored verifier (for tests and tools; the server speaks SCRAM itself). */
    public static boolean matches(String password, String verifier) {
        if (!isVerifier(verifier)) return false;
        String[] parts = verifier.substring(PREFIX.length()).split("[:$]");
        int iterations = Integer.parseInt(parts[0]);
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        return MessageDigest.isEqual(verifier(password, salt, iterations).getBytes(StandardCharsets.US_ASCII),
                verifier.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            // the JDK's PBKDF2 encodes the password as UTF-8, which is what SCRAM (after SASLprep) hashes
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
