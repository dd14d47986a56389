package io.wirewrap.bench.source;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SortKey;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Full scan of 20,000 customers through stripe-source, emulator latency 50 ms, rate limit 100 req/s: sequential
 * pagination (parallelism 1) against created-range splitting. The first parallel scan of a list is cold (its size
 * is unknown, pieces are cut adaptively); a later scan of the same list is warm (pieces aligned to the page
 * boundaries the first one recorded). Both are measured for {@code select *} (any order) and for
 * {@code order by created desc}, each cold run on a fresh source. Goal: parallel <= 1/4 of sequential and <= 1.15x
 * the rate-limit bound (minimum requests / rate).
 *
 * <p>Run: {@code bench/bench-scan [customers] [latencyMs] [rps] [workers] [coldRuns]}
 */
public final class BenchScan {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        double rps = args.length > 2 ? Double.parseDouble(args[2]) : 100;
        String workers = args.length > 3 ? args[3] : "8";
        int coldRuns = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        // JDK HttpServer leaves Nagle on by default: headers and body in two segments meet the client's delayed ACK
        // and every response waits ~40 ms. Real Stripe has no such stall, so the emulator in this JVM turns it off.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customersOnly(n)))) {
            emu.faults().latency(Duration.ofMillis(latency), Duration.ZERO);
            List<String> cols = List.of("id", "email", "created");
            ScanRequest any = new ScanRequest(cols, List.of(), List.of(), OptionalLong.empty());
            ScanRequest newestFirst = new ScanRequest(cols, List.of(), List.of(SortKey.desc("created")), OptionalLong.empty());
            double minRequests = Math.ceil(n / 100.0);
            double bound = minRequests / rps;
            System.out.printf("BenchScan: %d customers, latency %d ms, rate limit %.0f req/s, rate-limit bound %.2f s (%d requests)%n",
                    n, latency, rps, bound, (long) minRequests);

            Result seq = run(new SourceHarness(emu), any, Map.of("rate_limit", Double.toString(rps), "parallelism", "1"), emu);
            System.out.printf("  %-36s %6.2f s  %5d requests  %d rows%n", "sequential", seq.secs, seq.requests, seq.rows);
            Map<String, String> parallel = Map.of("rate_limit", Double.toString(rps), "parallelism", workers);
            // cold runs vary with scheduling: more than one (each on a fresh source) shows the spread
            for (int i = 1; i < coldRuns; i++) {
                report("parallel(" + workers + ") cold, any order #" + i, run(new SourceHarness(emu), any, parallel, emu), seq, bound, emu);
            }
            SourceHarness unordered = new SourceHarness(emu), ordered = new SourceHarness(emu);
            List<Result> results = List.of(
                    report("parallel(" + workers + ") cold, any order", run(unordered, any, parallel, emu), seq, bound, emu),
                    report("parallel(" + workers + ") warm, any order", run(unordered, any, parallel, emu), seq, bound, emu),
                    report("parallel(" + workers + ") cold, order by created", run(ordered, newestFirst, parallel, emu), seq, bound, emu),
                    report("parallel(" + workers + ") warm, order by created", run(ordered, newestFirst, parallel, emu), seq, bound, emu));
            System.out.println("  (ratios: time / sequential, goal <= 0.25; time / rate-limit bound, goal <= 1.15)");
            if (seq.rows != n || results.stream().anyMatch(r -> r.rows != n)) System.out.println("  ERROR: row count mismatch");
        }
    }

    private static Result report(String name, Result r, Result seq, double bound, StripeEmulator emu) {
        long pieces = emu.requestLog().stream().filter(q -> !q.query().containsKey("starting_after")).count();
        System.out.printf("  %-36s %6.2f s  %5d requests  %d rows  %3d pieces  /sequential %.3f  /bound %.3f%n",
                name, r.secs, r.requests, r.rows, pieces, r.secs / seq.secs, r.secs / bound);
        return r;
    }

    record Result(double secs, long requests, long rows) {}

    private static Result run(SourceHarness h, ScanRequest req, Map<String, String> server, StripeEmulator emu) {
        ForeignTable t = h.open("customers", server);
        emu.clearRequestLog();
        ScanPlan p = t.plan(req);
        ScanContext ctx = ScanContext.detached();
        // let the shared token bucket refill so runs do not inherit each other's debt
        sleep(1200);
        long t0 = System.nanoTime();
        long rows = SourceHarness.drain(t, p, ctx);
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Result(secs, ctx.stats().requests.sum(), rows);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
