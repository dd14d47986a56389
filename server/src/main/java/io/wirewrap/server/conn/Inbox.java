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

    FrontendMessage take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) notEmpty.await();
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }
}
