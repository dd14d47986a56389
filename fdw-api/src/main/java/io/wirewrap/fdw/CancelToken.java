package io.wirewrap.fdw;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Set when the client cancels or the statement times out; sources check it between requests. */
public final class CancelToken {
    private volatile String reason;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Cancels with a reason ("canceling statement due to user request", ...); runs listeners once. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason != null) return;
            reason = why;
        }
        listeners.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Throws a {@code 57014 query_canceled} error when cancelled. */
    public void throwIfCancelled() {
        String r = reason;
        if (r != null) throw new FdwException(SqlState.QUERY_CANCELED, r);
    }

    /**
     * Runs {@code action} on cancel (at once if already cancelled), e.g. to abort an in-flight HTTP request. Close
     * the returned registration when the action is no longer needed: a token lives as long as its statement, and
     * an action kept after its request ended would keep the response (and its body) reachable until then.
     */
    public Registration onCancel(Runnable action) {
        listeners.add(action);
        if (isCancelled() && listeners.remove(action)) action.run();
        return () -> listeners.remove(action);
    }

    /** An {@link #onCancel} action that can be withdrawn. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
