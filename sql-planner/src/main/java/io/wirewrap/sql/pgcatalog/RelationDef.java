package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A catalog relation: its columns (declared as {@code "name type"} pairs with PostgreSQL type names) and a
 * function from a {@link CatalogView} to rows. Rows are checked against the column count, so a definition
 * that drifts from its row builder fails loudly in tests instead of shifting values between columns.
 */
final class RelationDef implements SystemRelations.Relation {
    private static final Map<String, Integer> TYPE_OIDS = Map.ofEntries(
            Map.entry("oid", 26), Map.entry("name", 19), Map.entry("text", 25), Map.entry("bool", 16),
            Map.entry("char", 18), Map.entry("int2", 21), Map.entry("int4", 23), Map.entry("int8", 20),
            Map.entry("float4", 700), Map.entry("float8", 701), Map.entry("regproc", 24), Map.entry("xid", 28),
            Map.entry("_text", 1009), Map.entry("_aclitem", 1034), Map.entry("_oid", 1028), Map.entry("_char", 1002),
            Map.entry("_int2", 1005), Map.entry("int2vector", 22), Map.entry("oidvector", 30),
            Map.entry("pg_node_tree", 194), Map.entry("timestamptz", 1184), Map.entry("varchar", 1043),
            Map.entry("uuid", 2950), Map.entry("bytea", 17), Map.entry("anyarray", 2277), Map.entry("numeric", 1700));

    private final List<ResultColumn> columns;
    private final Function<CatalogView, List<Object[]>> rows;
    private final Function<SessionContext, CatalogView> views;

    RelationDef(String spec, Function<CatalogView, List<Object[]>> rows, Function<SessionContext, CatalogView> views) {
        List<ResultColumn> cols = new ArrayList<>();
        for (String part : spec.trim().split("\\s*,\\s*")) {
            String[] nt = part.trim().split("\\s+");
            Integer oid = TYPE_OIDS.get(nt[1]);
            if (oid == null) throw new IllegalArgumentException("unknown catalog column type " + nt[1]);
            cols.add(ResultColumn.of(nt[0], oid));
        }
        this.columns = List.copyOf(cols);
        this.rows = rows;
        this.views = views;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public List<Object[]> rows(SessionContext session) {
        List<Object[]> out = rows.apply(views.apply(session));
        for (Object[] r : out) {
            if (r.length != columns.size()) {
                throw new IllegalStateException("catalog row has " + r.length + " values for " + columns.size() + " columns");
            }
        }
        return out;
    }
}
