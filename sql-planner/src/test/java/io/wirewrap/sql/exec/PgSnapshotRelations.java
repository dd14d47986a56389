package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SystemRelations} test double whose relations are copies of a real PostgreSQL 15's catalog (columns with
 * their type OIDs, and rows), so catalog queries psql and pgjdbc send meet exactly the shapes they expect.
 */
final class PgSnapshotRelations implements SystemRelations {
    private final Connection pg;
    private final Map<String, Optional<Relation>> cache = new ConcurrentHashMap<>();

    PgSnapshotRelations(Connection pg) {
        this.pg = pg;
    }

    @Override
    public Optional<Relation> find(String schema, String name) {
        if (!schema.equals("pg_catalog") && !schema.equals("information_schema")) return Optional.empty();
        return cache.computeIfAbsent(schema + "." + name, k -> load(schema, name));
    }

    private Optional<Relation> load(String schema, String name) {
        try {
            List<ResultColumn> cols = new ArrayList<>();
            try (PreparedStatement ps = pg.prepareStatement("select a.attname, a.atttypid from pg_attribute a join pg_class c on c.oid = a.attrelid "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
                ps.setString(1, schema);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) cols.add(ResultColumn.of(rs.getString(1), (int) rs.getLong(2)));
                }
            }
            if (cols.isEmpty()) return Optional.empty();
            List<Object[]> rows = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select ");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) sql.append(", ");
                int oid = cols.get(i).typeOid();
                String q = "\"" + cols.get(i).name() + "\"";
                // types without a plain Java value travel as text
                boolean text = switch (oid) {
                    case 16, 20, 21, 23, 26, 700, 701, 1700, 25, 19, 1043, 1114, 1184, 1082 -> false;
                    default -> !SystemLoader.isArray(oid);
                };
                sql.append(text ? q + "::text" : SystemLoader.isArray(oid) ? q + "::text[]" : q);
            }
            sql.append(" from ").append(schema).append('.').append(name);
            try (var st = pg.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    Object[] row = new Object[cols.size()];
                    for (int i = 0; i < row.length; i++) {
                        Object v = rs.getObject(i + 1);
                        if (v instanceof Array a) v = List.of((Object[]) a.getArray());
                        if (v instanceof java.sql.Timestamp t) v = t.toLocalDateTime();
                        row[i] = v;
                    }
                    rows.add(row);
                }
            }
            return Optional.of(new Relation() {
                @Override
                public List<ResultColumn> columns() {
                    return cols;
                }

                @Override
                public List<Object[]> rows(SessionContext session) {
                    return rows;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
