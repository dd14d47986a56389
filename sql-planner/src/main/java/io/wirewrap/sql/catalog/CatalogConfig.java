package io.wirewrap.sql.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the catalog starts: where it lives (the data directory, or a shared PostgreSQL through
 * {@code catalogUrl}), the bootstrap superuser, and the environment the vault master key is read from.
 *
 * @param catalogUrl        {@code jdbc:postgresql://...} for shared mode, or null for the embedded file store
 * @param bootstrapPassword set (or reset) the bootstrap superuser's password at start; null leaves it as stored
 */
public record CatalogConfig(Path dataDir, String catalogUrl, String catalogUser, String catalogPassword,
                            String bootstrapUser, String bootstrapPassword, Map<String, String> environment) {
    public CatalogConfig {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (bootstrapUser == null || bootstrapUser.isBlank()) bootstrapUser = "postgres";
    }

    /** Embedded catalog in {@code dataDir}, bootstrap superuser {@code postgres}, key from the process environment. */
    public static CatalogConfig embedded(Path dataDir) {
        return new CatalogConfig(dataDir, null, null, null, "postgres", null, System.getenv());
    }

    public CatalogConfig withBootstrap(String user, String password) {
        return new CatalogConfig(dataDir, catalogUrl, catalogUser, catalogPassword, user, password, environment);
    }

    public CatalogConfig withShared(String url, String user, String password) {
        return new CatalogConfig(dataDir, url, user, password, bootstrapUser, bootstrapPassword, environment);
    }

    public CatalogConfig withEnvironment(Map<String, String> env) {
        return new CatalogConfig(dataDir, catalogUrl, catalogUser, catalogPassword, bootstrapUser, bootstrapPassword, env);
    }
}
