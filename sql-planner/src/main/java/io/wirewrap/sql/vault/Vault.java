package io.wirewrap.sql.vault;

import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import io.wirewrap.sql.catalog.CatalogObjects.Server;
import io.wirewrap.sql.catalog.CatalogObjects.UserMapping;
import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Encrypted secrets kept in the catalog, and the one place that turns a server's vault reference
 * ({@code api_key_id} / {@code api_key_name}) back into the clear {@code api_key} a source needs.
 */
public final class Vault {
    public static final String API_KEY = "api_key";
    public static final String API_KEY_ID = "api_key_id";
    public static final String API_KEY_NAME = "api_key_name";

    private final CatalogService catalog;
    private final SecretCipher cipher;
    private final Clock clock;

    public Vault(CatalogService catalog, MasterKey key) {
        this(catalog, new SecretCipher(key), Clock.systemUTC());
    }

    public Vault(CatalogService catalog, SecretCipher cipher, Clock clock) {
        this.catalog = catalog;
        this.cipher = cipher;
        this.clock = clock;
    }

    public CatalogService catalog() {
        return catalog;
    }

    private String now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    /** Adds a new secret to a catalog transition; names are unique like Supabase's {@code secrets_name_idx}. */
    public Secret add(CatalogSnapshot.Builder b, String name, String plaintext, String description) {
        if (plaintext == null) throw new SqlError("23502", "null value in column \"secret\" of relation \"secrets\" violates not-null constraint");
        if (name != null && b.secrets.stream().anyMatch(s -> name.equals(s.name()))) {
            throw new SqlError("23505", "duplicate key value violates unique constraint \"secrets_name_idx\"",
                    "Key (name)=(" + name + ") already exists.", null, 0, null);
        }
        String id = UUID.randomUUID().toString();
        SecretCipher.Sealed sealed = cipher.encrypt(id, plaintext);
        String at = now();
        Secret s = new Secret(id, name, description == null ? "" : description, sealed.nonce(), sealed.ciphertext(), at, at);
        b.secrets.add(s);
        return s;
    }

    /** A changed copy of {@code s}; a new secret value is encrypted under a fresh nonce. Null leaves a field. */
    public Secret change(CatalogSnapshot.Builder b, Secret s, String plaintext, String name, String description) {
        if (name != null && !name.equals(s.name())
                && b.secrets.stream().anyMatch(o -> name.equals(o.name()) && !o.id().equals(s.id()))) {
            throw new SqlError("23505", "duplicate key value violates unique constraint \"secrets_name_idx\"",
                    "Key (name)=(" + name + ") already exists.", null, 0, null);
        }
        String nonce = s.nonce();
        String ct = s.ciphertext();
        if (plaintext != null) {
            SecretCipher.Sealed sealed = cipher.encrypt(s.id(), plaintext);
            nonce = sealed.nonce();
            ct = sealed.ciphertext();
        }
        Secret changed = new Secret(s.id(), name == null ? s.name() : name, description == null ? s.description() : description,
                nonce, ct, s.createdAt(), now());
        b.replace(b.secrets, o -> o.id().equals(s.id()), changed);
        return changed;
    }

    public String reveal(Secret s) {
        return cipher.decrypt(s.id(), s.nonce(), s.ciphertext());
    }

    /**
     * The options a source gets for {@code server} when {@code user} queries: server options overlaid by the
     * user's mapping (or else the PUBLIC mapping), with {@code api_key_id} (preferred) or {@code api_key_name}
     * resolved to the decrypted {@code api_key}; the references themselves are dropped.
     */
    public SourceOptions resolveOptions(String server, String user) {
        return resolveOptions(catalog.snapshot(), server, user);
    }

    public SourceOptions resolveOptions(CatalogSnapshot snap, String serverName, String user) {
        Server server = snap.server(serverName)
                .orElseThrow(() -> new SqlError("42704", "server \"" + serverName + "\" does not exist"));
        Map<String, String> merged = new LinkedHashMap<>(server.options());
        Optional<UserMapping> mapping = snap.userMapping(user, serverName).or(() -> snap.userMapping("public", serverName));
        mapping.ifPresent(m -> {
            // a mapping that names its own key replaces the server's, whichever form either uses
            if (m.options().containsKey(API_KEY) || m.options().containsKey(API_KEY_ID) || m.options().containsKey(API_KEY_NAME)) {
                merged.remove(API_KEY);
                merged.remove(API_KEY_ID);
                merged.remove(API_KEY_NAME);
            }
            merged.putAll(m.options());
        });
        String id = merged.remove(API_KEY_ID);
        String name = merged.remove(API_KEY_NAME);
        if (!merged.containsKey(API_KEY)) {
            Secret s = null;
            if (id != null) {
                s = snap.secretById(id).orElseThrow(() -> new SqlError("42704",
                        "vault secret with id \"" + id + "\" (api_key_id of server \"" + serverName + "\") does not exist"));
            } else if (name != null) {
                s = snap.secretByName(name).orElseThrow(() -> new SqlError("42704",
                        "vault secret \"" + name + "\" (api_key_name of server \"" + serverName + "\") does not exist"));
            }
            if (s != null) merged.put(API_KEY, reveal(s));
        }
        return new SourceOptions(merged);
    }
}
