package io.wirewrap.sql.catalog;

import io.wirewrap.sql.api.RoleStore;
import io.wirewrap.sql.ddl.DdlHandler;
import io.wirewrap.sql.pgcatalog.CatalogRelations;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.SystemRelations;
import io.wirewrap.sql.vault.MasterKey;
import io.wirewrap.sql.vault.Vault;
import java.nio.file.Path;
import java.util.List;

/**
 * Wires the catalog into an engine: opens the store, loads the vault key, makes sure the bootstrap superuser
 * exists, registers the services other packages look up in {@link EngineServices} ({@link CatalogService},
 * {@link Vault}, {@link ForeignSources}, {@link SystemRelations}, {@link RoleStore}, {@link ForeignTableResolver})
 * and adds the DDL/vault statement handler to the chain.
 */
public record CatalogModule(CatalogService catalog, Vault vault, ForeignSources sources, CatalogRelations relations,
                            CatalogRoleStore roles, CatalogTableResolver resolver, DdlHandler handler) {

    public static CatalogModule install(EngineServices services, StatementHandlers handlers, CatalogConfig cfg) {
        return install(services, handlers, cfg, ForeignSources.fromClassPath());
    }

    public static CatalogModule install(EngineServices services, StatementHandlers handlers, CatalogConfig cfg,
                                        ForeignSources sources) {
        Path dataDir = cfg.dataDir() != null ? cfg.dataDir() : services.dataDir();
        String envKey = cfg.environment().get(MasterKey.ENV);
        if (cfg.catalogUrl() != null && (envKey == null || envKey.isBlank())) {
            // a key file per instance would make each instance's secrets unreadable to the others
            throw new IllegalStateException("a shared catalog (--catalog-url) needs " + MasterKey.ENV
                    + " set to the same key on every instance");
        }
        CatalogStore store = cfg.catalogUrl() != null
                ? new JdbcCatalogStore(cfg.catalogUrl(), cfg.catalogUser(), cfg.catalogPassword())
                : new FileCatalogStore(dataDir);
        CatalogService catalog = new CatalogService(store, cfg.bootstrapUser());
        try {
            ensureBootstrapRole(catalog, cfg.bootstrapUser(), cfg.bootstrapPassword());
            if (cfg.catalogUrl() == null && (envKey == null || envKey.isBlank())) {
                io.wirewrap.sql.vault.KeyRotation.recover(catalog.snapshot(), dataDir);
            }
            Vault vault = new Vault(catalog, MasterKey.load(cfg.environment(), dataDir));
            CatalogRelations relations = new CatalogRelations(catalog, vault, sources, cfg.bootstrapUser());
            CatalogRoleStore roles = new CatalogRoleStore(catalog);
            CatalogTableResolver resolver = new CatalogTableResolver(catalog, vault, sources);
            DdlHandler handler = new DdlHandler(catalog, vault, sources);
            services.register(CatalogService.class, catalog);
            services.register(Vault.class, vault);
            services.register(ForeignSources.class, sources);
            services.register(SystemRelations.class, relations);
            services.register(RoleStore.class, roles);
            services.register(ForeignTableResolver.class, resolver);
            if (handlers != null) handlers.add(handler);
            return new CatalogModule(catalog, vault, sources, relations, roles, resolver, handler);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    /**
     * The bootstrap superuser always exists; a configured password is (re)applied at start, so an operator
     * who lost it resets it by restarting with a new one.
     */
    static void ensureBootstrapRole(CatalogService catalog, String user, String password) {
        var existing = catalog.snapshot().role(user);
        boolean passwordCurrent = password == null
                || existing.map(r -> r.scramVerifier() != null && Scram.matches(password, r.scramVerifier())).orElse(false);
        if (existing.isPresent() && existing.get().superuser() && existing.get().login() && passwordCurrent) return;
        catalog.apply(b -> {
            var old = b.roles.stream().filter(r -> r.name().equals(user)).findFirst();
            String verifier = password != null ? Scram.verifier(password) : old.map(CatalogObjects.Role::scramVerifier).orElse(null);
            var role = new CatalogObjects.Role(old.map(CatalogObjects.Role::oid).orElse(10), user, true, true, true, true, true,
                    -1, verifier, old.map(CatalogObjects.Role::memberOf).orElse(List.of()));
            if (old.isPresent()) b.replace(b.roles, r -> r.name().equals(user), role);
            else b.roles.add(role);
            return null;
        });
    }
}
