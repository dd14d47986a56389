package io.wirewrap.emulator.api;

import io.wirewrap.emulator.store.AccountData;

/**
 * One authenticated request, ready for a handler.
 *
 * @param data           the data set of the account the request acts on
 * @param idempotencyKey may be null
 * @param hasMoreForever the loop-guard fault: every list says has_more
 * @param repeatCursor   the duplicate-ids fault: a page after {@code starting_after} starts with the cursor object
 */
public record ApiRequest(String method, String path, String[] segments, Params query, Params form, AccountData data,
                         String requestId, String idempotencyKey, boolean hasMoreForever,
                         boolean repeatCursor) {

    /** Query for GET/DELETE, form body for POST: where Stripe reads parameters from. */
    public Params params() { return "POST".equals(method) ? form : query; }
}
