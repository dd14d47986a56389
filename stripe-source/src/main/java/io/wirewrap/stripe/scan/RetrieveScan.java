package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.http.StripeResponse;
import io.wirewrap.stripe.plan.Encoding;
import io.wirewrap.stripe.plan.Strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code id = x} / {@code id in (...)}: one GET per id, at most {@code parallelism} at a time, rows in the order
 * of the ids; a pushed limit asks for no more ids than rows it still wants. A 404 on a retrieve means "no such row" (zero rows), not an error.
 */
public final class RetrieveScan implements RowStream {
    private final StripeClient client;
    private final Strategy.Retrieve plan;
    private final RowMapper mapper;
    private final int parallelism;
    private final long limit;
    private final ScanContext parentCtx;
    private List<Object[]> rows;
    private int next;

    public RetrieveScan(StripeClient client, Strategy.Retrieve plan, RowMapper mapper, int parallelism, long limit, ScanContext ctx) {
        this.client = client;
        this.plan = plan;
        this.mapper = mapper;
        this.parallelism = parallelism;
        this.limit = limit;
        this.parentCtx = ctx;
    }

    @Override
    public Object[] next() {
        if (rows == null) rows = fetchUpToLimit();
        if (next >= rows.size() || limit >= 0 && next >= limit) return null;
        parentCtx.stats().rows.increment();
        return rows.get(next++);
    }

    /**
     * Every id, or with a pushed limit only as many ids as rows are still wanted: {@code id in (20 ids) limit 1}
     * is one request, and a 404 (or a deleted object) tops up from the next ids.
     */
    private List<Object[]> fetchUpToLimit() {
        List<String> ids = plan.ids();
        if (limit < 0) return fetch(ids);
        List<Object[]> out = new ArrayList<>();
        int from = 0;
        while (out.size() < limit && from < ids.size()) {
            int to = (int) Math.min(ids.size(), from + (limit - out.size()));
            out.addAll(fetch(ids.subList(from, to)));
            from = to;
        }
        return out;
    }

    private List<Object[]> fetch(List<String> ids) {
        ScanContext ctx = ScanScope.child(parentCtx);
        JsonNode[] found = new JsonNode[ids.size()];
        FdwException[] error = new FdwException[1];
        Semaphore slots = new Semaphore(Math.max(1, parallelism));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int idx = i;
            slots.acquireUninterruptibly();
            if (error[0] != null) {
                slots.release();
                break;
            }
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Map<String, String> vals = new LinkedHashMap<>(plan.parents());
                    vals.put(plan.idParam(), ids.get(idx));
                    StripeResponse r = client.send(StripeRequest.get(Encoding.withExpand(Encoding.fill(plan.pathTemplate(), vals), plan.expand())), ctx);
                    if (!r.notFound() && !r.body().path("deleted").asBoolean(false)) found[idx] = r.body();
                } catch (FdwException e) {
                    synchronized (error) {
                        if (error[0] == null) error[0] = e;
                    }
                    ctx.cancel().cancel("retrieve failed");
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                ctx.cancel().cancel("interrupted");
                Thread.currentThread().interrupt();
                throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to interrupt");
            }
        }
        parentCtx.cancel().throwIfCancelled();
        if (error[0] != null) throw error[0];
        List<Object[]> out = new ArrayList<>();
        for (JsonNode n : found) if (n != null) out.add(mapper.map(n));
        return out;
    }

    @Override
    public void close() {
        rows = List.of();
    }
}
