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

    @Test
    void pushedJoinsInParenthesesReadBothTablesAndPushTheirQuals() {
        long charges = Fixtures.chargeRows(200, 50).size();
        long ofCus4 = Fixtures.chargeRows(200, 50).stream().filter(r -> r[1].equals("cus_4")).count();
        assertEquals(charges, count("SELECT count(*) FROM (stripe.customers r1 INNER JOIN stripe.charges r2 ON (((r1.id = r2.customer))))"));

        f.customers.requests.clear();
        var rows = f.rows("SELECT r1.id, r2.id FROM (stripe.customers r1 INNER JOIN stripe.charges r2 ON (((r1.id = r2.customer)) AND ((r1.id = 'cus_4'))))");
        assertEquals(ofCus4, rows.size());
        assertTrue(rows.stream().allMatch(r -> r[0].equals("cus_4")));
        assertTrue(f.customers.requests.get(0).quals().contains(new Qual.Compare("id", io.wirewrap.fdw.CompareOp.EQ, "cus_4")),
                f.customers.requests.get(0).quals().toString());

        // three relations, left-deep with an outer join, and bushy with inner joins only
        assertEquals(charges, count("SELECT count(*) FROM ((stripe.customers r1 INNER JOIN stripe.charges r2 ON (((r1.id = r2.customer))))"
                + " LEFT JOIN stripe.customers r3 ON (((r3.id = r2.customer))))"));
        assertEquals(charges, count("SELECT count(*) FROM (stripe.customers r1 LEFT JOIN (stripe.charges r2 INNER JOIN stripe.customers r3"
                + " ON (((r3.id = r2.customer)))) ON (((r1.id = r2.customer))))") - 50 + customersWithCharges());
        assertEquals(ofCus4, count("SELECT count(*) FROM (stripe.customers r1 INNER JOIN (stripe.charges r2 INNER JOIN stripe.customers r3"
                + " ON (((r3.id = r2.customer)))) ON (((r1.id = r2.customer)) AND ((r3.id = 'cus_4'))))"));
    }

    private static long customersWithCharges() {
        return Fixtures.chargeRows(200, 50).stream().map(r -> r[1]).distinct().count();
    }

    private long count(String sql) {
        return ((Number) f.rows(sql).get(0)[0]).longValue();
    }

    @Test
    void analyzeSampleScanIsBoundedAndOtherScansAreNot() {
        f.session.settings().set("wirewrap.analyze_sample_rows", "20");
        // postgres_fdw's ANALYZE: size query, then (16) pg_class, then the sample cursor
        assertEquals(0L, count("SELECT pg_catalog.pg_relation_size('stripe.customers'::pg_catalog.regclass) / 8192"));
        f.prepare("DECLARE c1 CURSOR FOR SELECT id, email, created FROM stripe.customers").execute(List.of(), Fixtures.ctx());
        assertEquals(20, f.rows("FETCH 100 FROM c1").size());
        f.prepare("CLOSE c1").execute(List.of(), Fixtures.ctx());

        assertEquals(0L, count("SELECT pg_catalog.pg_relation_size('stripe.customers'::pg_catalog.regclass) / 8192"));
        f.prepare("DECLARE c1 CURSOR FOR SELECT id FROM stripe.customers WHERE pg_catalog.random() < 0.4").execute(List.of(), Fixtures.ctx());
        assertEquals(20, f.rows("FETCH 100 FROM c1").size(), "postgres_fdw 16's random() filter is replaced by the limit");
        f.prepare("CLOSE c1").execute(List.of(), Fixtures.ctx());

        // an ordinary scan afterwards reads everything
        f.prepare("DECLARE c2 CURSOR FOR SELECT id, email FROM stripe.customers").execute(List.of(), Fixtures.ctx());
        assertEquals(50, f.rows("FETCH 100 FROM c2").size());
        f.prepare("CLOSE c2").execute(List.of(), Fixtures.ctx());
    }

    @Test
    void likeAsPostgresFdwDeparsesIt() {
        // user1 and user10..user19 but user14, whose email is null (every 7th)
        assertEquals(10L, count("SELECT count(*) FROM stripe.customers WHERE ((email ~~ 'user1%'))"));
        assertEquals(10L, count("SELECT count(*) FROM stripe.customers WHERE ((email ~~* 'USER1%'))"));
        assertEquals(50L - 7 - 10, count("SELECT count(*) FROM stripe.customers WHERE ((email !~~ 'user1%'))"));
    }

    @Test
    void rowByRowUpdateThroughCtidIsRefusedPlainly() {
        for (String sql : List.of("SELECT id, email, ctid FROM stripe.customers FOR UPDATE",
                "UPDATE stripe.customers SET name = $2 WHERE ctid = $1", "DELETE FROM stripe.customers WHERE ctid = $1")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.wirewrap.sql.api.SqlError.class,
                    () -> f.prepare(sql, 27, 25).execute(List.of("(0,1)", "x"), Fixtures.ctx()).close(), sql);
            assertEquals("0A000", e.sqlState(), sql);
            assertTrue(e.getMessage().contains("stripe.customers") && e.getMessage().contains("ctid"), e.getMessage());
        }
    }
}
