package io.wirewrap.server;

import io.wirewrap.server.boot.StartupSecrets;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.CatalogStore;
import io.wirewrap.sql.catalog.FileCatalogStore;
import io.wirewrap.sql.catalog.JdbcCatalogStore;
import io.wirewrap.sql.vault.KeyRotation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewrap vault <command>}: vault maintenance, run while the server is stopped. */
@Command(name = "vault", description = "Vault maintenance (with the server stopped): rotate-master-key.")
final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new VaultCommand());
        cl.addSubcommand(new RotateMasterKey(env));
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /**
     * {@code wirewrap vault rotate-master-key}: re-encrypts every secret under a new master key in one catalog
     * change. With the key file ({@code master.key}) the new key is random (or WIREWRAP_NEW_MASTER_KEY) and replaces
     * the file; with WIREWRAP_MASTER_KEY the new key must be given in WIREWRAP_NEW_MASTER_KEY[_FILE] and the
     * operator sets it on every instance afterwards. Prints key fingerprints, never keys.
     */
    @Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
            description = {"Re-encrypt every vault secret under a new master key (stop the server first).",
                    "Key file mode (master.key in the data directory): a random new key replaces the file.",
                    "WIREWRAP_MASTER_KEY mode: give the new key in WIREWRAP_NEW_MASTER_KEY (or _FILE), then set",
                    "WIREWRAP_MASTER_KEY to it wherever wirewrap runs."})
    static final class RotateMasterKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", defaultValue = "${env:WIREWRAP_DATA_DIR:-./data}", description = "data directory (default ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--catalog-url", description = "shared catalog jdbc:postgresql://... (or WIREWRAP_CATALOG_URL[_FILE])")
        String catalogUrl;

        private final Map<String, String> env;

        RotateMasterKey(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Optional<String> oldKey = StartupSecrets.value(env, "WIREWRAP_MASTER_KEY");
                Optional<String> newKey = StartupSecrets.value(env, "WIREWRAP_NEW_MASTER_KEY");
                String url = catalogUrl != null ? catalogUrl : StartupSecrets.value(env, "WIREWRAP_CATALOG_URL").orElse(null);
                if ((oldKey.isPresent() || url != null) && newKey.isEmpty()) {
                    err.println("wirewrap vault rotate-master-key: set WIREWRAP_NEW_MASTER_KEY (or WIREWRAP_NEW_MASTER_KEY_FILE) to the new key "
                            + "(head -c32 /dev/urandom | base64); the current one comes from WIREWRAP_MASTER_KEY");
                    return 1;
                }
                if (url != null && oldKey.isEmpty()) {
                    err.println("wirewrap vault rotate-master-key: a shared catalog needs WIREWRAP_MASTER_KEY (the current key)");
                    return 1;
                }
                // the file store's lock refuses a data directory a running server holds
                CatalogStore store = url != null ? new JdbcCatalogStore(url, null, null) : new FileCatalogStore(dataDir);
                try (CatalogService catalog = new CatalogService(store, "postgres")) {
                    KeyRotation.Result r;
                    if (oldKey.isPresent()) {
                        r = KeyRotation.reencrypt(catalog, KeyRotation.parse(oldKey.get(), "WIREWRAP_MASTER_KEY"),
                                KeyRotation.parse(newKey.get(), "WIREWRAP_NEW_MASTER_KEY"));
                        out.println("re-encrypted " + r.secrets() + " secrets from key " + r.oldFingerprint() + " to key " + r.newFingerprint()
                                + "; now set WIREWRAP_MASTER_KEY to the new key wherever wirewrap runs");
                    } else {
                        KeyRotation.recover(catalog.snapshot(), dataDir);
                        r = KeyRotation.rotateKeyFile(catalog, dataDir, newKey.orElse(null));
                        out.println("re-encrypted " + r.secrets() + " secrets from key " + r.oldFingerprint() + " to key " + r.newFingerprint()
                                + "; " + dataDir.resolve("master.key") + " holds the new key");
                    }
                }
                return 0;
            } catch (SqlError | IllegalStateException | UncheckedIOException e) {
                err.println("wirewrap vault rotate-master-key: " + e.getMessage());
                return 1;
            }
        }
    }
}
