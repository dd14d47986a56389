package io.wirewrap.server.conn;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's live backends by process id, for CancelRequest (pid + secret key) and the connection limit.
 * "Process ids" are just unique numbers: wirewrap runs every connection in one JVM.
 */
public final class BackendRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Integer, ConnectionWorker> byPid = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid = new AtomicInteger(10_000 + RANDOM.nextInt(20_000));
    private final AtomicInteger open = new AtomicInteger();
    private final int maxConnections;

    public BackendRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    int newPid() {
        return nextPid.incrementAndGet();
    }

    static int newSecret() {
        return RANDOM.nextInt();
    }

    /** Counts a new connection; false when the limit is reached (the caller answers 53300). */
    boolean tryOpen() {
        while (true) {
            int n = open.get();
            if (n >= maxConnections) return false;
            if (open.compareAndSet(n, n + 1)) return true;
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    void register(int pid, ConnectionWorker worker) {
        byPid.put(pid, worker);
    }

    void unregister(int pid) {
        byPid.remove(pid);
    }

    /** Cancels the running statement of backend {@code pid} if the key matches; silently ignores anything else, like PostgreSQL. */
    public void cancel(int pid, int secret) {
        ConnectionWorker w = byPid.get(pid);
        if (w != null && w.secretKey() == secret) w.cancelRunningStatement();
    }

    public int openConnections() {
        return open.get();
    }
}
