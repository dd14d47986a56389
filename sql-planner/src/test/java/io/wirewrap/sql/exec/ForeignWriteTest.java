package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.Qual;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignWriteTest {
    private final Fixtures f = new Fixtures(20, 50);

    @Test
    void insertWithReturningSendsTypedRowsAndShowsWhatTheSourceAnswered() {
        var q = f.prepare("insert into stripe.customers (email, name, balance) values ('a@x.io', 'Ann', '12'), ($1, 'Bob', 7) returning id, upper(name) n, balance");
        assertEquals(List.of("id", "n", "balance"), q.describe().stream().map(ResultColumn::name).toList());
        try (QueryResult r = q.execute(List.of("b@x.io"), Fixtures.ctx())) {
            assertArrayEquals(new Object[] {"cu_new21", "ANN", 12L}, r.next());
            assertArrayEquals(new Object[] {"cu_new22", "BOB", 7L}, r.next());
            assertEquals("INSERT 0 2", r.commandTag());
        }
        var ins = (Modify.Insert) f.customers.writes.get(0);
        assertEquals(List.of("email", "name", "balance"), ins.columns());
        assertArrayEquals(new Object[] {"b@x.io", "Bob", 7L}, ins.rows().get(1));
        assertEquals(1L, f.rows("select count(*) from stripe.customers where email = 'b@x.io'").get(0)[0]);
    }

    @Test
    void singleRowOfSeveralColumnsIsOneRow() {
        // JSqlParser represents one VALUES row differently from several: both must insert whole rows
        try (QueryResult r = f.prepare("insert into stripe.customers (email, name) values ('c@x.io', 'Cy') returning email, name")
                .execute(List.of(), Fixtures.ctx())) {
            assertArrayEquals(new Object[] {"c@x.io", "Cy"}, r.next());
            assertEquals("INSERT 0 1", r.commandTag());
        }
        var ins = (Modify.Insert) f.customers.writes.get(0);
        assertEquals(1, ins.rows().size());
        assertArrayEquals(new Object[] {"c@x.io", "Cy"}, ins.rows().get(0));
    }

    @Test
    void updateFindsRowidsThroughAPushedScanAndWritesOnlyThose() {
        QueryResult r = f.prepare("update stripe.customers set name = 'Renamed', balance = balance + 1 where email = 'user3@example.com' returning id, name, balance")
                .execute(List.of(), Fixtures.ctx());
        Object[] row = r.next();
        assertEquals("cus_3", row[0]);
        assertEquals("Renamed", row[1]);
        assertEquals("UPDATE 1", r.commandTag());
        var scan = f.customers.requests.get(0);
        assertTrue(scan.quals().contains(new Qual.Compare("email", io.wirewrap.fdw.CompareOp.EQ, "user3@example.com")), scan.toString());
        var up = (Modify.Update) f.customers.writes.get(0);
        assertEquals(List.of("cus_3"), up.rowids());
        assertEquals("Renamed", up.changes().get("name"));
    }

    @Test
    void deleteByKeyRemovesTheRow() {
        var q = f.prepare("delete from stripe.charges where id = $1");
        assertEquals(25, q.parameterTypes()[0]);
        assertEquals("DELETE 1", q.execute(List.of("ch_5"), Fixtures.ctx()).commandTag());
        assertEquals(new Modify.Delete(List.of("ch_5")), f.charges.writes.get(0));
        assertEquals(0, f.rows("select id from stripe.charges where id = 'ch_5'").size());
        assertEquals("DELETE 0", f.prepare("delete from stripe.charges where id = 'nope'").execute(List.of(), Fixtures.ctx()).commandTag());
        assertEquals(1, f.charges.writes.size(), "no write when no row matched");
        assertEquals(Map.of(), Map.of());
    }

    /** Each write's key-column values, per rowid, must be the row's own: a source builds paths from them. */
    private static void assertKeysAreTheRowsOwn(List<Object[]> rows, List<Object> rowids, List<Map<String, Object>> keys) {
        assertEquals(rowids.size(), keys.size());
        for (int i = 0; i < rowids.size(); i++) {
            Object id = rowids.get(i);
            Object[] row = rows.stream().filter(r -> r[0].equals(id)).findFirst().orElseThrow();
            assertEquals(Map.of("customer", row[1], "currency", row[3]), keys.get(i), "row " + id);
        }
    }

    @Test
    void updateAndDeleteHandTheRowKeyColumnsOverPerRow() {
        f.charges.rowKeys = List.of("customer", "currency");
        List<Object[]> before = List.copyOf(f.charges.rows);
        // two different new values: two writes, each with its own rows' keys
        QueryResult up = f.prepare("update stripe.charges c set status = case when amount % 2 = 0 then 'even' else 'odd' end "
                + "where c.customer in ('cus_1', 'cus_2')").execute(List.of(), Fixtures.ctx());
        assertEquals(2, f.charges.writes.size(), f.charges.writes.toString());
        long rows = 0;
        for (Modify m : f.charges.writes) {
            var u = (Modify.Update) m;
            assertKeysAreTheRowsOwn(before, u.rowids(), u.keys());
            rows += u.rowids().size();
        }
        assertEquals("UPDATE " + rows, up.commandTag());
        f.charges.writes.clear();
        f.prepare("delete from stripe.charges where customer = 'cus_3'").execute(List.of(), Fixtures.ctx());
        var del = (Modify.Delete) f.charges.writes.getFirst();
        assertTrue(!del.rowids().isEmpty());
        assertKeysAreTheRowsOwn(before, del.rowids(), del.keys());
    }
}
