package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A paginated list scan, streamed. Workers (virtual threads) fetch pages of 100 with {@code starting_after}; rows
 * are emitted in chunk order, so Stripe's created-desc order survives parallelism. When a page says
 * {@code has_more} while workers sit idle, the rest of its {@code created} range is split by the density the page
 * showed (adaptive: the oldest piece stays open-ended and splits again later). Each chunk buffers at most
 * {@link #CHUNK_CAP} rows, so memory stays bounded whatever the table size.
 */
public final class PagedScan implements RowStream {
    static final int PAGE = 100;
    static final int CHUNK_CAP = 4 * PAGE;
    /** Width of a split piece, in pages of the observed density: big enough that partial last pages cost little. */
    static final int PAGES_PER_PIECE = 6;

    private final PageSource source;
    private final List<Map<String, String>> variants;
    private final List<RowMapper> mappers;
    private final long lo;
    private final long hi;
    private final boolean splittable;
    private final int workers;
    private final long limit;
    private final ScanContext parentCtx;
    private final ScanContext ctx;

    private final Object lock = new Object();
    private final TreeSet<Chunk> open = new TreeSet<>(Chunk.ORDER);
    private final TreeSet<Chunk> pending = new TreeSet<>(Chunk.ORDER);
    private long seq;
    private int idle;
    private int active;
    private boolean started;
    private boolean closed;
    private FdwException failure;
    private long emitted;

    public PagedScan(PageSource source, List<Map<String, String>> variants, List<RowMapper> mappers, long lo, long hi,
                     boolean splittable, int workers, long limit, ScanContext ctx) {
        this.source = source;
        this.variants = variants;
        this.mappers = mappers;
        this.lo = lo;
        this.hi = hi;
        this.splittable = splittable && limit < 0;
        this.limit = limit;
        this.workers = limit >= 0 ? 1 : Math.max(1, this.splittable ? workers : Math.min(workers, variants.size()));
        this.parentCtx = ctx;
        this.ctx = ScanScope.child(ctx);
    }

    private void start() {
        for (int v = 0; v < variants.size(); v++) {
            Chunk c = new Chunk(v, variants.get(v), lo, hi, seq++, Set.of());
            open.add(c);
            pending.add(c);
        }
        for (int i = 0; i < workers; i++) Thread.ofVirtual().name("stripe-scan-" + i).start(this::work);
        started = true;
    }

    @Override
    public Object[] next() {
        synchronized (lock) {
            if (!started) start();
            while (true) {
                if (failure != null) throw failure;
                parentCtx.cancel().throwIfCancelled();
                if (closed || limit >= 0 && emitted >= limit) return null;
                Chunk head = open.isEmpty() ? null : open.first();
                if (head == null) return null;
                Object[] row = head.buffer.poll();
                if (row != null) {
                    emitted++;
                    ctx.stats().rows.increment();
                    lock.notifyAll();
                    return row;
                }
                if (head.done) {
                    open.pollFirst();
                    lock.notifyAll();
                    continue;
                }
                waitLock(50);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            open.clear();
            pending.clear();
            lock.notifyAll();
        }
        ctx.cancel().cancel("scan closed");
    }

    private void work() {
        while (true) {
            Chunk c;
            synchronized (lock) {
                idle++;
                while (pending.isEmpty() && active > 0 && !closed && failure == null) waitLock(100);
                idle--;
                if (closed || failure != null || pending.isEmpty()) {
                    lock.notifyAll();
                    return;
                }
                c = pending.pollFirst();
                active++;
            }
            try {
                run(c);
            } catch (FdwException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new FdwException(SqlState.FDW_ERROR, "Stripe scan failed: " + e, null, null, e));
            } finally {
                synchronized (lock) {
                    c.done = true;
                    active--;
                    lock.notifyAll();
                }
            }
        }
    }

    private void fail(FdwException e) {
        synchronized (lock) {
            if (!closed && failure == null) failure = e;
            lock.notifyAll();
        }
        ctx.cancel().cancel("scan failed");
    }

    private void run(Chunk c) {
        RowMapper mapper = mappers.get(c.variant);
        String cursor = null;
        long fetched = 0;
        while (true) {
            int pageSize = limit >= 0 ? (int) Math.min(PAGE, Math.max(1, limit - fetched)) : PAGE;
            String url = source.url(c.variantParams, c.lo, c.hi, pageSize, cursor);
            JsonNode body = source.fetch(url, ctx);
            JsonNode data = body.path("data");
            boolean hasMore = body.path("has_more").asBoolean(false);
            List<Object[]> rows = new ArrayList<>(data.size());
            long tFirst = Long.MIN_VALUE, tLast = Long.MIN_VALUE;
            Set<String> idsAtLast = new HashSet<>();
            String lastId = null;
            for (JsonNode o : data) {
                String id = o.path("id").asText(null);
                long created = o.path("created").asLong(Long.MIN_VALUE);
                if (tFirst == Long.MIN_VALUE) tFirst = created;
                if (created != tLast) idsAtLast.clear();
                tLast = created;
                if (id != null) idsAtLast.add(id);
                lastId = id;
                if (id != null && c.skipIds.contains(id)) continue;
                rows.add(mapper.map(o));
            }
            fetched += data.size();
            if (hasMore && (data.isEmpty() || lastId == null || lastId.equals(cursor))) {
                throw new FdwException(SqlState.FDW_ERROR, "Stripe pagination made no progress",
                        "GET " + url + " answered has_more=true " + (data.isEmpty() ? "with no objects" : "ending at the same object again"),
                        "the list endpoint or a proxy in front of it is misbehaving", null);
            }
            synchronized (lock) {
                if (closed) return;
                c.buffer.addAll(rows);
                lock.notifyAll();
                if (!hasMore || limit >= 0 && fetched >= limit) return;
                boolean roomBelow = c.lo == Long.MIN_VALUE || tLast > c.lo;
                if (splittable && idle > 0 && tFirst > tLast && roomBelow && tLast != Long.MIN_VALUE) {
                    split(c, tFirst, tLast, data.size(), idsAtLast);
                    return;
                }
                while (c.buffer.size() > CHUNK_CAP && !closed && failure == null) waitLock(100);
                if (closed || failure != null) return;
            }
            cursor = lastId;
        }
    }

    /** Replaces the unread rest of {@code c} ({@code [c.lo, tLast]}) with pieces for the idle workers. */
    private void split(Chunk c, long tFirst, long tLast, int pageRows, Set<String> idsAtLast) {
        long perPage = Math.max(1, (tFirst - tLast + 1) * PAGE / Math.max(1, pageRows));
        long width = Math.max(1, perPage * PAGES_PER_PIECE);
        int pieces = idle + 1;
        long top = tLast;
        for (int i = 0; i < pieces; i++) {
            boolean last = i == pieces - 1 || (c.lo != Long.MIN_VALUE && top - width + 1 <= c.lo);
            long bottom = last ? c.lo : top - width + 1;
            Chunk piece = new Chunk(c.variant, c.variantParams, bottom, top, seq++, i == 0 ? Set.copyOf(idsAtLast) : Set.of());
            open.add(piece);
            pending.add(piece);
            if (last) break;
            top = bottom - 1;
        }
        lock.notifyAll();
    }

    private void waitLock(long ms) {
        try {
            lock.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to interrupt");
        }
    }
}
