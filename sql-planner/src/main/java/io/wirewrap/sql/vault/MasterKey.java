package io.wirewrap.sql.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key the vault encrypts with. From {@code WIREWRAP_MASTER_KEY} (base64 of 32 bytes) when set,
 * otherwise from {@code master.key} in the data directory, created with mode 0600 at first start. In shared
 * catalog mode every instance needs the same key, so the environment variable is the way there.
 */
public final class MasterKey {
    public static final String ENV = "WIREWRAP_MASTER_KEY";
    public static final String FILE = "master.key";

    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] raw, String source) {
        if (raw.length != 32) {
            throw new IllegalStateException("master key from " + source + " must be 32 bytes (base64), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.source = source;
    }

    public static MasterKey of(byte[] raw) {
        return new MasterKey(raw.clone(), "memory");
    }

    /** Environment first, then the key file (created when missing). */
    public static MasterKey load(Map<String, String> env, Path dataDir) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return new MasterKey(decode(fromEnv.trim(), ENV), ENV);
        return fromFile(dataDir.resolve(FILE));
    }

    static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                io.wirewrap.sql.api.DataDirectory.create(file.getParent());
                try {
                    // created 0600 from the start: there is no moment when others could read it
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
                    return new MasterKey(raw, file.toString());
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create master key " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String b64, String source) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key from " + source + " is not valid base64");
        }
    }

    SecretKey key() {
        return key;
    }

    /** A short, non-reversible identifier of the key (stored with nothing; shown in errors to tell keys apart). */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("wirewrap-vault:" + HexFormat.of().formatHex(key.getEncoded()))
                    .getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + ", " + fingerprint() + "]";
    }
}
