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

    /** Runs {@code action} on cancel (at once if already cancelled), e.g. to abort an in-flight HTTP request. */
    public void onCancel(Runnable action) {
        listeners.add(action);
        if (isCancelled() && listeners.remove(action)) action.run();
    }
}
