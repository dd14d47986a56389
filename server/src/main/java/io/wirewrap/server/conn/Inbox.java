package io.wirewrap.server.conn;

import io.wirewrap.server.protocol.FrontendMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages waiting for a connection's worker. The event loop adds everything one socket read decoded
 * in one go, so a pipelined Parse/Bind/Describe/Execute/Sync wakes the worker once, not five times.
 */
final class Inbox {
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

    void addAll(List<FrontendMessage> batch) {
        if (batch.isEmpty()) return;
        lock.lock();
        try {
            queue.addAll(batch);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next message; {@code betweenStatements} marks the only place where the fast path may take over. */
    FrontendMessage take(boolean betweenStatements) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() || claimed) {
                waiting = betweenStatements;
                notEmpty.await();
            }
            waiting = false;
            return queue.poll();
        } finally {
            lock.unlock();
        }
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
}
