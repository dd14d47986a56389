package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.fdw.Qual;
import io.wirewrap.sql.api.QueryResult;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exact statement shapes postgres_fdw sends for a foreign scan, and what the source is asked for. */
class PostgresFdwShapeTest {
    private final Fixtures f = new Fixtures(50, 200);

    @Test
    void cursorScanWithAnyArrayPushesTheInList() {
        f.prepare("DECLARE c1 CURSOR FOR\nSELECT id, email, attrs FROM stripe.customers WHERE ((id = ANY ('{cus_1,cus_2}'::text[])))")
                .execute(List.of(), Fixtures.ctx());
        try (QueryResult r = f.prepare("FETCH 100 FROM c1").execute(List.of(), Fixtures.ctx())) {
            int n = 0;
            while (r.next() != null) n++;
            assertEquals(2, n);
            assertEquals("FETCH 2", r.commandTag());
        }
        assertEquals("CLOSE CURSOR", f.prepare("CLOSE c1").execute(List.of(), Fixtures.ctx()).commandTag());
        assertEquals(List.of(new Qual.In("id", List.of("cus_1", "cus_2"))), f.customers.requests.get(0).quals());
    }

    @Test
    void interleavedCursorsOfAJoinAndForUpdate() {
        f.prepare("DECLARE c1 CURSOR FOR SELECT id, customer FROM stripe.charges WHERE ((amount > 4000)) FOR UPDATE").execute(List.of(), Fixtures.ctx());
        f.prepare("DECLARE c2 CURSOR FOR SELECT id, email FROM stripe.customers ORDER BY id ASC NULLS LAST").execute(List.of(), Fixtures.ctx());
        int a = 0;
        int b = 0;
        for (int round = 0; round < 5; round++) {
            a += f.rows("FETCH 10 FROM c1").size();
            b += f.rows("FETCH 10 FROM c2").size();
        }
        long expected = Fixtures.chargeRows(200, 50).stream().filter(r -> (Long) r[2] > 4000).count();
        assertEquals(Math.min(50, expected), a);
        assertEquals(50, b);
        f.prepare("CLOSE c1").execute(List.of(), Fixtures.ctx());
        f.prepare("CLOSE c2").execute(List.of(), Fixtures.ctx());
    }

    @Test
    void parameterisedRemoteQueryWithCastsAndRemoteEstimate() {
        var q = f.prepare("SELECT id, amount, created FROM stripe.charges WHERE ((customer = $1::text)) AND ((created >= '2024-03-02 00:00:00'::timestamp without time zone)) ORDER BY created ASC NULLS LAST");
        assertEquals(25, q.parameterTypes()[0]);
        try (QueryResult r = q.execute(List.of("cus_4"), Fixtures.ctx())) {
            while (r.next() != null) {
                // drain
            }
        }
        var quals = f.charges.requests.get(0).quals();
        assertTrue(quals.contains(new Qual.Compare("customer", io.wirewrap.fdw.CompareOp.EQ, "cus_4")), quals.toString());
        String first = (String) f.rows("EXPLAIN SELECT id, email FROM stripe.customers WHERE ((email = 'user3@example.com'))").get(0)[0];
        var m = Pattern.compile("\\(cost=([\\d.]+)\\.\\.([\\d.]+) rows=(\\d+) width=(\\d+)\\)").matcher(first);
        assertTrue(m.find(), first);
    }
}
