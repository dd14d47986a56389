package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL 15 catalogs that are always empty in wirewrap (publications, subscriptions, event triggers) with
 * their real columns, used when the catalog's {@link SystemRelations} does not provide them: psql's {@code \d}
 * reads pg_publication for its footer, and an empty relation is exactly what PostgreSQL answers without any.
 */
final class EmptyCatalogRelations {
    private EmptyCatalogRelations() {}

    // name -> "column:typeoid" list, from PostgreSQL 15's pg_attribute
    private static final Map<String, String> RELATIONS = Map.of(
            "pg_publication", "oid:26 pubname:19 pubowner:26 puballtables:16 pubinsert:16 pubupdate:16 pubdelete:16 pubtruncate:16 pubviaroot:16",
            "pg_publication_rel", "oid:26 prpubid:26 prrelid:26 prqual:194 prattrs:22",
            "pg_publication_namespace", "oid:26 pnpubid:26 pnnspid:26",
            "pg_subscription", "oid:26 subdbid:26 subskiplsn:3220 subname:19 subowner:26 subenabled:16 subbinary:16 substream:16 "
                    + "subtwophasestate:18 subdisableonerr:16 subconninfo:25 subslotname:19 subsynccommit:25 subpublications:1009",
            "pg_event_trigger", "oid:26 evtname:19 evtevent:19 evtowner:26 evtfoid:26 evtenabled:18 evttags:1009");

    static Optional<SystemRelations.Relation> find(String schema, String name) {
        if (!schema.equals("pg_catalog")) return Optional.empty();
        String spec = RELATIONS.get(name);
        if (spec == null) return Optional.empty();
        List<ResultColumn> cols = new ArrayList<>();
        for (String c : spec.split(" ")) {
            int colon = c.indexOf(':');
            cols.add(ResultColumn.of(c.substring(0, colon), Integer.parseInt(c.substring(colon + 1))));
        }
        return Optional.of(new SystemRelations.Relation() {
            @Override
            public List<ResultColumn> columns() {
                return cols;
            }

            @Override
            public List<Object[]> rows(SessionContext session) {
                return List.of();
            }
        });
    }

    /** The catalog's relations, falling back to the always-empty ones. */
    static SystemRelations over(SystemRelations catalog) {
        return new SystemRelations() {
            @Override
            public Optional<Relation> find(String schema, String name) {
                Optional<SystemRelations.Relation> r = catalog == null ? Optional.empty() : catalog.find(schema, name);
                return r.isPresent() ? r : EmptyCatalogRelations.find(schema, name);
            }

            @Override
            public long version() {
                return catalog == null ? 0 : catalog.version();
            }
        };
    }
}
