package io.wirewrap.stripe;

import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.wirewrap.stripe.Fixture.req;
import static io.wirewrap.stripe.Fixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries, errors, loop guard, cancellation and rate limiting against the emulator's fault injection. */
class FaultTest {
    static Fixture fx;
    static final List<String> COLS = List.of("id", "email", "created");
    static int total;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(250));
        total = fx.emu.store().count("customer");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.emu.faults().reset();
        fx.emu.clearRequestLog();
    }

    private static List<Object[]> scanAll(ForeignTable t, ScanContext ctx) {
        return rows(t, t.plan(req(COLS)), ctx);
    }

    @Test
    void serverErrorsAreRetried() {
        fx.emu.faults().failNext(500, 2);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1"));
        assertEquals(total, scanAll(t, ctx).size());
        assertEquals(2, ctx.stats().retries.sum());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(500, log.get(0).status());
        assertEquals(500, log.get(1).status());
        assertEquals(200, log.get(2).status());
        assertEquals(Fixture.line(log.get(0)), Fixture.line(log.get(2)));
    }

    @Test
    void serverErrorStripeSaysNotToRetryIsNotRetried() {
        fx.emu.faults().failNext(500, 3).shouldRetry(false);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1"));
        FdwException e = assertThrows(FdwException.class, () -> scanAll(t, ctx));
        assertEquals("HV000", e.sqlState());
        assertTrue(e.detail().contains("HTTP 500"), e.detail());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(1, log.size(), fx.requests().toString());
        assertEquals(500, log.get(0).status());
        assertEquals(0, ctx.stats().retries.sum());
    }

    @Test
    void clientErrorStripeSaysToRetryIsRetried() {
        fx.emu.faults().failNext(400, 2).shouldRetry(true);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1", "retry_backoff_ms", "10"));
        List<Object[]> rows = scanAll(t, ctx);
        assertEquals(total, rows.size());
        assertEquals(total, rows.stream().map(r -> r[0]).distinct().count());
        assertEquals(2, ctx.stats().retries.sum());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(List.of(400, 400, 200), log.subList(0, 3).stream().map(LoggedRequest::status).toList());
        assertEquals(Fixture.line(log.get(0)), Fixture.line(log.get(2)), "the same page asked again");
    }

    @Test
    void clientErrorWithoutShouldRetryFailsAtOnce() {
        fx.emu.faults().failNext(400, 1);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1"));
        assertThrows(FdwException.class, () -> scanAll(t, ctx));
        assertEquals(1, fx.emu.requestLog().size(), fx.requests().toString());
        assertEquals(0, ctx.stats().retries.sum());
    }

    @Test
    void lockTimeout409IsRetried() {
        // the emulator sends Stripe-Should-Retry: true with 409 lock_timeout, as Stripe does
        fx.emu.faults().failNext(409, 1);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1", "retry_backoff_ms", "10"));
        assertEquals(total, scanAll(t, ctx).size());
        assertEquals(1, ctx.stats().retries.sum());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(409, log.get(0).status());
        assertEquals(200, log.get(1).status());
        assertEquals(Fixture.line(log.get(0)), Fixture.line(log.get(1)));
    }

    @Test
    void rateLimitedRequestsHonourRetryAfter() {
        fx.emu.faults().failNext(429, 1);
        ScanContext ctx = ScanContext.detached();
        long t0 = System.nanoTime();
        assertEquals(total, scanAll(fx.table("customers"), ctx).size());
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited for Retry-After");
        assertEquals(1, ctx.stats().retries.sum());
    }

    @Test
    void truncatedAndResetPagesAreRetriedNeverShort() {
        fx.emu.faults().truncateNext(1).resetNext(1);
        ScanContext ctx = ScanContext.detached();
        List<Object[]> rows = scanAll(fx.tableWith("customers", Map.of("parallelism", "1")), ctx);
        assertEquals(total, rows.size());
        assertEquals(total, rows.stream().map(r -> r[0]).distinct().count());
        assertTrue(ctx.stats().retries.sum() >= 2);
    }

    @Test
    void droppedResponseTimesOutAndRetries() {
        fx.emu.faults().dropResponseNext(3);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("timeout_ms", "700", "parallelism", "1"));
        assertEquals(total, scanAll(t, ctx).size());
        // the JDK client itself retries an idempotent GET once on a dropped connection; the rest are ours
        assertTrue(ctx.stats().retries.sum() >= 1);
    }

    @Test
    void exhaustedRetriesFailWithStripeDetails() {
        fx.emu.faults().failNext(500, 10);
        // one worker: the request count below is one request and its two retries
        ForeignTable t = fx.tableWith("customers", Map.of("max_retries", "2", "parallelism", "1"));
        FdwException e = assertThrows(FdwException.class, () -> scanAll(t, ScanContext.detached()));
        assertEquals("HV000", e.sqlState());
        assertTrue(e.getMessage().startsWith("Stripe API error (api_error"), e.getMessage());
        assertTrue(e.detail().contains("Request-Id req_"), e.detail());
        assertTrue(e.detail().contains("HTTP 500"), e.detail());
        assertTrue(e.detail().endsWith(", after 3 attempts"), e.detail());
        assertEquals(3, fx.emu.requestLog().size());
    }

    @Test
    void exhaustedRateLimitIs53400() {
        fx.emu.faults().failNext(429, 10);
        ForeignTable t = fx.tableWith("customers", Map.of("max_retries", "1"));
        FdwException e = assertThrows(FdwException.class, () -> scanAll(t, ScanContext.detached()));
        assertEquals("53400", e.sqlState());
    }

    @Test
    void badKeyIs28000WithoutTheKey() {
        ForeignTable t = fx.tableWith("customers", Map.of("api_key", "sk_live_wrongwrongwrong1234"));
        FdwException e = assertThrows(FdwException.class, () -> scanAll(t, ScanContext.detached()));
        assertEquals("28000", e.sqlState());
        String all = e.getMessage() + e.detail() + e.hint();
        assertFalse(all.contains("wrongwrongwrong1234"), all);
    }

    @Test
    void hasMoreForeverIsCaught() {
        fx.emu.faults().hasMoreForever(true);
        FdwException e = assertThrows(FdwException.class,
                () -> scanAll(fx.tableWith("customers", Map.of("parallelism", "1")), ScanContext.detached()));
        assertEquals("HV000", e.sqlState());
        assertTrue(e.getMessage().contains("no progress"), e.getMessage());
    }

    @Test
    void cancelStopsAtOnce() throws Exception {
        fx.emu.faults().latency(Duration.ofMillis(300), Duration.ZERO);
        ScanContext ctx = ScanContext.detached();
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1"));
        ScanPlan p = t.plan(req(COLS));
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (RowStream s = t.scan(p, ctx)) {
                while (s.next() != null) { }
            } catch (Throwable x) {
                err.set(x);
            }
        });
        Thread.sleep(450);
        int before = fx.emu.requestLog().size();
        long t0 = System.nanoTime();
        ctx.cancel().cancel("canceling statement due to user request");
        reader.join(2000);
        assertFalse(reader.isAlive());
        assertTrue(System.nanoTime() - t0 < 250_000_000L, "stopped promptly");
        assertTrue(err.get() instanceof FdwException f && f.sqlState().equals("57014"), String.valueOf(err.get()));
        Thread.sleep(500);
        // the request in flight at cancel may still be logged when the emulator finishes it; nothing after that
        assertTrue(fx.emu.requestLog().size() <= before + 1, "no new request after cancel");
    }

    @Test
    void sharedRateLimiterPacesRequests() {
        ForeignTable t = fx.tableWith("customers", Map.of("rate_limit", "20"));
        List<Object> ids = fx.emu.store().list("customer").stream().limit(12).map(o -> (Object) o.path("id").asText()).toList();
        long t0 = System.nanoTime();
        assertEquals(12, rows(t, t.plan(req(COLS, new Qual.In("id", ids)))).size());
        double secs = (System.nanoTime() - t0) / 1e9;
        // 12 requests at 20/s with a burst of 2: at least 0.45 s
        assertTrue(secs >= 0.45, "took " + secs);
    }

    @Test
    void accountAndGatewayHeadersAreSent() {
        ForeignTable t = fx.tableWith("customers", Map.of("account", "acct_demo",
                "headers", "X-Gateway-Connection=conn_1, Maton-Connection = mc_2"));
        try {
            rows(t, t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, "cus_x"))));
        } catch (FdwException ignored) {
            // an unknown connected account may be refused; the headers are what is checked
        }
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(List.of("GET /v1/customers/cus_x"), fx.requests());
        LoggedRequest r = log.get(0);
        assertEquals("acct_demo", r.account());
        assertEquals("acct_demo", r.header("Stripe-Account"));
        assertEquals("conn_1", r.header("X-Gateway-Connection"));
        assertEquals("mc_2", r.header("Maton-Connection"), "names and values are trimmed");
        assertNull(r.header("Stripe-Version"), "no api_version option: the account's default version");
        assertNull(r.header("Authorization"), "the request log never holds the key");
    }

    @Test
    void gatewayHeadersAreSentOnEveryPageOfAList() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1", "headers", "Maton-Connection=mc_9"));
        assertEquals(total, scanAll(t, ScanContext.detached()).size());
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals((total + 99) / 100, log.size(), fx.requests().toString());
        log.forEach(r -> assertEquals("mc_9", r.header("Maton-Connection"), Fixture.line(r)));
        log.forEach(r -> assertNull(r.account(), "no account option: the platform account"));
    }

    @Test
    void apiVersionIsSentOnListsAndRetrieves() {
        ForeignTable t = fx.tableWith("customers", Map.of("api_version", "2024-06-20", "parallelism", "1"));
        assertEquals(total, scanAll(t, ScanContext.detached()).size());
        List<LoggedRequest> lists = fx.emu.requestLog();
        assertEquals((total + 99) / 100, lists.size(), fx.requests().toString());
        lists.forEach(r -> assertTrue(r.path().equals("/v1/customers"), Fixture.line(r)));
        lists.forEach(r -> assertEquals("2024-06-20", r.header("Stripe-Version"), Fixture.line(r)));

        fx.emu.clearRequestLog();
        String id = fx.emu.store().list("customer").get(3).path("id").asText();
        List<Object[]> one = rows(t, t.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, id))));
        assertEquals(List.of(id), one.stream().map(r -> r[0]).toList());
        assertEquals(List.of("GET /v1/customers/" + id), fx.requests());
        assertEquals("2024-06-20", fx.emu.requestLog().get(0).header("Stripe-Version"));

        fx.emu.clearRequestLog();
        ForeignTable unpinned = fx.tableWith("customers", Map.of());
        rows(unpinned, unpinned.plan(req(COLS, new Qual.Compare("id", CompareOp.EQ, id))));
        assertNull(fx.emu.requestLog().get(0).header("Stripe-Version"), "without api_version no Stripe-Version is sent");
    }

    @Test
    void headersOptionCannotSetWhatTheClientSets() {
        // Stripe-Version next to api_version would go out as 'Stripe-Version: a, b'; Stripe-Account could pick
        // another connected account than the account option names
        for (String header : List.of("Stripe-Version=2020-08-27", "Stripe-Account=acct_a", "User-Agent=x", "Idempotency-Key=k")) {
            FdwException e = assertThrows(FdwException.class,
                    () -> fx.tableWith("customers", Map.of("api_version", "2024-06-20", "headers", header)), header);
            assertEquals("HV024", e.sqlState(), header);
            assertTrue(e.getMessage().contains("cannot be overridden"), e.getMessage());
        }
        FdwException version = assertThrows(FdwException.class, () -> fx.tableWith("customers", Map.of("headers", "stripe-version=1")));
        assertTrue(version.getMessage().contains("use the option api_version"), version.getMessage());
        assertTrue(fx.emu.requestLog().isEmpty());
    }
}
