package io.wirewrap.sql.catalog;

import io.wirewrap.sql.api.RoleStore;
import java.util.Optional;

/** Authentication against the catalog's roles: only roles with LOGIN and a SCRAM verifier can log in. */
public final class CatalogRoleStore implements RoleStore {
    private final CatalogService catalog;

    public CatalogRoleStore(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<LoginRole> find(String name) {
        return catalog.refresh().role(name)
                .filter(CatalogObjects.Role::login)
                .map(r -> new LoginRole(r.name(), r.superuser(), r.scramVerifier()));
    }
}
