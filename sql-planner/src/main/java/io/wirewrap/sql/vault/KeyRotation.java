package io.wirewrap.sql.vault;

import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Master-key rotation: every vault secret is decrypted with the old key and encrypted with the new one (fresh
 * nonce, same id) in one catalog change, so the stored catalog is all-old or all-new.
 *
 * <p>With a key file ({@code master.key}) the new key is first written to {@code master.key.next} (0600, fsynced),
 * then the catalog is re-encrypted, then the file is renamed over {@code master.key}. A crash between the steps is
 * finished by {@link #recover} at the next start: it keeps {@code master.key.next} when the stored secrets decrypt
 * with it, and deletes it otherwise. With {@code WIREWRAP_MASTER_KEY} the operator supplies the new key and sets it
 * in the environment of every instance afterwards.
 */
public final class KeyRotation {
    public static final String NEXT_FILE = MasterKey.FILE + ".next";

    private KeyRotation() {}

    /** What a rotation did; fingerprints only, never key material. */
    public record Result(int secrets, String oldFingerprint, String newFingerprint) {}

    /** A random 256-bit key, base64. */
    public static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** A base64 key as given by an operator; IllegalStateException when it is not 32 bytes of base64. */
    public static MasterKey parse(String base64, String what) {
        try {
            return MasterKey.of(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not valid base64");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(what + " must be 32 bytes (base64 of 32 random bytes: head -c32 /dev/urandom | base64)");
        }
    }

    /** Re-encrypts every secret of the catalog from {@code old} to {@code next} in one atomic change. */
    public static Result reencrypt(CatalogService catalog, MasterKey old, MasterKey next) {
        SecretCipher from = new SecretCipher(old);
        SecretCipher to = new SecretCipher(next);
        int n = catalog.apply(b -> {
            List<Secret> out = new ArrayList<>();
            for (Secret s : b.secrets) {
                // a secret the old key cannot open stops the rotation (39000) before anything is written
                String plain = from.decrypt(s.id(), s.nonce(), s.ciphertext());
                SecretCipher.Sealed sealed = to.encrypt(s.id(), plain);
                out.add(new Secret(s.id(), s.name(), s.description(), sealed.nonce(), sealed.ciphertext(), s.createdAt(), s.updatedAt()));
            }
            b.secrets.clear();
            b.secrets.addAll(out);
            return out.size();
        });
        return new Result(n, old.fingerprint(), next.fingerprint());
    }

    /**
     * Rotation with the key file in {@code dataDir}: writes {@code master.key.next}, re-encrypts, renames.
     * {@code newKeyBase64} null means a random key.
     */
    public static Result rotateKeyFile(CatalogService catalog, Path dataDir, String newKeyBase64) {
        MasterKey old = MasterKey.fromFile(dataDir.resolve(MasterKey.FILE));
        String encoded = newKeyBase64 == null ? newKey() : newKeyBase64.trim();
        parse(encoded, "the new master key"); // refuse a bad key before anything is written
        Path next = dataDir.resolve(NEXT_FILE);
        writeKeyFile(next, encoded);
        MasterKey nextKey = MasterKey.fromFile(next);
        Result r = reencrypt(catalog, old, nextKey);
        install(dataDir);
        return r;
    }

    /**
     * At start, before the vault opens: finishes a rotation a crash interrupted. {@code master.key.next} becomes the
     * key when the catalog's secrets decrypt with it (the catalog was re-encrypted), and is removed otherwise.
     */
    public static void recover(CatalogSnapshot snapshot, Path dataDir) {
        Path next = dataDir.resolve(NEXT_FILE);
        if (!Files.exists(next)) return;
        boolean catalogUsesNext;
        if (snapshot.secrets().isEmpty()) {
            catalogUsesNext = true; // either key opens nothing: finish the rotation
        } else {
            Secret s = snapshot.secrets().get(0);
            try {
                new SecretCipher(MasterKey.fromFile(next)).decrypt(s.id(), s.nonce(), s.ciphertext());
                catalogUsesNext = true;
            } catch (RuntimeException e) {
                catalogUsesNext = false;
            }
        }
        try {
            if (catalogUsesNext) install(dataDir);
            else Files.delete(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the interrupted master-key rotation in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void install(Path dataDir) {
        try {
            Files.move(dataDir.resolve(NEXT_FILE), dataDir.resolve(MasterKey.FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // platforms that cannot open directories: the rename is still atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + NEXT_FILE + " as " + MasterKey.FILE + ": " + e.getMessage()
                    + " (the next start finishes the rotation)", e);
        }
    }

    private static void writeKeyFile(Path file, String base64) {
        try {
            Files.deleteIfExists(file);
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap((base64 + "\n").getBytes(StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
