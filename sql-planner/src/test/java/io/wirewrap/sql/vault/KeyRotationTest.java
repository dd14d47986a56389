package io.wirewrap.sql.vault;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.FileCatalogStore;
import io.wirewrap.sql.catalog.Harness;
import io.wirewrap.sql.catalog.StrictTestSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master-key rotation with the key file: the catalog is all-old or all-new, and a crash between re-encrypting the
 * catalog and installing the new key file is finished at the next start (either way the secrets decrypt).
 */
class KeyRotationTest {
    @TempDir
    Path dir;

    /** Key-file mode: no WIREWRAP_MASTER_KEY in the environment. */
    private Harness harness() {
        return new Harness(dir, List.of(new StrictTestSource()), Map.of(), null);
    }

    private String decrypted(Harness h, String name) {
        // columns: id, name, description, secret, decrypted_secret, ...
        return h.rows("vault", "decrypted_secrets").stream().filter(r -> name.equals(r[1])).findFirst().orElseThrow()[4].toString();
    }

    private void seed() {
        try (Harness h = harness()) {
            h.exec("select vault.create_secret('sk_test_rot_a', 'a')");
            h.exec("select vault.create_secret('sk_test_rot_b', 'b')");
        }
    }

    @Test
    void rotationReencryptsEverySecret() throws Exception {
        seed();
        String oldKey = Files.readString(dir.resolve(MasterKey.FILE)).strip();
        try (CatalogService c = new CatalogService(new FileCatalogStore(dir), "postgres")) {
            KeyRotation.Result r = KeyRotation.rotateKeyFile(c, dir, null);
            assertEquals(2, r.secrets());
            assertNotEquals(r.oldFingerprint(), r.newFingerprint());
        }
        assertNotEquals(oldKey, Files.readString(dir.resolve(MasterKey.FILE)).strip());
        try (Harness h = harness()) {
            assertEquals("sk_test_rot_a", decrypted(h, "a"));
            assertEquals("sk_test_rot_b", decrypted(h, "b"));
        }
        // the old key no longer opens anything
        Files.writeString(dir.resolve(MasterKey.FILE), oldKey + "\n");
        try (Harness h = harness()) {
            SqlError e = assertThrows(SqlError.class, () -> decrypted(h, "a"));
            assertEquals("39000", e.sqlState());
        }
    }

    @Test
    void crashAfterTheCatalogChangeIsFinishedAtStart() throws Exception {
        seed();
        String next = KeyRotation.newKey();
        // what a crash after re-encrypting, before the rename, leaves: master.key old, master.key.next new, catalog new
        try (CatalogService c = new CatalogService(new FileCatalogStore(dir), "postgres")) {
            Files.writeString(dir.resolve(KeyRotation.NEXT_FILE), next + "\n");
            KeyRotation.reencrypt(c, KeyRotation.parse(Files.readString(dir.resolve(MasterKey.FILE)), "old"), KeyRotation.parse(next, "new"));
        }
        try (Harness h = harness()) {
            assertEquals("sk_test_rot_a", decrypted(h, "a"));
        }
        assertEquals(next, Files.readString(dir.resolve(MasterKey.FILE)).strip());
        assertFalse(Files.exists(dir.resolve(KeyRotation.NEXT_FILE)));
    }

    @Test
    void crashBeforeTheCatalogChangeKeepsTheOldKey() throws Exception {
        seed();
        String oldKey = Files.readString(dir.resolve(MasterKey.FILE)).strip();
        Files.writeString(dir.resolve(KeyRotation.NEXT_FILE), KeyRotation.newKey() + "\n");
        try (Harness h = harness()) {
            assertEquals("sk_test_rot_b", decrypted(h, "b"));
        }
        assertEquals(oldKey, Files.readString(dir.resolve(MasterKey.FILE)).strip());
        assertFalse(Files.exists(dir.resolve(KeyRotation.NEXT_FILE)));
    }

    @Test
    void aBadNewKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
        seed();
        String oldKey = Files.readString(dir.resolve(MasterKey.FILE));
        try (CatalogService c = new CatalogService(new FileCatalogStore(dir), "postgres")) {
            assertThrows(IllegalStateException.class, () -> KeyRotation.rotateKeyFile(c, dir, "c2hvcnQ="));
        }
        assertEquals(oldKey, Files.readString(dir.resolve(MasterKey.FILE)));
        assertFalse(Files.exists(dir.resolve(KeyRotation.NEXT_FILE)));
    }
}
