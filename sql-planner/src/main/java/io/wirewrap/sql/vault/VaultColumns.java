package io.wirewrap.sql.vault;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The columns of {@code vault.secrets} and {@code vault.decrypted_secrets} as Supabase Vault defines them.
 * {@code secret} holds the base64 ciphertext; {@code key_id} equals {@code id} (one key reference per secret).
 */
public final class VaultColumns {
    public static final List<String> SECRETS = List.of("id", "name", "description", "secret", "key_id", "nonce", "created_at", "updated_at");
    public static final List<String> DECRYPTED = List.of("id", "name", "description", "secret", "decrypted_secret", "key_id",
            "nonce", "created_at", "updated_at");

    private VaultColumns() {}

    public static int typeOf(String column) {
        return switch (column) {
            case "id", "key_id" -> 2950;
            case "nonce" -> 17;
            case "created_at", "updated_at" -> 1184;
            default -> 25;
        };
    }

    public static List<ResultColumn> columns(List<String> names) {
        List<ResultColumn> out = new ArrayList<>();
        for (String n : names) out.add(ResultColumn.of(n, typeOf(n)));
        return out;
    }

    /** A column's value; {@code decrypted} is only consulted for {@code decrypted_secret}. */
    public static Object value(Secret s, String column, java.util.function.Supplier<String> decrypted) {
        return switch (column) {
            case "id", "key_id" -> UUID.fromString(s.id());
            case "name" -> s.name();
            case "description" -> s.description();
            case "secret" -> s.ciphertext();
            case "decrypted_secret" -> decrypted.get();
            case "nonce" -> Base64.getDecoder().decode(s.nonce());
            case "created_at" -> OffsetDateTime.parse(s.createdAt());
            case "updated_at" -> OffsetDateTime.parse(s.updatedAt());
            default -> throw new IllegalArgumentException(column);
        };
    }
}
