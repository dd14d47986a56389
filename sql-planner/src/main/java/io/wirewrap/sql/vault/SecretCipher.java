package io.wirewrap.sql.vault;

import io.wirewrap.sql.api.SqlError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 12-byte nonce per encryption. The secret's id is bound in as associated
 * data, so a ciphertext copied onto another secret's row does not decrypt.
 */
public final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    public record Sealed(String nonce, String ciphertext) {}

    public Sealed encrypt(String id, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    public String decrypt(String id, String nonceB64, String ciphertextB64) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(nonceB64)));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(Base64.getDecoder().decode(ciphertextB64)), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SqlError("39000", "cannot decrypt vault secret " + id
                    + ": the master key (" + key.fingerprint() + " from " + key.source()
                    + ") is not the key it was encrypted with, or the stored ciphertext was altered",
                    null, "Start wirewrap with the master key the secrets were created with (" + MasterKey.ENV
                    + " or " + MasterKey.FILE + " in the data directory).", 0, null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SqlError("XX000", "cannot decrypt vault secret " + id + ": " + e.getClass().getSimpleName());
        }
    }
}
