package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Column;
import io.wirewrap.sql.catalog.CatalogObjects.Server;
import io.wirewrap.sql.catalog.CatalogObjects.Wrapper;
import io.wirewrap.sql.ddl.DdlHandler;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.plan.ResolvedForeignFunction;
import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.vault.Vault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds foreign tables for the query engine: by schema, or along the session's search_path; opens them against
 * their source with the session user's effective options (vault key resolved). Opened tables are cached per
 * definition and options, so a catalog change or a different user mapping opens a fresh one.
 */
public final class CatalogTableResolver implements ForeignTableResolver {
    private static final int MAX_CACHED = 512;
    private final CatalogService catalog;
    private final Vault vault;
    private final ForeignSources sources;
    private final Map<Key, ForeignTable> opened = new ConcurrentHashMap<>();

    private record Key(int oid, TableDef definition, SourceOptions options) {}

    public CatalogTableResolver(CatalogService catalog, Vault vault, ForeignSources sources) {
        this.catalog = catalog;
        this.vault = vault;
        this.sources = sources;
    }

    @Override
    public Optional<ResolvedForeignTable> resolve(String schema, String name, SessionContext session) {
        CatalogSnapshot snap = catalog.snapshot();
        Optional<CatalogObjects.ForeignTable> found = Optional.empty();
        if (schema != null) {
            found = snap.table(schema, name);
        } else {
            for (String s : DdlHandler.searchPath(session)) {
                found = snap.table(s, name);
                if (found.isPresent()) break;
            }
        }
        if (found.isEmpty()) return Optional.empty();
        CatalogObjects.ForeignTable t = found.get();
        if (!Privileges.anyOnTable(snap, session.user(), DdlHandler.privileged(session, snap), t)) {
            // the statement kind is not known here, so any privilege lets the name resolve; the query engine may
            // check the specific one with Privileges.onTable
            throw new SqlError("42501", "permission denied for foreign table " + t.name());
        }
        Server server = snap.server(t.server()).orElseThrow();
        Wrapper wrapper = snap.wrapper(server.wrapper()).orElseThrow();
        ForeignSource source = sources.byHandler(wrapper.handler()).or(() -> sources.byValidator(wrapper.validator()))
                .orElseThrow(() -> new SqlError("HV00N", "foreign-data wrapper \"" + wrapper.name() + "\" has no handler"));
        SourceOptions options = vault.resolveOptions(snap, server.name(), session.user());
        TableDef def = definition(t);
        Key key = new Key(t.oid(), def, options);
        ForeignTable table = opened.get(key);
        if (table == null) {
            try {
                table = source.open(def, options);
            } catch (SqlError e) {
                throw e;
            } catch (FdwException e) {
                throw new SqlError(e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, e);
            }
            if (opened.size() >= MAX_CACHED) opened.clear();
            opened.put(key, table);
        }
        return Optional.of(new ResolvedForeignTable(t.schema(), table, def, t.oid()));
    }

    @Override
    public Optional<ResolvedForeignFunction> resolveFunction(String schema, String name, SessionContext session) {
        CatalogSnapshot snap = catalog.snapshot();
        Optional<SchemaFunctions.Entry> found = Optional.empty();
        for (String s : schema != null ? List.of(schema) : DdlHandler.searchPath(session)) {
            found = SchemaFunctions.find(snap, sources, s, name);
            if (found.isPresent()) break;
        }
        if (found.isEmpty()) return Optional.empty();
        SchemaFunctions.Entry e = found.get();
        boolean superuser = DdlHandler.privileged(session, snap);
        // an action acts on Stripe with the server's key: like creating a foreign table there, it needs USAGE
        if (!Privileges.onFunction(snap, session.user(), superuser, e)) {
            throw new SqlError("42501", "permission denied for function " + e.schema() + "." + name, null,
                    e.definition().privileged() ? null : "calling it needs usage on foreign server " + e.server(), 0, null);
        }
        SourceOptions options = vault.resolveOptions(snap, e.server(), session.user());
        return Optional.of(new ResolvedForeignFunction(e.schema(), e.definition(),
                (args, context) -> e.source().call(name, args, options, context)));
    }

    @Override
    public void requirePrivilege(ResolvedForeignTable table, String privilege, SessionContext session) {
        CatalogSnapshot snap = catalog.snapshot();
        CatalogObjects.ForeignTable t = snap.tableByOid(table.tableOid()).orElse(null);
        if (t == null) return; // dropped meanwhile: the scan itself will fail
        if (!Privileges.onTable(snap, session.user(), DdlHandler.privileged(session, snap), t, privilege)) {
            throw new SqlError("42501", "permission denied for foreign table " + t.name());
        }
    }

    public static TableDef definition(CatalogObjects.ForeignTable t) {
        List<ColumnDef> cols = new ArrayList<>();
        for (Column c : t.columns()) cols.add(new ColumnDef(c.name(), c.type(), c.notNull()));
        return new TableDef(t.name(), cols, t.options());
    }
}
