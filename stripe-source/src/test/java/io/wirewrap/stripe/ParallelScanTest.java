package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.SortKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Created-range splitting: complete, duplicate-free, ordered, inside the asked range, memory-bounded. */
class ParallelScanTest {
    static Fixture fx;
    static List<ObjectNode> customers;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customersOnly(3000));
        customers = new ArrayList<>(fx.emu.store().list("customer"));
        customers.sort(Comparator.comparingLong((ObjectNode o) -> o.path("created").asLong()).reversed()
                .thenComparing(o -> o.path("id").asText()));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void rangeScanSplitsAndStaysInsideTheRange() {
        long hi = customers.get(200).path("created").asLong(), lo = customers.get(2700).path("created").asLong();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "6"));
        fx.emu.clearRequestLog();
        ScanPlan p = t.plan(req(List.of("id", "created"), List.of(
                new Qual.Compare("created", CompareOp.LE, LocalDateTime.ofEpochSecond(hi, 0, ZoneOffset.UTC)),
                new Qual.Compare("created", CompareOp.GE, LocalDateTime.ofEpochSecond(lo, 0, ZoneOffset.UTC))),
                List.of(SortKey.desc("created")), null));
        assertTrue(p.sortPushed());
        List<Object[]> rows = rows(t, p);
        List<String> expected = customers.stream().filter(o -> o.path("created").asLong() <= hi && o.path("created").asLong() >= lo)
                .map(o -> o.path("id").asText()).toList();
        assertEquals(expected.size(), rows.size());
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(rows.stream().map(r -> (String) r[0]).toList()));
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(((LocalDateTime) rows.get(i - 1)[1]).compareTo((LocalDateTime) rows.get(i)[1]) >= 0, "order at " + i);
        }
        List<LoggedRequest> log = fx.emu.requestLog();
        assertTrue(log.stream().filter(r -> !r.query().containsKey("starting_after")).count() > 1, "was split");
        for (LoggedRequest r : log) {
            long gte = Long.parseLong(r.query().get("created[gte]").get(0));
            assertTrue(gte >= lo, Fixture.line(r));
            if (r.query().containsKey("created[lte]")) assertTrue(Long.parseLong(r.query().get("created[lte]").get(0)) <= hi);
        }
        long min = (expected.size() + 99) / 100;
        assertTrue(log.size() <= min * 13 / 10 + 2, log.size() + " requests for " + min + " pages");
    }

    @Test
    void slowConsumerKeepsMemoryBounded() throws Exception {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "4"));
        fx.emu.clearRequestLog();
        ScanContext ctx = ScanContext.detached();
        RowStream s = t.scan(t.plan(req(List.of("id"))), ctx);
        try {
            for (int i = 0; i < 10; i++) s.next();
            Thread.sleep(800);
            // 4 workers x 3 pages budget + the head's 2 pages ahead, plus pages in flight
            assertTrue(ctx.stats().pages.sum() <= 4 * 3 + 2 + 4 + 1, "pages fetched while the consumer idled: " + ctx.stats().pages.sum());
        } finally {
            long c0 = System.nanoTime();
            s.close();
            assertTrue(System.nanoTime() - c0 < 500_000_000L, "close is prompt");
        }
    }
}
