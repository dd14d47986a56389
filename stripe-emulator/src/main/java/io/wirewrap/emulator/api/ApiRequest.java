package io.wirewrap.emulator.api;

import io.wirewrap.emulator.store.AccountData;

/**
 * One authenticated request, ready for a handler.
 *
 * @param data           the data set of the account the request acts on
 * @param idempotencyKey may be null
 * @param hasMoreForever the loop-guard fault: every list says has_more
 */
public record ApiRequest(String method, String path, String[] segments, Params query, Params form, AccountData data,
                         String requestId, String idempotencyKey, boolean hasMoreForever) {

    /** Query for GET/DELETE, form body for POST: where Stripe reads parameters from. */
    public Params params() { return "POST".equals(method) ? form : query; }
}
