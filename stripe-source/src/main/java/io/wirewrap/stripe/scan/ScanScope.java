package io.wirewrap.stripe.scan;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.ScanContext;

/**
 * A scan's own cancellation, chained to the statement's: closing a stream early (LIMIT satisfied locally) aborts
 * its in-flight requests without marking the statement cancelled.
 */
final class ScanScope {
    private ScanScope() {}

    static ScanContext child(ScanContext parent) {
        CancelToken own = new CancelToken();
        parent.cancel().onCancel(() -> own.cancel("canceling statement due to user request"));
        return new ScanContext(own, parent.stats(), parent.notices());
    }
}
