package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.Qual;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL constructs the local engine must rewrite, checked through what a client would see. */
class DialectTest {
    private final Fixtures f = new Fixtures(30, 100);

    private List<String> col(String sql) {
        return f.rows(sql).stream().map(r -> DifferentialTest.text(r[0])).toList();
    }

    @Test
    void jsonSetReturningFunctionsExpandRowsLaterally() {
        assertEquals(List.of("\"a\"", "\"b1\""), col("select e from stripe.customers c, jsonb_array_elements(c.attrs->'tags') e where c.id = 'cus_1' order by 1"));
        assertEquals(List.of("a", "b1"), col("select e.value from stripe.customers c cross join lateral jsonb_array_elements_text(c.attrs->'tags') e where c.id = 'cus_1' order by 1"));
        assertEquals(List.of("plan=free", "rank=3"),
                col("select key || '=' || value from stripe.customers c, jsonb_each_text(c.attrs->'metadata') where c.id = 'cus_3' order by 1"));
        assertEquals(List.of("{\"n\": 1, \"id\": \"x\"}"), col("select jsonb_build_object('id', 'x', 'n', 1)"));
    }

    @Test
    void arrayParameterIsPushedAsInAndBoundLocally() {
        var q = f.prepare("select id from stripe.charges where id = any($1) order by id");
        assertEquals(1009, q.parameterTypes()[0]);
        try (var r = q.execute(List.of("{ch_1,ch_3}"), Fixtures.ctx())) {
            assertEquals("ch_1", r.next()[0]);
            assertEquals("ch_3", r.next()[0]);
        }
        assertEquals(new Qual.In("id", List.of("ch_1", "ch_3")), f.charges.requests.get(0).quals().get(0));
    }

    @Test
    void explainWithOptionListAndVerbose() {
        List<String> plan = col("explain (analyze, verbose) select status, count(*) from stripe.charges where customer = 'cus_2' group by status");
        assertTrue(plan.get(0).startsWith("Local Query (DuckDB)  (cost="), plan.get(0));
        assertTrue(plan.stream().anyMatch(l -> l.contains("Output: customer, status")), String.join("\n", plan));
        assertTrue(plan.stream().anyMatch(l -> l.contains("Pushed: customer = 'cus_2'")), String.join("\n", plan));
        assertEquals("0A000", assertThrows(SqlError.class, () -> f.rows("explain (format json) select 1")).sqlState());
    }

    @Test
    void windowsDistinctOnLateralAndCtes() {
        assertEquals(List.of("cus_1", "cus_2"), col("select distinct on (customer) customer from stripe.charges where customer in ('cus_1','cus_2') order by customer, amount desc"));
        assertEquals(List.of("1"), col("select rank() over (order by amount desc) from stripe.charges where id = 'ch_5'"));
        assertEquals(List.of("3"), col("with x as (select 1 a union all select 2 union all select 3) select max(a) from x"));
        long expected = Fixtures.chargeRows(100, 30).stream().filter(r -> r[1].equals("cus_5")).count();
        assertEquals(List.of(Long.toString(expected)),
                col("select s.n from stripe.customers c, lateral (select count(*) n from stripe.charges h where h.customer = c.id) s where c.id = 'cus_5'"));
    }

    @Test
    void intervalsTimestampsAndCasts() {
        assertEquals(List.of("2024-01-02 00:00:00"), col("select timestamp '2024-01-01' + interval '1 day'"));
        assertEquals(List.of("2024-01-01 00:00:00+00"), col("select '2024-01-01 00:00:00+00'::timestamptz"));
        assertEquals(List.of("42"), col("select '42'::int"));
        var types = f.prepare("select now(), current_date, 1::numeric(10,2), 'x'::text, '{\"a\":1}'::jsonb").describe().stream().map(ResultColumn::typeOid).toList();
        assertEquals(List.of(1184, 1082, 1700, 25, 3802), types);
    }

    @Test
    void longLocalQueryIsInterruptedByStatementTimeout() {
        f.session.settings().set("statement_timeout", "200");
        // a series far too long to finish: only the timeout can end it (no wall-clock bound on how fast it does;
        // the preemptive limit is only there so a broken timeout fails the test instead of hanging the build)
        FdwException e = assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> assertThrows(FdwException.class,
                () -> f.rows("select count(*) from generate_series(1, 3000000000000) a where a % 7 = 3")));
        assertEquals("57014", e.sqlState());
        // a streaming result that finds no row for ages: the timeout must reach DuckDB inside the fetch too
        FdwException inFetch = assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> assertThrows(FdwException.class,
                () -> f.rows("select a from generate_series(1, 3000000000000) a where a % 7 = 3 and a < 0")));
        assertEquals("57014", inFetch.sqlState());
        f.session.settings().set("statement_timeout", "0");
        assertEquals(List.of("1"), col("select 1"));
    }
}
