package io.wirewrap.server.conn;

import io.wirewrap.server.protocol.FrontendMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages waiting for a connection's worker. The event loop adds everything one socket read decoded
 * in one go, so a pipelined Parse/Bind/Describe/Execute/Sync wakes the worker once, not five times.
 * <p>
 * Bounded: a client that pipelines statements faster than they run (or never reads their results, which
 * stalls the worker) would otherwise grow this queue without end. At {@link #MAX_QUEUED} messages the
 * socket stops being read, so TCP pushes back on the client, as PostgreSQL's backend does by not reading;
 * reading resumes when the worker has taken half of them.
 */
final class Inbox {
    static final int MAX_QUEUED = 256;

    private final Consumer<Boolean> reading; // turns reading the socket off (false) and on (true)
    private boolean paused;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<FrontendMessage> queue = new ArrayDeque<>();
    private boolean waiting; // the worker is parked between statements with nothing queued
    private boolean claimed; // the event loop is running a batch with the worker's state (fast path)

    void add(FrontendMessage m) {
        lock.lock();
        try {
            queue.add(m);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    Inbox(Consumer<Boolean> reading) {
        this.reading = reading;
    }

    /** Event loop: a socket read's messages; stops reading the socket when too many wait. */
    void addAll(List<FrontendMessage> batch) {
        if (batch.isEmpty()) return;
        lock.lock();
        try {
            queue.addAll(batch);
            notEmpty.signal();
            if (!paused && queue.size() >= MAX_QUEUED) {
                paused = true;
                reading.accept(false); // under the lock: a resume from the worker cannot overtake it
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next message; {@code betweenStatements} marks the only place where the fast path may take over. */
    FrontendMessage take(boolean betweenStatements) throws InterruptedException {
        FrontendMessage m;
        lock.lock();
        try {
            while (queue.isEmpty() || claimed) {
                waiting = betweenStatements;
                notEmpty.await();
            }
            waiting = false;
            m = queue.poll();
            resumeIfDrained();
        } finally {
            lock.unlock();
        }
        return m;
    }

    /** Under the lock: resumes reading the socket once a paused queue is down to half. */
    private void resumeIfDrained() {
        if (!paused || queue.size() > MAX_QUEUED / 2) return;
        paused = false;
        reading.accept(true);
    }

    /**
     * Event loop: takes the worker's state if the worker is parked between statements with nothing queued.
     * The lock hands the state over (and back, in {@link #releaseClaim}) with the needed memory visibility.
     */
    boolean tryClaimIdle() {
        lock.lock();
        try {
            if (!waiting || claimed || !queue.isEmpty()) return false;
            claimed = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void releaseClaim() {
        lock.lock();
        try {
            claimed = false;
            if (!queue.isEmpty()) notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} queued messages, not removed: lets the worker look at a pipelined batch. */
    List<FrontendMessage> peek(int max) {
        lock.lock();
        try {
            return queue.stream().limit(max).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Removes the next {@code n} messages, which the worker has handled through {@link #peek}. */
    void drop(int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) queue.poll();
            resumeIfDrained(); // else a paused socket with an emptied queue would wait forever
        } finally {
            lock.unlock();
        }
    }
}
