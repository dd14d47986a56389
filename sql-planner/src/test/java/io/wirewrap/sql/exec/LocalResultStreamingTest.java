package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results of the local engine reach the client as they are produced, and interleaved cursors still see every row. */
class LocalResultStreamingTest {
    private final Fixtures f = new Fixtures(50, 400);

    private List<String> fetch(String sql) {
        return f.rows(sql).stream().map(r -> DifferentialTest.text(r[0])).toList();
    }

    @Test
    void firstRowsOfAnEndlessLocalResultArriveWithoutComputingItAll() {
        // a hundred billion rows could never be materialised; streamed, the first fetch is immediate.
        // (the preemptive limit only turns a regression into a failure instead of a hung build)
        List<String> first = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            f.rows("declare big cursor for select a * 2 from generate_series(1, 100000000000) a");
            List<String> rows = fetch("fetch 3 from big");
            f.rows("close big");
            return rows;
        });
        assertEquals(List.of("2", "4", "6"), first);
    }

    @Test
    void interleavedLocalCursorsEachDeliverTheirWholeResult() {
        String q1 = "select id || ':' || (amount * 2) from stripe.charges order by amount, id";
        String q2 = "select upper(email) from stripe.customers where email is not null order by 1";
        List<String> whole1 = fetch(q1);
        List<String> whole2 = fetch(q2);
        f.rows("declare c1 cursor for " + q1);
        List<String> got1 = new ArrayList<>(fetch("fetch 7 from c1"));
        f.rows("declare c2 cursor for " + q2);
        List<String> got2 = new ArrayList<>(fetch("fetch 5 from c2"));
        got1.addAll(fetch("fetch 100 from c1"));
        // an unrelated local statement in between
        assertEquals(List.of("3"), fetch("select count(*) from (values (1), (2), (3)) v(x)"));
        got2.addAll(fetch("fetch all from c2"));
        got1.addAll(fetch("fetch all from c1"));
        assertEquals(whole1, got1);
        assertEquals(whole2, got2);
    }
}
