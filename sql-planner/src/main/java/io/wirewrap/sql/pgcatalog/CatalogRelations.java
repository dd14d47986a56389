package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.ForeignSources;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import io.wirewrap.sql.vault.Vault;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link SystemRelations} over the live catalog: pg_catalog, information_schema and vault relations whose rows
 * are computed from the current snapshot each time they are read, as the reading session may see them.
 */
public final class CatalogRelations implements SystemRelations {
    private final Map<String, RelationDef> relations = new LinkedHashMap<>();

    public CatalogRelations(CatalogService catalog, Vault vault, ForeignSources sources, String bootstrapUser) {
        Function<SessionContext, CatalogView> views = session -> new CatalogView(catalog.snapshot(), session, bootstrapUser);
        PgCatalogTables.register(relations, views, new Procs(sources));
        InformationSchemaTables.register(relations, views);
        VaultTables.register(relations, views, vault);
    }

    @Override
    public Optional<Relation> find(String schema, String name) {
        return Optional.ofNullable(relations.get(schema + "." + name));
    }

    /** Every relation offered, as {@code schema.name}. */
    public Set<String> names() {
        return Collections.unmodifiableSet(relations.keySet());
    }
}
