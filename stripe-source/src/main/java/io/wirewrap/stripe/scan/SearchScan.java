package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.plan.Encoding;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Search API, paged with {@code page}/{@code next_page}, one page fetched at a time as rows are pulled. */
public final class SearchScan implements RowStream {
    private final StripeClient client;
    private final String path;
    private final String query;
    private final List<String> expand;
    private final RowMapper mapper;
    private final ScanContext ctx;
    private final ArrayDeque<Object[]> buffer = new ArrayDeque<>();
    private String nextPage;
    private boolean first = true;
    private boolean done;

    public SearchScan(StripeClient client, String path, String query, List<String> expand, RowMapper mapper, ScanContext ctx) {
        this.client = client;
        this.path = path;
        this.query = query;
        this.expand = List.copyOf(expand);
        this.mapper = mapper;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        while (buffer.isEmpty() && !done) fetch();
        Object[] r = buffer.poll();
        if (r != null) ctx.stats().rows.increment();
        return r;
    }

    private void fetch() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("query", query);
        q.put("limit", "100");
        if (!first) q.put("page", nextPage);
        String url = Encoding.withExpand(path + "?" + Encoding.query(q), expand);
        JsonNode body = client.send(StripeRequest.get(url), ctx).body();
        if (body == null || !body.path("data").isArray()) {
            throw new FdwException(SqlState.FDW_ERROR, "Stripe answered GET " + path + " with something other than a search result");
        }
        ctx.stats().pages.increment();
        body.path("data").forEach(o -> buffer.add(mapper.map(o)));
        String np = body.path("next_page").asText(null);
        boolean hasMore = body.path("has_more").asBoolean(false);
        if (hasMore && (np == null || np.equals(nextPage))) {
            throw new FdwException(SqlState.FDW_ERROR, "Stripe search pagination made no progress", "GET " + url, null, null);
        }
        first = false;
        nextPage = np;
        done = !hasMore;
    }

    @Override
    public void close() {
        done = true;
        buffer.clear();
    }
}
