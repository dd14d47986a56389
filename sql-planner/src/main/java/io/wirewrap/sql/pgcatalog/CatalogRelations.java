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
    private final Procs procs;
    private final CatalogService catalog;

    public CatalogRelations(CatalogService catalog, Vault vault, ForeignSources sources, String bootstrapUser) {
        Function<SessionContext, CatalogView> views = session -> new CatalogView(catalog.snapshot(), session, bootstrapUser);
        this.catalog = catalog;
        this.procs = new Procs(sources);
        PgCatalogTables.register(relations, views, procs);
        InformationSchemaTables.register(relations, views);
        VaultTables.register(relations, views, vault);
    }

    @Override
    public Optional<Relation> find(String schema, String name) {
        return Optional.ofNullable(relations.get(schema + "." + name));
    }

    /**
     * The catalog snapshot's version: every change to what these relations show (DDL, vault writes, roles,
     * grants, here or on another instance sharing the catalog) makes a new version. Rows that depend on the
     * session alone (its user, database, settings) do not change within a session; pg_settings, which follows
     * SET, is re-read by the query engine every time.
     */
    @Override
    public long version() {
        return catalog.snapshot().version();
    }

    /** {@code pg_get_function_result(oid)} for the functions in pg_proc: e.g. {@code uuid}; empty if unknown. */
    public Optional<String> functionResult(int oid) {
        return procs.all(catalog.snapshot()).stream().filter(p -> p.oid() == oid).findFirst().map(Procs.Proc::resultText);
    }

    /** {@code pg_get_function_arguments(oid)}: e.g. {@code new_secret text, new_name text}; empty if unknown. */
    public Optional<String> functionArguments(int oid) {
        return procs.all(catalog.snapshot()).stream().filter(p -> p.oid() == oid).findFirst().map(Procs.Proc::argumentsText);
    }

    /** Every relation offered, as {@code schema.name}. */
    public Set<String> names() {
        return Collections.unmodifiableSet(relations.keySet());
    }
}
