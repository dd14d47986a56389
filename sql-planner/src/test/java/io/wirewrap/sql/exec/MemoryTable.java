package io.wirewrap.sql.exec;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SortKey;
import io.wirewrap.fdw.TableDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A foreign table over rows in memory that answers plans truthfully, like a small API: equality and IN on the
 * {@code filterable} columns are EXACT (IN on the key costs one request per value, like parallel retrieves),
 * everything else NONE; a sort on one {@code sortable} column is honoured; pages hold {@code pageSize} rows and
 * each page counts as one request. It counts scans so tests can see what the planner asked for.
 */
final class MemoryTable implements ForeignTable {
    final TableDef def;
    final List<Object[]> rows;
    final Set<String> filterable;
    final String key;
    final Set<String> sortable;
    final int pageSize;
    final AtomicInteger scans = new AtomicInteger();
    final List<ScanRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile long delayPerPageMillis;

    MemoryTable(TableDef def, List<Object[]> rows, String key, Set<String> filterable, Set<String> sortable, int pageSize) {
        this.def = def;
        this.rows = rows;
        this.key = key;
        this.filterable = filterable;
        this.sortable = sortable;
        this.pageSize = pageSize;
    }

    @Override
    public TableDef definition() {
        return def;
    }

    private record Plan(ScanRequest request, List<Pushdown> quals, boolean sortPushed, boolean limitPushed,
                        double estimatedRequests, long estimatedRows, List<String> explain) implements ScanPlan {}

    @Override
    public ScanPlan plan(ScanRequest r) {
        List<Pushdown> pd = new ArrayList<>();
        double requests = Math.max(1, Math.ceil(rows.size() / (double) pageSize));
        long estRows = rows.size();
        for (Qual q : r.quals()) {
            boolean exact = filterable.contains(q.column()) && (q instanceof Qual.In
                    || (q instanceof Qual.Compare c && c.op() == CompareOp.EQ));
            pd.add(exact ? Pushdown.EXACT : Pushdown.NONE);
            if (exact && q.column().equals(key)) {
                int n = q instanceof Qual.In in ? in.values().size() : 1;
                requests = Math.min(requests, n);
                estRows = Math.min(estRows, n);
            } else if (exact) {
                estRows = Math.max(1, estRows / 10);
                requests = Math.max(1, Math.ceil(estRows / (double) pageSize));
            }
        }
        boolean allExact = pd.stream().allMatch(p -> p == Pushdown.EXACT);
        boolean sortPushed = r.sort().isEmpty() || (r.sort().size() == 1 && sortable.contains(r.sort().get(0).column()));
        boolean limitPushed = r.limit().isPresent() && allExact && sortPushed;
        List<String> explain = new ArrayList<>();
        explain.add("GET /v1/" + def.name() + " quals=" + r.quals().size());
        return new Plan(r, List.copyOf(pd), sortPushed && !r.sort().isEmpty(), limitPushed, requests, estRows, explain);
    }

    @Override
    public RowStream scan(ScanPlan p, ScanContext context) {
        Plan plan = (Plan) p;
        scans.incrementAndGet();
        requests.add(plan.request());
        ScanRequest r = plan.request();
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : rows) {
            boolean ok = true;
            for (int i = 0; i < r.quals().size(); i++) {
                if (plan.quals().get(i) == Pushdown.EXACT && !matches(r.quals().get(i), row)) ok = false;
            }
            if (ok) out.add(row);
        }
        if (plan.sortPushed()) {
            SortKey k = r.sort().get(0);
            int idx = def.indexOf(k.column());
            Comparator<Object[]> cmp = Comparator.comparing(row -> (Comparable) row[idx], Comparator.nullsLast(Comparator.naturalOrder()));
            out.sort(k.descending() ? cmp.reversed() : cmp);
        }
        if (plan.limitPushed()) out = out.subList(0, (int) Math.min(out.size(), r.limit().getAsLong()));
        int[] idx = r.columns().stream().mapToInt(def::indexOf).toArray();
        List<Object[]> projected = out.stream().map(row -> {
            Object[] o = new Object[idx.length];
            for (int i = 0; i < idx.length; i++) o[i] = row[idx[i]];
            return o;
        }).toList();
        boolean byKey = r.quals().stream().anyMatch(q -> q.column().equals(key) && plan.quals().get(r.quals().indexOf(q)) == Pushdown.EXACT);
        if (byKey) {
            Qual kq = r.quals().stream().filter(q -> q.column().equals(key)).findFirst().orElseThrow();
            context.stats().requests.add(kq instanceof Qual.In in ? in.values().size() : 1);
        }
        var it = projected.iterator();
        return new RowStream() {
            int n;

            @Override
            public Object[] next() {
                context.cancel().throwIfCancelled();
                if (!it.hasNext()) return null;
                if (n % pageSize == 0 && !byKey) {
                    context.stats().requests.increment();
                    context.stats().pages.increment();
                    if (delayPerPageMillis > 0) {
                        try {
                            Thread.sleep(delayPerPageMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                n++;
                context.stats().rows.increment();
                return it.next();
            }

            @Override
            public void close() {}
        };
    }

    private boolean matches(Qual q, Object[] row) {
        Object v = row[def.indexOf(q.column())];
        return switch (q) {
            case Qual.Compare c -> Objects.equals(v, c.value());
            case Qual.In in -> in.values().contains(v);
            default -> true;
        };
    }

    /** What {@link #rowKeyColumns()} answers; none unless a test sets it. */
    volatile List<String> rowKeys = List.of();

    @Override
    public List<String> rowKeyColumns() {
        return rowKeys;
    }

    @Override
    public void validate(Modify modify) {}

    final List<Modify> writes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Applies writes like an API: inserts get an id when none is given; every write returns the full rows. */
    @Override
    public synchronized RowStream modify(Modify modify, ScanContext context) {
        writes.add(modify);
        int keyIdx = def.indexOf(key);
        List<Object[]> out = new ArrayList<>();
        switch (modify) {
            case Modify.Insert ins -> {
                for (Object[] values : ins.rows()) {
                    Object[] row = new Object[def.columns().size()];
                    for (int i = 0; i < values.length; i++) row[def.indexOf(ins.columns().get(i))] = values[i];
                    if (row[keyIdx] == null) row[keyIdx] = def.name().substring(0, 2) + "_new" + (rows.size() + 1);
                    rows.add(row);
                    out.add(row.clone());
                }
            }
            case Modify.Update up -> {
                for (Object[] row : rows) {
                    if (!up.rowids().contains(row[keyIdx])) continue;
                    up.changes().forEach((c, v) -> row[def.indexOf(c)] = v);
                    out.add(row.clone());
                }
            }
            case Modify.Delete del -> {
                var it = rows.iterator();
                while (it.hasNext()) {
                    Object[] row = it.next();
                    if (del.rowids().contains(row[keyIdx])) {
                        out.add(row.clone());
                        it.remove();
                    }
                }
            }
        }
        return RowStream.of(out);
    }

    static TableDef def(String name, List<ColumnDef> cols) {
        return new TableDef(name, cols, Map.of("object", name, "rowid_column", "id"));
    }
}
