package io.wirewrap.stripe;

import io.wirewrap.emulator.FaultInjector;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The never-short-result property: scans of a seeded emulator under randomized fault schedules (429 storms with
 * Retry-After, 500/502/503, timeouts, truncated JSON, connections reset mid-page, has_more forever, ids repeated
 * across pages, random 503s) either return exactly the rows a fault-free scan returns, in the same order, or
 * fail with an FdwException carrying a SQLSTATE. Never fewer rows, never a row twice.
 * {@code -Dwirewrap.faults.schedules=N} runs more (or fewer) schedules; the seed is fixed.
 */
class FaultScheduleTest {
    private static final int SCHEDULES = Integer.getInteger("wirewrap.faults.schedules", 1000);
    /** Errors a user may see when retries run out: Stripe error, rate limit, unreachable. */
    private static final Set<String> CLEAR_STATES = Set.of("HV000", "53400", "HV00N");
    private static final int[] STATUSES = {429, 500, 502, 503};

    static Fixture fx;
    /** Tables by "max_retries/parallelism/scan_history"; one shared client each. With a scan history the parallel
     * scans use one-page pieces aligned to it; without, they split adaptively and paginate with cursors. */
    static final Map<String, ForeignTable> tables = new HashMap<>();
    static final List<ScanRequest> queries = new ArrayList<>();
    static final List<List<Object>> expected = new ArrayList<>();

    @BeforeAll
    static void start() {
        // 3 pages of 100: enough for cursors, splits and repeats, small enough for 1,000 schedules
        fx = new Fixture(SeedSpec.customersOnly(230));
        for (String retries : List.of("1", "3", "6")) {
            for (String parallelism : List.of("1", "4")) {
                for (String history : List.of("on", "off")) {
                    tables.put(retries + "/" + parallelism + "/" + history, fx.tableWith("customers", Map.of("max_retries", retries,
                            "parallelism", parallelism, "timeout_ms", "150", "retry_backoff_ms", "1", "scan_history", history)));
                }
            }
        }
        var customers = fx.emu.store().list("customer");
        long hi = customers.get(20).path("created").asLong();
        long lo = customers.get(190).path("created").asLong();
        List<String> cols = List.of("id", "email", "created");
        queries.add(req(cols));
        queries.add(req(cols, new Qual.Compare("created", CompareOp.GE, ts(lo)), new Qual.Compare("created", CompareOp.LE, ts(hi))));
        queries.add(Fixture.req(cols, List.of(), List.of(), 150L));
        queries.add(req(cols, new Qual.In("id", customers.stream().skip(3).limit(6).map(o -> (Object) o.path("id").asText()).toList())));
        ForeignTable clean = tables.get("6/1/on");
        for (ScanRequest q : queries) expected.add(ids(rows(clean, clean.plan(q))));
        assertEquals(customers.size(), expected.get(0).size(), "fault-free full scan sees every customer");
        assertEquals(150, expected.get(2).size());
        assertEquals(6, expected.get(3).size());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static LocalDateTime ts(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    /** The ids, sorted: none of the queries asks for an order, so a parallel scan may return them in any. */
    private static List<Object> ids(List<Object[]> rows) {
        return rows.stream().map(r -> r[0]).sorted(java.util.Comparator.comparing(String::valueOf)).toList();
    }

    /** Sets a random mix of one to three faults; returns a description for the failure message. */
    private static String schedule(Random rnd, FaultInjector f) {
        f.reset().retryAfter(Duration.ofMillis(2));
        StringBuilder what = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(20);
            int count = 1 + rnd.nextInt(3);
            if (kind < 5) {
                int status = STATUSES[rnd.nextInt(STATUSES.length)];
                f.failNext(status, count);
                what.append(" fail ").append(status).append('x').append(count);
            } else if (kind < 8) {
                f.truncateNext(count);
                what.append(" truncate x").append(count);
            } else if (kind < 11) {
                f.resetNext(count);
                what.append(" reset x").append(count);
            } else if (kind < 14) {
                f.duplicateNext(count);
                what.append(" duplicate x").append(count);
            } else if (kind < 16) {
                f.errorRate(503, 0.2);
                what.append(" 503 at 20%");
            } else if (kind < 18) {
                f.hasMoreForever(true);
                what.append(" has_more forever");
            } else if (kind == 18) {
                // each timeout costs the client timeout_ms; a few dozen are enough to cover them
                if (rnd.nextBoolean()) {
                    f.stallNext(1, Duration.ofMillis(500));
                    what.append(" timeout");
                } else {
                    f.resetNext(1);
                    what.append(" reset x1");
                }
            } else {
                f.failNext(429, 6 + count);
                what.append(" 429 storm x").append(6 + count);
            }
        }
        return what.toString().trim();
    }

    @Test
    void everyScanIsExactOrFailsClearly() {
        Random rnd = new Random(20261125);
        int exact = 0, clearErrors = 0, shortResults = 0, duplicated = 0, wrong = 0, unclear = 0;
        Map<String, Integer> errorStates = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        String[] retries = {"1", "3", "6"};
        String[] parallelism = {"1", "4"};
        for (int i = 0; i < SCHEDULES; i++) {
            String faults = schedule(rnd, fx.emu.faults());
            int qi = rnd.nextInt(queries.size());
            String tableKey = retries[rnd.nextInt(retries.length)] + "/" + parallelism[rnd.nextInt(parallelism.length)]
                    + (rnd.nextBoolean() ? "/on" : "/off");
            ForeignTable t = tables.get(tableKey);
            String label = "schedule " + i + " [" + faults + "] query " + qi + " table " + tableKey;
            try {
                List<Object> got = ids(rows(t, t.plan(queries.get(qi))));
                List<Object> want = expected.get(qi);
                if (got.equals(want)) {
                    exact++;
                } else if (got.size() < want.size()) {
                    shortResults++;
                    violations.add(label + ": " + got.size() + " rows instead of " + want.size());
                } else if (got.stream().distinct().count() < got.size()) {
                    duplicated++;
                    violations.add(label + ": duplicated rows, " + got.size() + " instead of " + want.size());
                } else {
                    wrong++;
                    violations.add(label + ": different rows");
                }
            } catch (FdwException e) {
                if (e.sqlState() != null && CLEAR_STATES.contains(e.sqlState()) && e.getMessage() != null && !e.getMessage().isBlank()) {
                    clearErrors++;
                    errorStates.merge(e.sqlState(), 1, Integer::sum);
                } else {
                    unclear++;
                    violations.add(label + ": unclear error " + e.sqlState() + " " + e.getMessage());
                }
            } catch (RuntimeException e) {
                unclear++;
                violations.add(label + ": " + e);
            }
        }
        fx.emu.faults().reset();
        System.out.printf("fault schedules: %d run, %d exact, %d clear errors %s, %d short, %d duplicated, %d wrong, %d unclear%n",
                SCHEDULES, exact, clearErrors, errorStates, shortResults, duplicated, wrong, unclear);
        assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + violations.subList(0, Math.min(5, violations.size())));
        // most schedules recover: retries are what the property is about, not giving up
        assertTrue(exact > SCHEDULES / 2, exact + " exact of " + SCHEDULES);
    }
}
