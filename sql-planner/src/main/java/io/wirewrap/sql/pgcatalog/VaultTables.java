package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.vault.Vault;
import io.wirewrap.sql.vault.VaultColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code vault.secrets} (ciphertext, for everyone) and {@code vault.decrypted_secrets} (clear text, for
 * superuser-like roles; others get {@code 42501} as PostgreSQL answers for a table without privilege).
 */
final class VaultTables {
    private VaultTables() {}

    static void register(Map<String, RelationDef> out, Function<SessionContext, CatalogView> views, Vault vault) {
        out.put("vault.secrets", new RelationDef(spec(VaultColumns.SECRETS), v -> rows(v, VaultColumns.SECRETS, null), views));
        out.put("vault.decrypted_secrets", new RelationDef(spec(VaultColumns.DECRYPTED), v -> {
            if (!v.privileged) throw new SqlError("42501", "permission denied for view decrypted_secrets");
            return rows(v, VaultColumns.DECRYPTED, vault);
        }, views));
    }

    private static String spec(List<String> cols) {
        List<String> parts = new ArrayList<>();
        for (String c : cols) {
            parts.add(c + " " + switch (VaultColumns.typeOf(c)) {
                case 2950 -> "uuid";
                case 17 -> "bytea";
                case 1184 -> "timestamptz";
                default -> "text";
            });
        }
        return String.join(", ", parts);
    }

    private static List<Object[]> rows(CatalogView v, List<String> cols, Vault vault) {
        List<Object[]> rows = new ArrayList<>();
        for (Secret s : v.snap.secrets()) {
            Object[] row = new Object[cols.size()];
            for (int i = 0; i < cols.size(); i++) row[i] = VaultColumns.value(s, cols.get(i), () -> vault.reveal(s));
            rows.add(row);
        }
        return rows;
    }
}
