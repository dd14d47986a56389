package io.wirewrap.sql.vault;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import io.wirewrap.sql.catalog.Harness;
import io.wirewrap.sql.catalog.StrictTestSource;
import io.wirewrap.sql.session.SystemRelations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    static final String SECRET = "sk_live_51Hsecret_value_never_shown";

    @TempDir
    Path dir;

    private Harness harness() {
        Harness h = new Harness(dir, List.of(new StrictTestSource()));
        h.exec("create foreign data wrapper w handler test_fdw_handler validator test_fdw_validator");
        return h;
    }

    @Test
    void insertReturningAndCreateSecretGiveUsableIds() {
        try (Harness h = harness()) {
            Harness.Result r = h.exec("insert into vault.secrets (name, secret) values ('stripe', '" + SECRET + "') returning key_id");
            assertEquals("INSERT 0 1", r.tag());
            UUID keyId = (UUID) r.rows().get(0)[0];
            Harness.Result byId = h.exec("insert into vault.secrets (name, secret, description) values ('two', 'x2', 'd') returning id");
            assertInstanceOf(UUID.class, byId.rows().get(0)[0]);
            Harness.Result star = h.exec("insert into vault.secrets (secret) values ('x3') returning *");
            assertEquals(8, star.rows().get(0).length);
            Harness.Result fn = h.exec("select vault.create_secret('x4', 'four', 'the fourth')");
            assertEquals("SELECT 1", fn.tag());
            assertInstanceOf(UUID.class, fn.rows().get(0)[0]);
            Harness.Result from = h.exec("select * from vault.create_secret('x6', 'six') as t(secret_id)");
            assertInstanceOf(UUID.class, from.rows().get(0)[0]);
            assertEquals("secret_id", h.module.handler().prepare("select * from vault.create_secret('x7', 'seven') as t(secret_id)",
                    new int[0], h.superuser()).orElseThrow().describe().get(0).name());
            h.exec("delete from vault.secrets where name = 'six'");
                        Harness.Result params = h.exec(h.superuser(), "insert into vault.secrets (name, secret) values ($1, $2) returning id", "five", "x5");
            assertEquals("INSERT 0 1", params.tag());
            assertEquals(5, h.snapshot().secrets().size());

            h.exec("create server s foreign data wrapper w options (api_key_id '" + keyId + "')");
            assertEquals(SECRET, h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            h.exec("create server n foreign data wrapper w options (api_key_name 'stripe')");
            assertEquals(SECRET, h.module.vault().resolveOptions("n", "postgres").values().get("api_key"));
            assertEquals("23505", h.fails("select vault.create_secret('y', 'stripe')").sqlState(), "names are unique");
        }
    }

    @Test
    void ciphertextIsFreshForEveryWriteAndNeverThePlaintext() {
        try (Harness h = harness()) {
            h.exec("select vault.create_secret('" + SECRET + "', 'a')");
            h.exec("select vault.create_secret('" + SECRET + "', 'b')");
            Secret a = h.snapshot().secretByName("a").orElseThrow();
            Secret b = h.snapshot().secretByName("b").orElseThrow();
            assertNotEquals(a.ciphertext(), b.ciphertext());
            assertNotEquals(a.nonce(), b.nonce());
            assertEquals(12, Base64.getDecoder().decode(a.nonce()).length);
            assertEquals("UPDATE 1", h.exec("update vault.secrets set secret = '" + SECRET + "' where name = 'a'").tag());
            Secret a2 = h.snapshot().secretByName("a").orElseThrow();
            assertNotEquals(a.ciphertext(), a2.ciphertext(), "re-encrypting the same value gives a new ciphertext");
            assertNotEquals(a.nonce(), a2.nonce());
            assertEquals(SECRET, h.module.vault().reveal(a2));
            // vault.secrets shows ciphertext only
            for (Object[] row : h.rows("vault", "secrets")) {
                assertFalse(Arrays.deepToString(row).contains(SECRET));
                assertEquals(h.snapshot().secretById(row[0].toString()).orElseThrow().ciphertext(), row[3]);
            }
        }
    }

    @Test
    void decryptedSecretsOnlyForSuperuserLikeRoles() {
        try (Harness h = harness()) {
            h.exec("select vault.create_secret('" + SECRET + "', 'stripe')");
            h.exec("create role analyst login");
            List<Object[]> rows = h.rows("vault", "decrypted_secrets");
            assertEquals(SECRET, rows.get(0)[4]);
            SqlError e = assertThrows(SqlError.class, () -> h.rows(h.session("analyst", false), "vault", "decrypted_secrets"));
            assertEquals("42501", e.sqlState());
            assertEquals(1, h.rows(h.session("analyst", false), "vault", "secrets").size(), "ciphertext is readable");
            assertEquals("42501", h.fails(h.session("analyst", false), "delete from vault.secrets").sqlState());
        }
    }

    @Test
    void clearApiKeyInServerOptionsMovesToTheVault() throws Exception {
        try (Harness h = harness()) {
            assertEquals("CREATE SERVER", h.exec("create server s foreign data wrapper w options (api_key '" + SECRET + "', api_url 'http://x/')").tag());
            Map<String, String> options = h.snapshot().server("s").orElseThrow().options();
            assertFalse(options.containsKey("api_key"));
            String id = options.get("api_key_id");
            assertNotNull(h.snapshot().secretById(id).orElse(null));
            assertEquals(SECRET, h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            // the same on ALTER: the new clear key replaces the reference
            String other = "sk_live_other_value_never_shown";
            h.exec("alter server s options (add api_key '" + other + "')");
            Map<String, String> after = h.snapshot().server("s").orElseThrow().options();
            assertNotEquals(id, after.get("api_key_id"));
            assertEquals(other, h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            // SET api_key addresses the stored reference, as a user expects after writing api_key
            h.exec("alter server s options (set api_key 'sk_live_third_value')");
            assertEquals("sk_live_third_value", h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            h.exec("alter server s options (set api_key '" + other + "')");
            after = h.snapshot().server("s").orElseThrow().options();
            // user mapping keys override the server's, for that user only
            h.exec("create role bob login");
            h.exec("create user mapping for bob server s options (api_key 'sk_bob_key')");
            assertEquals("sk_bob_key", h.module.vault().resolveOptions("s", "bob").values().get("api_key"));
            assertEquals(other, h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
            assertFalse(Files.readString(dir.resolve("catalog.json")).contains(other), "catalog file holds no clear key");
            // secrets wirewrap created for replaced or dropped keys go away with their last reference
            assertEquals(2, h.snapshot().secrets().size(), "server key + bob's key; the replaced ones are gone");
            h.exec("select vault.create_secret('kept', 'users_own')");
            h.exec("drop server s cascade");
            assertEquals(List.of("users_own"), h.snapshot().secrets().stream().map(Secret::name).toList());
        }
    }

    @Test
    void deletingASecretInUseWarnsAndRotatingByNameWorks() {
        try (Harness h = harness()) {
            h.exec("insert into vault.secrets (name, secret) values ('stripe', 'sk_old_value')");
            h.exec("create server s foreign data wrapper w options (api_key_name 'stripe')");
            // the rotation scripts do: delete by name, insert again under the same name
            assertEquals("DELETE 1", h.exec("delete from vault.secrets where name = 'stripe'").tag());
            assertTrue(h.notices.stream().anyMatch(n -> n.severity().equals("WARNING") && n.message().contains("server s")));
            assertEquals("42704", assertThrows(SqlError.class, () -> h.module.vault().resolveOptions("s", "postgres")).sqlState());
            h.exec("insert into vault.secrets (name, secret) values ('stripe', 'sk_new_value')");
            assertEquals("sk_new_value", h.module.vault().resolveOptions("s", "postgres").values().get("api_key"));
        }
    }

    @Test
    void theSecretNeverAppearsInRelationsErrorsOrLogs() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        List<String> texts = new ArrayList<>();
        try (Harness h = harness()) {
            String create = "create server s foreign data wrapper w options (api_key '" + SECRET + "')";
            PreparedQuery q = h.module.handler().prepare(create, new int[0], h.superuser()).orElseThrow();
            texts.add(q.sql());
            h.exec(create);
            h.exec("create user mapping for public server s options (api_key '" + SECRET + "')");
            h.exec("insert into vault.secrets (name, secret) values ('named', '" + SECRET + "')");
            texts.add(h.module.handler().prepare("select vault.create_secret('" + SECRET + "')", new int[0], h.superuser()).orElseThrow().sql());
            // errors from statements that carry the secret
            texts.add(h.fails("create server s foreign data wrapper w options (api_key '" + SECRET + "')").getMessage());
            texts.add(h.fails("create server t foreign data wrapper w options (api_key '" + SECRET + "', nope 'x')").getMessage());
            texts.add(h.fails("insert into vault.secrets (name, secret) values ('named', '" + SECRET + "')").toString());
            SqlError syntax = h.fails("create server u foreign data wrapper w options (api_key '" + SECRET + "' '" + SECRET + "')");
            texts.add(syntax.getMessage());
            texts.addAll(h.notices.stream().map(n -> n.message() + " " + n.detail()).toList());
            // every catalog relation except the decrypted view
            for (String name : h.module.relations().names()) {
                if (name.equals("vault.decrypted_secrets")) continue;
                int dot = name.indexOf('.');
                SystemRelations.Relation rel = h.module.relations().find(name.substring(0, dot), name.substring(dot + 1)).orElseThrow();
                for (Object[] row : rel.rows(h.superuser())) texts.add(Arrays.deepToString(row));
            }
            texts.add(h.snapshot().toString());
            texts.add(Files.readString(dir.resolve("catalog.json")));
            assertTrue(h.rows("pg_catalog", "pg_user_mappings").stream().anyMatch(r -> String.valueOf(r[5]).contains("api_key_id=")));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        texts.add(captured.toString(StandardCharsets.UTF_8));
        for (String t : texts) assertFalse(t.contains(SECRET), "secret leaked into: " + t);
        assertFalse(texts.isEmpty());
    }

    @Test
    void aWrongMasterKeyFailsClearly() {
        String id;
        try (Harness h = harness()) {
            h.exec("create server s foreign data wrapper w options (api_key '" + SECRET + "')");
            id = h.snapshot().server("s").orElseThrow().options().get("api_key_id");
        }
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 7);
        try (Harness h = new Harness(dir, List.of(new StrictTestSource()),
                Map.of(MasterKey.ENV, Base64.getEncoder().encodeToString(other)), null)) {
            SqlError e = assertThrows(SqlError.class, () -> h.module.vault().resolveOptions("s", "postgres"));
            assertEquals("39000", e.sqlState());
            assertTrue(e.getMessage().contains("master key") && e.getMessage().contains(id), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        String ct;
        try (Harness h = new Harness(dir, List.of(new StrictTestSource()), Map.of(), null)) {
            h.exec("select vault.create_secret('" + SECRET + "', 'k')");
            ct = h.snapshot().secretByName("k").orElseThrow().ciphertext();
        }
        Path key = dir.resolve(MasterKey.FILE);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(key));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(key).trim()).length);
        try (Harness h = new Harness(dir, List.of(new StrictTestSource()), Map.of(), null)) {
            Secret s = h.snapshot().secretByName("k").orElseThrow();
            assertEquals(ct, s.ciphertext());
            assertEquals(SECRET, h.module.vault().reveal(s));
        }
    }

    @Test
    void tamperedCiphertextIsRejected() {
        try (Harness h = harness()) {
            h.exec("select vault.create_secret('" + SECRET + "', 'k')");
            Secret s = h.snapshot().secretByName("k").orElseThrow();
            byte[] ct = Base64.getDecoder().decode(s.ciphertext());
            ct[0] ^= 1;
            Secret tampered = new Secret(s.id(), s.name(), s.description(), s.nonce(), Base64.getEncoder().encodeToString(ct),
                    s.createdAt(), s.updatedAt());
            assertEquals("39000", assertThrows(SqlError.class, () -> h.module.vault().reveal(tampered)).sqlState());
            Secret moved = new Secret(UUID.randomUUID().toString(), s.name(), s.description(), s.nonce(), s.ciphertext(),
                    s.createdAt(), s.updatedAt());
            assertThrows(SqlError.class, () -> h.module.vault().reveal(moved), "ciphertext is bound to its secret id");
        }
    }
}
