package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemRelationCacheTest {
    @Test
    void rowsAreReadAgainOnlyWhenTheCatalogVersionChanges() {
        Fixtures f = new Fixtures(5, 5);
        AtomicInteger reads = new AtomicInteger();
        AtomicLong version = new AtomicLong(1);
        List<Object[]> rows = new ArrayList<>(List.<Object[]>of(new Object[] {1L, "public"}));
        f.services.register(SystemRelations.class, new SystemRelations() {
            @Override
            public Optional<Relation> find(String schema, String name) {
                if (!name.equals("pg_namespace")) return Optional.empty();
                return Optional.of(new Relation() {
                    @Override
                    public List<ResultColumn> columns() {
                        return List.of(ResultColumn.of("oid", 26), ResultColumn.of("nspname", 19));
                    }

                    @Override
                    public List<Object[]> rows(SessionContext session) {
                        reads.incrementAndGet();
                        return List.copyOf(rows);
                    }
                });
            }

            @Override
            public long version() {
                return version.get();
            }
        });
        assertEquals(1, f.rows("select nspname from pg_namespace").size());
        assertEquals(1, f.rows("select nspname from pg_catalog.pg_namespace").size());
        assertEquals(1, reads.get());
        rows.add(new Object[] {2L, "stripe"});
        version.incrementAndGet();
        assertEquals(List.of("public", "stripe"), f.rows("select nspname from pg_namespace order by 1").stream().map(r -> (String) r[0]).toList());
        assertEquals(2, reads.get());
    }
}
