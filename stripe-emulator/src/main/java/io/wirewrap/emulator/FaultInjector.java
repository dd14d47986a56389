package io.wirewrap.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knobs that make the emulator misbehave the way real networks and Stripe do. Every knob is live:
 * it applies to the next request that arrives. Thread-safe.
 */
public final class FaultInjector {

    /** What to do with one request, decided before it is handled. */
    public enum Outcome { NORMAL, TRUNCATE, RESET, DROP_RESPONSE }

    private volatile long latencyNanos;
    private volatile long jitterNanos;
    private volatile RateLimiter rateLimiter;
    private volatile int failStatus;
    private final AtomicInteger failRemaining = new AtomicInteger();
    private volatile int errorRateStatus;
    private volatile double errorProbability;
    private final AtomicInteger truncateRemaining = new AtomicInteger();
    private final AtomicInteger resetRemaining = new AtomicInteger();
    private final AtomicInteger dropRemaining = new AtomicInteger();
    private volatile boolean hasMoreForever;
    private final AtomicInteger stallRemaining = new AtomicInteger();
    private volatile long stallNanos;
    private final AtomicInteger duplicateRemaining = new AtomicInteger();
    /** The Retry-After value sent with injected 429s, in seconds. */
    private volatile String retryAfter = "1";
    /** The Stripe-Should-Retry value sent with injected failures, or null for what Stripe sends for that status. */
    private volatile Boolean shouldRetry;

    /** Every request waits {@code fixed} plus a uniform random extra in [0, jitter). */
    public FaultInjector latency(Duration fixed, Duration jitter) {
        latencyNanos = fixed.toNanos();
        jitterNanos = jitter.toNanos();
        return this;
    }

    /** More than this many requests per second (token bucket, burst of one second) get 429s. 0 turns it off. */
    public FaultInjector rateLimit(double requestsPerSecond) {
        rateLimiter = requestsPerSecond > 0 ? new RateLimiter(requestsPerSecond) : null;
        return this;
    }

    /** The next {@code count} requests fail with {@code status} before doing anything. */
    public FaultInjector failNext(int status, int count) {
        failStatus = status;
        failRemaining.set(count);
        return this;
    }

    /** Each request fails with {@code status} with this probability. */
    public FaultInjector errorRate(int status, double probability) {
        errorRateStatus = status;
        errorProbability = probability;
        return this;
    }

    /** The next {@code count} responses declare and send only the first half of their JSON body. */
    public FaultInjector truncateNext(int count) { truncateRemaining.set(count); return this; }

    /** The next {@code count} responses announce their full length, send part of it, then close the connection. */
    public FaultInjector resetNext(int count) { resetRemaining.set(count); return this; }

    /** The next {@code count} requests are executed (writes are applied), then the connection closes unanswered. */
    public FaultInjector dropResponseNext(int count) { dropRemaining.set(count); return this; }

    /** Lists always say {@code has_more: true}, to test a client's loop guard. */
    public FaultInjector hasMoreForever(boolean on) { hasMoreForever = on; return this; }

    /** The next {@code count} requests wait {@code stall} before being handled, to trip a client's timeout. */
    public FaultInjector stallNext(int count, Duration stall) {
        stallNanos = stall.toNanos();
        stallRemaining.set(count);
        return this;
    }

    /**
     * The next {@code count} list pages asked for with {@code starting_after} begin with the cursor object itself
     * (an off-by-one cursor, as a misbehaving proxy or cache would answer): ids repeat across pages.
     */
    public FaultInjector duplicateNext(int count) { duplicateRemaining.set(count); return this; }

    /**
     * {@code Retry-After} sent with injected 429s (default 1 s). Below a second it is sent as a decimal
     * ({@code 0.005}): not what Stripe sends, but it lets tests run 429 storms quickly.
     */
    public FaultInjector retryAfter(Duration d) {
        long ms = d.toMillis();
        retryAfter = ms % 1000 == 0 ? Long.toString(ms / 1000) : java.math.BigDecimal.valueOf(ms, 3).toPlainString();
        return this;
    }

    /**
     * {@code Stripe-Should-Retry} sent with injected failures ({@link #failNext}, {@link #errorRate}): {@code true} or
     * {@code false} overrides what Stripe would send for the status (a 500 it says not to retry, a 400 it says to
     * retry); null goes back to the default per status.
     */
    public FaultInjector shouldRetry(Boolean value) { shouldRetry = value; return this; }

    /** Back to a well-behaved emulator. */
    public FaultInjector reset() {
        latencyNanos = 0;
        jitterNanos = 0;
        rateLimiter = null;
        failRemaining.set(0);
        errorProbability = 0;
        truncateRemaining.set(0);
        resetRemaining.set(0);
        dropRemaining.set(0);
        hasMoreForever = false;
        stallRemaining.set(0);
        duplicateRemaining.set(0);
        retryAfter = "1";
        shouldRetry = null;
        return this;
    }

    // ---- used by the HTTP front ----

    Duration nextDelay() {
        long base = latencyNanos, jitter = jitterNanos;
        long stall = take(stallRemaining) ? stallNanos : 0;
        if (base == 0 && jitter == 0 && stall == 0) return Duration.ZERO;
        return Duration.ofNanos(stall + base + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter) : 0));
    }

    /** Seconds to wait before retrying, or -1 when the request is within the rate limit. */
    long rateLimited() {
        RateLimiter r = rateLimiter;
        return r == null ? -1 : r.tryAcquire();
    }

    /** A status to fail with now, or 0. */
    int injectedFailure() {
        if (failRemaining.get() > 0 && failRemaining.getAndDecrement() > 0) return failStatus;
        double p = errorProbability;
        if (p > 0 && ThreadLocalRandom.current().nextDouble() < p) return errorRateStatus;
        return 0;
    }

    Outcome outcome() {
        if (take(dropRemaining)) return Outcome.DROP_RESPONSE;
        if (take(resetRemaining)) return Outcome.RESET;
        if (take(truncateRemaining)) return Outcome.TRUNCATE;
        return Outcome.NORMAL;
    }

    boolean hasMoreForeverOn() { return hasMoreForever; }

    /** Whether this list request (one with a cursor) should repeat its cursor object. */
    boolean duplicateCursor(boolean hasCursor) { return hasCursor && take(duplicateRemaining); }

    String retryAfterHeader() { return retryAfter; }

    /** The Stripe-Should-Retry override for injected failures, or null. */
    Boolean shouldRetryOverride() { return shouldRetry; }

    private static boolean take(AtomicInteger counter) {
        return counter.get() > 0 && counter.getAndDecrement() > 0;
    }

    /** Token bucket holding at most one second of tokens. */
    private static final class RateLimiter {
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        RateLimiter(double perSecond) {
            this.perSecond = perSecond;
            this.tokens = Math.max(1, perSecond);
        }

        synchronized long tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return -1;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
