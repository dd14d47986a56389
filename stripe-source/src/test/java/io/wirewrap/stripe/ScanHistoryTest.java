package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.SortKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A complete scan records the list's created times; the next parallel scan of the same list cuts one-page pieces at
 * those page boundaries and so makes exactly the minimum number of requests, whatever its parallelism.
 */
class ScanHistoryTest {
    static final int CUSTOMERS = 2345;
    Fixture fx;
    List<ObjectNode> newestFirst;

    @BeforeEach
    void start() {
        fx = new Fixture(SeedSpec.customersOnly(CUSTOMERS));
        newestFirst = sorted(fx.emu.store().list("customer"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void secondFullScanMakesTheMinimumRequestsInOrder() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "6"));
        ScanPlan ordered = t.plan(req(List.of("id"), List.of(), List.of(SortKey.desc("created")), null));
        List<Object[]> cold = rows(t, ordered);
        assertEquals(ids(newestFirst), cold.stream().map(r -> (String) r[0]).toList());

        fx.emu.clearRequestLog();
        List<Object[]> warm = rows(t, ordered);
        assertEquals(ids(newestFirst), warm.stream().map(r -> (String) r[0]).toList(), "same rows, same order");
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(24, log.size(), "ceil(2345 / 100) requests");
        assertTrue(log.stream().noneMatch(r -> r.query().containsKey("starting_after")), "every piece is one page");
    }

    @Test
    void unorderedWarmScanReturnsEveryRowOnceWithMinimumRequests() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "8"));
        ScanPlan any = t.plan(req(List.of("id")));
        assertEquals(new HashSet<>(ids(newestFirst)), idSet(rows(t, any)));
        fx.emu.clearRequestLog();
        List<Object[]> warm = rows(t, any);
        assertEquals(CUSTOMERS, warm.size());
        assertEquals(new HashSet<>(ids(newestFirst)), idSet(warm));
        assertEquals(24, fx.emu.requestLog().size());
    }

    @Test
    void objectsCreatedOrDeletedSinceTheHistoryAreSeen() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "4"));
        ScanPlan any = t.plan(req(List.of("id")));
        rows(t, any);
        ObjectNode fresh = newestFirst.get(0).deepCopy();
        fresh.put("id", "cus_createdsincehistory");
        fresh.put("created", newestFirst.get(0).path("created").asLong() + 60);
        fx.emu.store().put(fresh);
        String deleted = newestFirst.get(1000).path("id").asText();
        fx.emu.store().remove(deleted);

        fx.emu.clearRequestLog();
        var seen = idSet(rows(t, any));
        assertTrue(seen.contains("cus_createdsincehistory"));
        assertTrue(!seen.contains(deleted));
        assertEquals(CUSTOMERS, seen.size());
        // the new object joins the newest piece, whose page was full: one more request than before
        assertEquals(25, fx.emu.requestLog().size());
    }

    @Test
    void rangeScanUsesTheHistoryCountedFromTheRangeTop() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "5"));
        rows(t, t.plan(req(List.of("id"))));
        long hi = newestFirst.get(150).path("created").asLong(), lo = newestFirst.get(1900).path("created").asLong();
        List<String> expected = ids(newestFirst.stream().filter(o -> o.path("created").asLong() <= hi && o.path("created").asLong() >= lo).toList());
        fx.emu.clearRequestLog();
        List<Object[]> got = rows(t, t.plan(req(List.of("id"), List.of(
                new Qual.Compare("created", CompareOp.LE, LocalDateTime.ofEpochSecond(hi, 0, ZoneOffset.UTC)),
                new Qual.Compare("created", CompareOp.GE, LocalDateTime.ofEpochSecond(lo, 0, ZoneOffset.UTC))),
                List.of(SortKey.desc("created")), null)));
        assertEquals(expected, got.stream().map(r -> (String) r[0]).toList());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals((expected.size() + 99) / 100, log.size());
        assertTrue(log.size() > 1 && log.stream().allMatch(r -> Long.parseLong(r.query().get("created[gte]").get(0)) >= lo
                && Long.parseLong(r.query().get("created[lte]").get(0)) <= hi), "pieces stay inside the range");
    }

    @Test
    void onePagePiecesStillWaitForASlowConsumer() throws Exception {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "4"));
        ScanPlan ordered = t.plan(req(List.of("id"), List.of(), List.of(SortKey.desc("created")), null));
        rows(t, ordered);
        io.wirewrap.fdw.ScanContext ctx = io.wirewrap.fdw.ScanContext.detached();
        try (var s = t.scan(ordered, ctx)) {
            for (int i = 0; i < 10; i++) s.next();
            Thread.sleep(800);
            // 4 workers x 3 pages of budget, plus one page in flight per worker
            assertTrue(ctx.stats().pages.sum() <= 4 * 3 + 4 + 1, "pages fetched while the consumer idled: " + ctx.stats().pages.sum());
        }
    }

    @Test
    void scanHistoryOffKeepsSplittingAdaptively() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "4", "scan_history", "off"));
        ScanPlan any = t.plan(req(List.of("id")));
        rows(t, any);
        fx.emu.clearRequestLog();
        assertEquals(CUSTOMERS, idSet(rows(t, any)).size());
        assertTrue(fx.emu.requestLog().stream().anyMatch(r -> r.query().containsKey("starting_after")));
    }

    @Test
    void scanThatStopsEarlyRecordsNothing() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "4"));
        try (var s = t.scan(t.plan(req(List.of("id"))), io.wirewrap.fdw.ScanContext.detached())) {
            for (int i = 0; i < 150; i++) s.next();
        }
        fx.emu.clearRequestLog();
        assertEquals(CUSTOMERS, rows(t, t.plan(req(List.of("id")))).size());
        assertTrue(fx.emu.requestLog().stream().anyMatch(r -> r.query().containsKey("starting_after")),
                "a partial scan leaves no history: the next scan paginates cold");
    }

    static List<ObjectNode> sorted(List<ObjectNode> objects) {
        List<ObjectNode> out = new ArrayList<>(objects);
        out.sort(Comparator.comparingLong((ObjectNode o) -> o.path("created").asLong()).reversed().thenComparing(o -> o.path("id").asText()));
        return out;
    }

    static List<String> ids(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("id").asText()).toList();
    }

    static HashSet<String> idSet(List<Object[]> rows) {
        HashSet<String> out = new HashSet<>();
        for (Object[] r : rows) assertTrue(out.add((String) r[0]), "duplicate " + r[0]);
        return out;
    }
}
