package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A paginated list scan, streamed. Workers (virtual threads) fetch pages of 100 with {@code starting_after}; when the
 * query needs Stripe's created-desc order, rows are emitted in chunk order, so that order survives parallelism;
 * otherwise each row goes out as soon as any chunk has it.
 *
 * <p>When a {@link ScanHistory} of the same list exists, the range is cut up front into one-page pieces aligned
 * to the history's page boundaries ({@link AlignedPieces}): every worker starts at once and no piece ends with a
 * partial page. A complete scan of the whole list records that history for the next one.
 *
 * <p>Without a history the table's size is unknown, so splitting is adaptive: when a page says
 * {@code has_more} while workers sit idle, the worker keeps going with its cursor but gives the bottom of its
 * {@code created} range away, cut by the density its page showed (work stealing: no request is repeated; the
 * oldest piece stays open-ended and is cut again later). Chunks not yet at the head of the
 * output together buffer at most {@link #BUDGET_PAGES_PER_WORKER} pages per worker, so memory stays bounded
 * whatever the table size, and the head chunk (the one being emitted) never waits for memory.
 */
public final class PagedScan implements RowStream {
    static final int PAGE = 100;
    /**
     * Rows all chunks may hold at once, in pages per worker: ordered, the head chunk always proceeds and the others
     * wait; unordered, every chunk waits (the consumer takes rows from any of them).
     */
    static final int BUDGET_PAGES_PER_WORKER = 3;
    /** Pages of the observed density a worker keeps when it cuts an open-ended range. */
    static final int PAGES_PER_PIECE = 2;
    /**
     * The same without an order to keep, where a piece need not stay small to fit the memory budget: bigger first
     * pieces last until the next cut instead of leaving workers idle, and end with fewer partial pages (bench-scan
     * cold 1.10-1.16x the rate-limit bound instead of 1.09-1.22x; bench-requests 99-101 requests instead of 103-109).
     */
    static final int UNORDERED_PAGES_PER_PIECE = 4;

    private final PageSource source;
    private final List<Map<String, String>> variants;
    private final List<RowMapper> mappers;
    private final long lo;
    private final long hi;
    private final boolean splittable;
    private final boolean ordered;
    private final int workers;
    private final long limit;
    private final ScanContext parentCtx;
    private final ScanContext ctx;

    private final Object lock = new Object();
    private final TreeSet<Chunk> open = new TreeSet<>(Chunk.ORDER);
    private final TreeSet<Chunk> pending = new TreeSet<>(Chunk.ORDER);
    /** Unordered: chunks whose buffer has rows, each once, in the order they got them. */
    private final ArrayDeque<Chunk> ready = new ArrayDeque<>();
    /** Every chunk, kept to assemble the scan's {@link ScanHistory} when it completes; empty when not recording. */
    private final List<Chunk> recorded = new ArrayList<>();
    private boolean recording;
    private long recordedRows;
    private long seq;
    private int idle;
    private int active;
    private boolean started;
    private boolean closed;
    private FdwException failure;
    private long emitted;
    private long buffered;
    /**
     * Pages fetched and pieces handed out so far: speculative pieces never outnumber the pages seen (two at first), so a
     * small table (whose end is not known in advance) is not cut into many empty or one-row pieces, while a large one
     * reaches full parallelism within a few round trips (half the pages seen ramped too slowly: 1.2x the rate-limit
     * bound instead of about 1.1x in bench-scan).
     */
    private long pagesFetched;
    private long piecesMade;
    private final long budget;

    public PagedScan(PageSource source, List<Map<String, String>> variants, List<RowMapper> mappers, long lo, long hi,
                     boolean splittable, int workers, long limit, boolean ordered, ScanContext ctx) {
        this.source = source;
        this.variants = variants;
        this.mappers = mappers;
        this.lo = lo;
        this.hi = hi;
        this.splittable = splittable && limit < 0;
        this.limit = limit;
        this.ordered = ordered;
        this.workers = limit >= 0 ? 1 : Math.max(1, this.splittable ? workers : Math.min(workers, variants.size()));
        this.parentCtx = ctx;
        this.ctx = ScanScope.child(ctx);
        this.budget = (long) BUDGET_PAGES_PER_WORKER * PAGE * this.workers;
    }

    private void start() {
        // only a scan of the whole list, to its end, sees everything a history must hold
        recording = splittable && lo == Long.MIN_VALUE && hi == Long.MAX_VALUE;
        for (int v = 0; v < variants.size(); v++) {
            long[] history = splittable ? source.history(variants.get(v)) : null;
            List<long[]> pieces = history == null ? List.of(new long[]{lo, hi}) : AlignedPieces.cut(history, lo, hi, 1);
            for (long[] piece : pieces) add(new Chunk(v, variants.get(v), piece[0], piece[1], seq++));
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
                Object[] row = ordered ? pollHead() : pollAny();
                if (row != null) {
                    emitted++;
                    buffered--;
                    ctx.stats().rows.increment();
                    lock.notifyAll();
                    return row;
                }
                if (open.isEmpty()) {
                    saveHistory();
                    return null;
                }
                waitLock(50);
            }
        }
    }

    /** The next row of the newest chunk, dropping finished chunks; null when it has none yet. */
    private Object[] pollHead() {
        while (!open.isEmpty()) {
            Chunk head = open.first();
            Object[] row = head.buffer.poll();
            if (row != null || !head.done) return row;
            open.pollFirst();
            lock.notifyAll();
        }
        return null;
    }

    /**
     * The next row of any chunk that has one (the first to have buffered rows), dropping it once finished and
     * drained; null when none has rows yet. Only chunks with rows are looked at: a warm scan has thousands of pieces.
     */
    private Object[] pollAny() {
        Chunk c = ready.peek();
        if (c == null) return null;
        Object[] row = c.buffer.poll();
        if (c.buffer.isEmpty()) {
            ready.poll();
            if (c.done) open.remove(c);
            lock.notifyAll();
        }
        return row;
    }

    private void add(Chunk c) {
        open.add(c);
        pending.add(c);
        if (recording) {
            c.created = new long[64];
            recorded.add(c);
        }
    }

    /** After a complete scan of the whole list: its created times, newest first, per variant. */
    private void saveHistory() {
        if (!recording || failure != null) return;
        recording = false;
        for (int v = 0; v < variants.size(); v++) {
            int variant = v;
            List<Chunk> chunks = recorded.stream().filter(c -> c.variant == variant).sorted(Chunk.ORDER).toList();
            long[] all = new long[chunks.stream().mapToInt(c -> c.createdCount).sum()];
            if (all.length <= PAGE) continue; // one page: nothing to split next time
            int n = 0;
            for (Chunk c : chunks) {
                System.arraycopy(c.created, 0, all, n, c.createdCount);
                n += c.createdCount;
            }
            source.saveHistory(variants.get(v), all);
        }
        recorded.clear();
    }

    /** Past {@link ScanHistory#MAX_PER_LIST} rows a history would not be kept: stop paying for it. */
    private void stopRecording() {
        recording = false;
        recorded.forEach(c -> c.created = null);
        recorded.clear();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            open.clear();
            pending.clear();
            ready.clear();
            lock.notifyAll();
        }
        ctx.cancel().cancel("scan closed");
    }

    private void work() {
        while (true) {
            Chunk c;
            synchronized (lock) {
                idle++;
                while ((pending.isEmpty() && active > 0 || !pending.isEmpty() && mustWait(pending.first())) && !closed && failure == null) {
                    waitLock(100);
                }
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
                    if (!ordered && c.buffer.isEmpty()) open.remove(c);
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
        // ids of the previous page: an object served again right after its page (an off-by-one cursor in a proxy
        // or cache) is the same row, emitted once; counting only new rows keeps a pushed limit exact
        Set<String> previousPage = Set.of();
        while (true) {
            int pageSize = limit >= 0 ? (int) Math.min(PAGE, Math.max(1, limit - fetched)) : PAGE;
            long lo;
            synchronized (lock) {
                lo = c.lo;
            }
            String url = source.url(c.variantParams, lo, c.hi, pageSize, cursor);
            JsonNode body = source.fetch(url, ctx);
            JsonNode data = body.path("data");
            boolean hasMore = body.path("has_more").asBoolean(false);
            List<Object[]> rows = new ArrayList<>(data.size());
            long[] createdTimes = new long[data.size()];
            long tFirst = Long.MIN_VALUE, tLast = Long.MIN_VALUE;
            String lastId = null;
            Set<String> pageIds = new HashSet<>();
            for (JsonNode o : data) {
                String id = o.path("id").asText(null);
                long created = o.path("created").asLong(Long.MIN_VALUE);
                if (tFirst == Long.MIN_VALUE) tFirst = created;
                tLast = created;
                lastId = id;
                if (id != null && (previousPage.contains(id) || !pageIds.add(id))) continue;
                createdTimes[rows.size()] = created;
                rows.add(mapper.map(o));
            }
            previousPage = pageIds;
            fetched += rows.size();
            if (hasMore && (data.isEmpty() || lastId == null || lastId.equals(cursor))) {
                throw new FdwException(SqlState.FDW_ERROR, "Stripe pagination made no progress",
                        "GET " + url + " answered has_more=true " + (data.isEmpty() ? "with no objects" : "ending at the same object again"),
                        "the list endpoint or a proxy in front of it is misbehaving", null);
            }
            synchronized (lock) {
                if (closed) return;
                if (!ordered && c.buffer.isEmpty() && !rows.isEmpty()) ready.add(c);
                c.buffer.addAll(rows);
                buffered += rows.size();
                if (recording && c.created != null) {
                    recordedRows += rows.size();
                    if (recordedRows > ScanHistory.MAX_PER_LIST) stopRecording();
                    else for (int i = 0; i < rows.size(); i++) c.recordCreated(createdTimes[i]);
                }
                pagesFetched++;
                lock.notifyAll();
                if (!hasMore || limit >= 0 && fetched >= limit) return;
                if (splittable && idle > 0 && tFirst > tLast && tLast != Long.MIN_VALUE && !source.rateLimited()) {
                    share(c, tFirst, tLast, data.size());
                }
                while (mustWait(c)) waitLock(100);
                if (closed || failure != null) return;
            }
            cursor = lastId;
        }
    }

    /**
     * Whether {@code c}'s worker must wait for the consumer before fetching (more of) it. Ordered, the head chunk only
     * keeps two pages ahead and the others share the budget; unordered, every chunk shares the budget.
     */
    private boolean mustWait(Chunk c) {
        if (closed || failure != null) return false;
        if (ordered && !open.isEmpty() && open.first() == c) return c.buffer.size() > 2 * PAGE;
        return buffered > budget;
    }

    /**
     * Gives idle workers the bottom of {@code c}'s unread range {@code [c.lo, tLast]}; {@code c} keeps its cursor and
     * the top part. An open-ended range keeps {@link #PAGES_PER_PIECE} pages and hands out pieces of that size plus a
     * new open-ended rest; a closed range is cut into equal parts when at least two pages seem left.
     */
    private void share(Chunk c, long tFirst, long tLast, int pageRows) {
        long perPage = Math.max(1, (tFirst - tLast + 1) * PAGE / Math.max(1, pageRows));
        int allowed = (int) Math.min(idle, Math.max(2, pagesFetched) - piecesMade);
        if (allowed <= 0) return;
        List<long[]> given = new ArrayList<>();
        int generation = c.generation;
        if (c.lo == Long.MIN_VALUE) {
            // each cut of the open end hands out bigger pieces: the total is unknown, and fewer pieces waste fewer
            // partial last pages
            generation++;
            // (unordered, no piece waits for memory, so they may grow further)
            long width = perPage * (ordered ? PAGES_PER_PIECE : UNORDERED_PAGES_PER_PIECE) << Math.min(c.generation, ordered ? 1 : 3);
            long top = tLast - width;
            c.lo = top + 1;
            for (int i = 0; i < allowed; i++) {
                boolean last = i == allowed - 1;
                long bottom = last ? Long.MIN_VALUE : top - width + 1;
                given.add(new long[]{bottom, top});
                top = bottom - 1;
            }
        } else {
            long span = tLast - c.lo + 1;
            // every piece costs about half a request in its partial last page: only cut pieces of two pages or more
            // (four unordered, where a piece need not be small to stay within the memory budget)
            int parts = (int) Math.min(allowed + 1, span / ((ordered ? 2 : 4) * perPage));
            if (parts < 2) return;
            long part = span / parts;
            long keepLo = tLast - part + 1;
            long top = keepLo - 1;
            for (int i = 1; i < parts; i++) {
                long bottom = i == parts - 1 ? c.lo : top - part + 1;
                given.add(new long[]{bottom, top});
                top = bottom - 1;
            }
            c.lo = keepLo;
        }
        piecesMade += given.size();
        for (long[] g : given) {
            Chunk piece = new Chunk(c.variant, c.variantParams, g[0], g[1], seq++);
            piece.generation = generation;
            add(piece);
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
