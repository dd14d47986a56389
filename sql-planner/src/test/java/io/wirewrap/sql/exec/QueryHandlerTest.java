package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.fdw.Qual;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryHandlerTest {
    private final Fixtures f = new Fixtures(300, 2000);

    private static int[] oids(List<ResultColumn> cols) {
        return cols.stream().mapToInt(ResultColumn::typeOid).toArray();
    }

    @Test
    void pushedEqualityStreamsFromTheSourceWithColumnTypesAndNames() {
        var q = f.prepare("select id, email as mail from stripe.customers where id = 'cus_3'");
        assertEquals(List.of("id", "mail"), q.describe().stream().map(ResultColumn::name).toList());
        try (QueryResult r = q.execute(List.of(), Fixtures.ctx())) {
            assertTrue(r instanceof FastResult, "single-table fully pushed query must stream");
            assertArrayEquals(new Object[] {"cus_3", "user3@example.com"}, r.next());
            assertNull(r.next());
            assertEquals("SELECT 1", r.commandTag());
        }
        var req = f.customers.requests.get(0);
        assertEquals(List.of(new Qual.Compare("id", io.wirewrap.fdw.CompareOp.EQ, "cus_3")), req.quals());
        assertEquals(List.of("id", "email"), req.columns());
    }

    @Test
    void fastPathDeliversTheFirstRowAfterTheFirstPage() {
        f.charges.delayPerPageMillis = 100; // 20 pages: 2 s for the whole scan
        try (QueryResult r = f.prepare("select id from stripe.charges where status = 'failed'").execute(List.of(), Fixtures.ctx())) {
            long started = System.nanoTime();
            assertTrue(r.next() != null);
            assertTrue(System.nanoTime() - started < 1_000_000_000L, "first row must not wait for the whole scan");
        }
    }

    @Test
    void limitWithALocalFilterStopsTheScanOnceEnoughRowsMatch() {
        // amount is not filterable at the source: the filter runs locally, but 20 pages are not all needed
        List<Object[]> rows = f.rows("select id, amount from stripe.charges where amount > 4000 order by created limit 3");
        List<Object[]> all = Fixtures.chargeRows(2000, 300);
        List<String> expected = all.stream().filter(r -> (Long) r[2] > 4000).limit(3).map(r -> (String) r[0]).toList();
        assertEquals(expected, rows.stream().map(r -> (String) r[0]).toList());
        List<String> plan = f.rows("explain analyze select id from stripe.charges where amount > 4000 limit 3").stream().map(r -> (String) r[0]).toList();
        assertTrue(plan.stream().anyMatch(l -> l.contains("Requests: 5 ")), String.join("\n", plan));
        // aggregates still see every row
        long count = all.stream().filter(r -> (Long) r[2] > 4000).count();
        assertEquals(count, f.rows("select count(*) from stripe.charges where amount > 4000 limit 1").get(0)[0]);
    }

    @Test
    void aggregatesRunLocallyWithPostgresResultTypes() {
        var q = f.prepare("select count(*), sum(amount), min(currency), avg(amount) > 0 as positive from stripe.charges where status = 'failed'");
        assertArrayEquals(new int[] {20, 1700, 25, 16}, oids(q.describe()));
        List<Object[]> rows = f.rows("select count(*), sum(amount) from stripe.charges where status = 'failed'");
        long expectedCount = Fixtures.chargeRows(2000, 300).stream().filter(r -> r[4].equals("failed")).count();
        long expectedSum = Fixtures.chargeRows(2000, 300).stream().filter(r -> r[4].equals("failed")).mapToLong(r -> (Long) r[2]).sum();
        assertEquals(expectedCount, rows.get(0)[0]);
        assertEquals(BigDecimal.valueOf(expectedSum), rows.get(0)[1]);
        assertEquals(List.of(new Qual.Compare("status", io.wirewrap.fdw.CompareOp.EQ, "failed")), f.charges.requests.get(0).quals());
    }

    @Test
    void jsonOperatorsAndPathsReadNestedValues() {
        List<Object[]> rows = f.rows("select attrs->'metadata'->>'plan', attrs #>> '{metadata,rank}', attrs->'tags'->1, attrs->'metadata' "
                + "from stripe.customers where id = 'cus_4'");
        assertArrayEquals(new Object[] {"pro", "4", "\"b0\"", "{\"plan\": \"pro\", \"rank\": 4}"}, rows.get(0));
        var q = f.prepare("select attrs->'metadata' m, attrs->>'id' t from stripe.customers");
        assertArrayEquals(new int[] {3802, 25}, oids(q.describe()));
        assertEquals(List.of("m", "t"), q.describe().stream().map(ResultColumn::name).toList());
    }

    @Test
    void jsonPathEqualityIsOfferedToTheSource() {
        List<Object[]> rows = f.rows("select id from stripe.customers where attrs->'metadata'->>'plan' = 'team' order by id limit 3");
        assertEquals(3, rows.size());
        assertTrue(f.customers.requests.get(0).quals().contains(new Qual.JsonPathEquals("attrs", List.of("metadata", "plan"), "team")));
    }

    @Test
    void parametersArePushedAndReboundOnEachExecution() {
        var q = f.prepare("select id, amount from stripe.charges where customer = $1 and amount > $2 order by id");
        assertArrayEquals(new int[] {25, 20}, q.parameterTypes());
        int first;
        try (QueryResult r = q.execute(List.of("cus_8", 100L), Fixtures.ctx())) {
            first = 0;
            while (r.next() != null) first++;
        }
        long expected = Fixtures.chargeRows(2000, 300).stream().filter(r -> r[1].equals("cus_8") && (Long) r[2] > 100).count();
        assertEquals(expected, first);
        try (QueryResult r = q.execute(List.of("cus_9", "0"), Fixtures.ctx())) {
            Object[] row = r.next();
            assertTrue(((String) row[0]).startsWith("ch_"));
        }
        assertEquals(new Qual.Compare("customer", io.wirewrap.fdw.CompareOp.EQ, "cus_9"), f.charges.requests.get(1).quals().get(0));
    }

    @Test
    void parameterTypesComeFromCastsAndColumnsAndGapsAreRejected() {
        var q = f.prepare("select $1::int + $2::int as s, $3 as t from stripe.customers where id = $4");
        assertArrayEquals(new int[] {23, 23, 25, 25}, q.parameterTypes());
        assertArrayEquals(new int[] {23, 25}, oids(q.describe()));
        try (QueryResult r = q.execute(List.of(2, 3, "x", "cus_1"), Fixtures.ctx())) {
            assertArrayEquals(new Object[] {5, "x"}, r.next());
        }
        SqlError gap = assertThrows(SqlError.class, () -> f.prepare("select id from stripe.charges where amount > $1 and status = $3"));
        assertEquals("42P18", gap.sqlState());
        assertEquals("could not determine data type of parameter $2", gap.getMessage());
        // a type declared at Parse fills the gap, as in PostgreSQL
        var declared = f.prepare("select id from stripe.charges where amount > $1 and status = $3 order by id limit 1", 0, 25);
        try (QueryResult r = declared.execute(List.of(4990L, "unused", "failed"), Fixtures.ctx())) {
            assertTrue(((String) r.next()[0]).startsWith("ch_"));
        }
    }

    @Test
    void joinOnAFilterableKeyFetchesTheInnerSideByBatchesOfKeys() {
        List<Object[]> rows = f.rows("select c.id, k.email from stripe.customers k join stripe.charges c on c.customer = k.id "
                + "where k.id in ('cus_1','cus_2','cus_3') order by c.id");
        long expected = Fixtures.chargeRows(2000, 300).stream().filter(r -> List.of("cus_1", "cus_2", "cus_3").contains(r[1])).count();
        assertEquals(expected, rows.size());
        // charges were asked for by customer keys, not scanned whole
        var chargeReq = f.charges.requests.get(0);
        assertTrue(chargeReq.quals().stream().anyMatch(q -> q instanceof Qual.In in && in.column().equals("customer") && in.values().size() == 3),
                chargeReq.toString());
        List<String> plan = f.rows("explain select c.id from stripe.customers k join stripe.charges c on c.customer = k.id where k.id in ('cus_1','cus_2')")
                .stream().map(r -> (String) r[0]).toList();
        assertTrue(plan.stream().anyMatch(l -> l.contains("Dependent Foreign Scan on stripe.charges c")), String.join("\n", plan));
    }

    @Test
    void dependentKeysAreOnlyThoseOfOuterRowsPassingTheirLocalConditions() {
        Fixtures big = new Fixtures(3000, 2000);
        // amount is not filterable at the source: charges are scanned whole and filtered locally
        List<Object[]> rows = big.rows("select k.id from stripe.charges c join stripe.customers k on k.id = c.customer where c.amount > 4990 order by 1");
        List<String> expected = Fixtures.chargeRows(2000, 3000).stream().filter(r -> (Long) r[2] > 4990).map(r -> (String) r[1]).distinct().sorted().toList();
        assertEquals(expected, rows.stream().map(r -> (String) r[0]).toList());
        var customerReq = big.customers.requests.get(0);
        var in = (Qual.In) customerReq.quals().stream().filter(q -> q instanceof Qual.In).findFirst().orElseThrow();
        assertEquals(expected.size(), in.values().size(), "only the keys of charges over 4990 are fetched");
    }

    @Test
    void explainFirstLineIsParseableByPostgresFdw() {
        String first = (String) f.rows("explain select * from stripe.customers where id = 'cus_1'").get(0)[0];
        assertTrue(first.matches("Foreign Scan on stripe\\.customers  \\(cost=\\d+\\.\\d\\d\\.\\.\\d+\\.\\d\\d rows=\\d+ width=\\d+\\)"), first);
        List<String> analyzed = f.rows("explain analyze select count(*) from stripe.charges").stream().map(r -> (String) r[0]).toList();
        assertTrue(analyzed.get(0).contains("actual time="), analyzed.get(0));
        assertTrue(analyzed.stream().anyMatch(l -> l.contains("Requests: 20")), String.join("\n", analyzed));
    }

    @Test
    void cursorsFetchInBatchesLikePostgresFdw() {
        f.rows("declare c1 cursor for select id from stripe.customers order by id");
        var fetch = f.prepare("fetch 100 from c1");
        assertEquals("id", fetch.describe().get(0).name());
        try (QueryResult r = fetch.execute(List.of(), Fixtures.ctx())) {
            int n = 0;
            while (r.next() != null) n++;
            assertEquals(100, n);
            assertEquals("FETCH 100", r.commandTag());
        }
        assertEquals(200, f.rows("fetch all from c1").size());
        assertEquals(0, f.rows("fetch 100 from c1").size());
        f.prepare("close c1").execute(List.of(), Fixtures.ctx());
        SqlError e = assertThrows(SqlError.class, () -> f.rows("fetch 1 from c1"));
        assertEquals("34000", e.sqlState());
    }

    @Test
    void cursorsWithoutHoldEndWithTheirTransaction() {
        // postgres_fdw: BEGIN, DECLARE c1, an error, ABORT, then BEGIN and DECLARE c1 again
        f.session.transactionStatus('T');
        f.rows("declare c1 cursor for select id from stripe.customers");
        f.rows("declare kept cursor with hold for select id from stripe.customers order by id");
        f.session.transactionStatus('E');
        f.session.transactionStatus('I');
        SqlError gone = assertThrows(SqlError.class, () -> f.rows("fetch 1 from c1"));
        assertEquals("34000", gone.sqlState());
        assertEquals("cus_1", f.rows("fetch 1 from kept").get(0)[0]);
        f.session.transactionStatus('T');
        f.rows("declare c1 cursor for select id from stripe.customers");
        assertEquals(1, f.rows("fetch 1 from c1").size());
    }

    @Test
    void localTempTablesHoldForeignRows() {
        var create = f.prepare("create temp table big as select id, amount from stripe.charges where amount > 4000");
        assertTrue(create.execute(List.of(), Fixtures.ctx()).commandTag().startsWith("SELECT "));
        long expected = Fixtures.chargeRows(2000, 300).stream().filter(r -> (Long) r[2] > 4000).count();
        assertEquals(expected, f.rows("select count(*) from big").get(0)[0]);
        assertEquals("INSERT 0 1", f.prepare("insert into big values ('x', 1)").execute(List.of(), Fixtures.ctx()).commandTag());
        assertEquals(expected + 1, f.rows("select count(*) from big").get(0)[0]);
        f.prepare("drop table big").execute(List.of(), Fixtures.ctx());
        assertEquals("42P01", assertThrows(SqlError.class, () -> f.rows("select * from big")).sqlState());
    }

    @Test
    void unknownColumnsAreReportedAsPostgresDoes() {
        for (String[] c : new String[][] {
                {"select nosuch from stripe.charges", "column \"nosuch\" does not exist"},
                {"select id from stripe.charges where nosuch = 1", "column \"nosuch\" does not exist"},
                {"select c.nosuch from stripe.charges c", "column c.nosuch does not exist"}}) {
            SqlError e = assertThrows(SqlError.class, () -> f.rows(c[0]));
            assertEquals("42703", e.sqlState(), c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void postgresDialectDifferencesAreRewritten() {
        Object[] r = f.rows("select 7/2, 'abc' ~ 'b', 'ABC' ~* 'b', 'a_c' like 'a\\_c', date_trunc('day', timestamp '2024-05-06 07:08:09'), "
                + "to_char(timestamp '2024-05-06 07:08:09', 'YYYY-MM-DD HH24:MI'), coalesce(null, 'x'), nullif(1, 1)").get(0);
        assertEquals(3, r[0]);
        assertEquals(true, r[1]);
        assertEquals(true, r[2]);
        assertEquals(true, r[3]);
        assertEquals(java.time.LocalDateTime.of(2024, 5, 6, 0, 0), r[4]);
        assertEquals("2024-05-06 07:08", r[5]);
        assertEquals("x", r[6]);
        assertNull(r[7]);
        assertEquals(List.of(1L, 2L, 3L), f.rows("select generate_series(1, 3)").stream().map(x -> ((Number) x[0]).longValue()).toList());
    }

    @Test
    void syntaxErrorsPointAtTheOffendingToken() {
        SqlError e = assertThrows(SqlError.class, () -> f.prepare("select id frm stripe.customers"));
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at or near \"stripe\"", e.getMessage());
        assertEquals(15, e.position());
    }

    @Test
    void unsupportedConstructsFailWithFeatureNotSupported() {
        SqlError e = assertThrows(SqlError.class, () -> f.rows("select nextval('s')"));
        assertEquals("0A000", e.sqlState());
        assertTrue(e.getMessage().contains("nextval"));
    }

    @Test
    void progressNoticesDuringALongScanWhenAskedFor() {
        f.charges.delayPerPageMillis = 30;
        f.session.settings().set("wirewrap.progress", "on");
        f.session.settings().set("wirewrap.progress_interval_ms", "50");
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        var ctx = new io.wirewrap.sql.api.ExecContext(new io.wirewrap.fdw.CancelToken(), n -> notices.add(n.message()));
        try (QueryResult r = f.prepare("select count(*) from stripe.charges").execute(List.of(), ctx)) {
            assertEquals(2000L, r.next()[0]);
        }
        assertFalse(notices.isEmpty(), "expected progress notices");
        assertTrue(notices.get(0).startsWith("scanning stripe.charges: "), notices.get(0));
        f.session.settings().set("wirewrap.progress", "off");
        notices.clear();
        try (QueryResult r = f.prepare("select count(*) from stripe.charges").execute(List.of(), ctx)) {
            r.next();
        }
        assertTrue(notices.isEmpty());
    }

    @Test
    void statementTimeoutCancelsALongScan() {
        f.charges.delayPerPageMillis = 200;
        f.session.settings().set("statement_timeout", "300ms");
        var e = assertThrows(io.wirewrap.fdw.FdwException.class, () -> f.rows("select count(*) from stripe.charges"));
        assertEquals("57014", e.sqlState());
        assertFalse(e.getMessage().isEmpty());
    }
}
