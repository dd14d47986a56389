package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeErrors;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.http.StripeResponse;
import io.wirewrap.stripe.plan.Encoding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fetches one page of a list endpoint and checks it is a well-formed list. */
public final class PageSource {
    private final StripeClient client;
    private final String pathTemplate;
    private final Map<String, String> filters;
    private final ScanHistory history;
    private final List<String> expand;

    PageSource(StripeClient client, String pathTemplate, Map<String, String> filters, ScanHistory history, List<String> expand) {
        this.client = client;
        this.pathTemplate = pathTemplate;
        this.filters = filters;
        this.history = history;
        this.expand = List.copyOf(expand);
    }

    /** Created times (newest first) of the last complete scan of this list with {@code variant}'s values, or null. */
    long[] history(Map<String, String> variant) {
        return history.get(historyKey(variant));
    }

    void saveHistory(Map<String, String> variant, long[] createdDesc) {
        history.put(historyKey(variant), createdDesc);
    }

    /**
     * The list's first-page URL without a created range or expansions: the same path and filters list the same
     * objects, so they share one history.
     */
    private String historyKey(Map<String, String> variant) {
        return listUrl(variant, Long.MIN_VALUE, Long.MAX_VALUE, PagedScan.PAGE, null);
    }

    /** The shared rate limiter has a queue: splitting further would add requests without adding speed. */
    boolean rateLimited() {
        return client.limiter().saturated();
    }

    String url(Map<String, String> variant, long lo, long hi, int limit, String startingAfter) {
        return Encoding.withExpand(listUrl(variant, lo, hi, limit, startingAfter), expand);
    }

    private String listUrl(Map<String, String> variant, long lo, long hi, int limit, String startingAfter) {
        Map<String, String> pathVals = new LinkedHashMap<>();
        Map<String, String> q = new LinkedHashMap<>();
        variant.forEach((k, v) -> (pathTemplate.contains("{" + k + "}") ? pathVals : q).put(k, v));
        q.putAll(filters);
        if (lo != Long.MIN_VALUE) q.put("created[gte]", Long.toString(lo));
        // after a cursor the upper bound is implied (everything past it is older), so it is not repeated
        if (hi != Long.MAX_VALUE && startingAfter == null) q.put("created[lte]", Long.toString(hi));
        q.put("limit", Integer.toString(limit));
        if (startingAfter != null) q.put("starting_after", startingAfter);
        return Encoding.fill(pathTemplate, pathVals) + "?" + Encoding.query(q);
    }

    JsonNode fetch(String url, ScanContext ctx) {
        StripeResponse r = client.send(StripeRequest.get(url), ctx);
        if (r.notFound()) throw StripeErrors.pathNotFound(url, r);
        JsonNode body = r.body();
        if (!body.path("data").isArray()) {
            throw new FdwException(SqlState.FDW_ERROR, "Stripe answered GET " + url + " with something other than a list",
                    r.requestId() == null ? null : "Request-Id " + r.requestId(), null, null);
        }
        ctx.stats().pages.increment();
        return body;
    }
}
