package io.wirewrap.stripe.http;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.SqlState;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by every query of the process that uses the same Stripe account, so that concurrent
 * sessions together stay under Stripe's per-account limit (25 req/s test mode, 100 req/s live). The burst is a
 * tenth of a second's worth: Stripe counts in short windows, so a full second of burst would itself draw 429s.
 */
public final class RateLimiter {
    private static final ConcurrentHashMap<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.burst = Math.max(1.0, perSecond / 10.0);
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /**
     * The limiter of one account key ({@code base url + account + api key fingerprint}). A caller with another rate
     * (the server's {@code rate_limit} changed) starts a new bucket; clients made before keep the old one.
     */
    public static RateLimiter shared(String accountKey, double perSecond) {
        return SHARED.compute(accountKey, (k, old) -> old != null && old.perSecond == perSecond ? old : new RateLimiter(perSecond));
    }

    public double perSecond() {
        return perSecond;
    }

    /** True while callers queue for tokens: more concurrency would only wait longer. */
    public synchronized boolean saturated() {
        long now = System.nanoTime();
        return tokens + (now - last) * perSecond / 1e9 < 0;
    }

    /** Takes one token, sleeping until one is due; returns the nanoseconds waited. Cancellation interrupts the wait. */
    public long acquire(CancelToken cancel) {
        long waitUntil;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
            last = now;
            tokens -= 1.0;
            // a negative balance is a reservation: this caller waits until it is paid back
            waitUntil = tokens >= 0 ? now : now + (long) (-tokens / perSecond * 1e9);
        }
        long start = System.nanoTime();
        while (true) {
            if (cancel != null && cancel.isCancelled()) {
                throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            long left = waitUntil - System.nanoTime();
            if (left <= 0) break;
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        return System.nanoTime() - start;
    }
}
