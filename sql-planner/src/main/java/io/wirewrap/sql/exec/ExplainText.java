package io.wirewrap.sql.exec;

import io.wirewrap.sql.api.ResultColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL-shaped EXPLAIN text. The first line always ends in {@code (cost=S..T rows=N width=W)} because
 * postgres_fdw's {@code use_remote_estimate} parses exactly that; cost is estimated remote requests x 100.
 */
final class ExplainText {
    private ExplainText() {}

    static List<String> render(Execution e, List<ResultColumn> out, boolean analyze, boolean verbose, long rows, long nanos) {
        List<String> lines = new ArrayList<>();
        int width = width(out);
        if (e.fastPathTaken && e.reports.size() == 1) {
            ScanReport r = e.reports.get(0);
            lines.add("Foreign Scan on " + name(r) + "  " + cost(r, width) + actual(analyze, r.nanos, rows));
            details(lines, r, "  ", analyze, verbose);
            lines.add("  Streaming: rows go to the client as the source returns them");
        } else {
            double total = e.reports.stream().mapToDouble(r -> r.estimatedRequests).sum();
            long est = e.reports.stream().mapToLong(r -> r.plan == null || r.plan.estimatedRows() < 0 ? 1000 : r.plan.estimatedRows()).max().orElse(1);
            lines.add("Local Query (DuckDB)  (cost=0.00.." + fmt(total * 100) + " rows=" + est + " width=" + width + ")"
                    + actual(analyze, nanos, rows));
            for (ScanReport r : e.reports) {
                String kind = r.strategy.equals("dependent") ? "Dependent Foreign Scan on " : "Foreign Scan on ";
                lines.add("  ->  " + kind + name(r) + "  " + cost(r, width(r)) + actual(analyze, r.nanos, r.rows));
                details(lines, r, "        ", analyze, verbose);
            }
        }
        if (analyze) lines.add("Execution Time: " + String.format(Locale.ROOT, "%.3f", nanos / 1e6) + " ms");
        return lines;
    }

    private static void details(List<String> lines, ScanReport r, String indent, boolean analyze, boolean verbose) {
        if (verbose) lines.add(indent + "Output: " + String.join(", ", r.slot.columns()));
        // before the outer rows exist the plan was made with a stand-in key: show where the keys come from instead
        java.util.function.UnaryOperator<String> keys = s -> s;
        if (r.strategy.equals("dependent")) {
            var d = r.slot.dependency();
            String outer = d.outer().qualifier() + "." + d.outerColumn();
            lines.add(indent + "Keys: " + d.innerColumn() + " = " + outer + " (" + r.keys
                    + (analyze ? " keys" : " keys estimated") + ", batches of " + Execution.KEY_BATCH + ")");
            keys = s -> s.replace("'" + Execution.KEY_STAND_IN + "'", "<" + outer + ">").replace(Execution.KEY_STAND_IN, "<" + outer + ">");
        }
        String pushed = r.pushedText();
        if (!pushed.isEmpty()) lines.add(indent + "Pushed: " + keys.apply(pushed));
        if (r.plan != null) {
            if (r.sortRequested && r.plan.sortPushed()) lines.add(indent + "Sort: pushed");
            if (r.plan.limitPushed()) lines.add(indent + "Limit: pushed");
            for (String s : r.plan.explain()) lines.add(indent + "Source: " + keys.apply(s));
        }
        if (analyze && r.strategy.equals("limited")) {
            lines.add(indent + "Stopped early: LIMIT satisfied after " + r.rows + " rows");
        }
        if (analyze) {
            lines.add(indent + "Requests: " + r.stats.requests.sum() + "  Pages: " + r.stats.pages.sum() + "  Retries: "
                    + r.stats.retries.sum() + (r.batches > 0 ? "  Batches: " + r.batches : ""));
        }
    }

    private static String name(ScanReport r) {
        String n = r.slot.table().qualifiedName();
        String q = r.slot.qualifier();
        return q.equalsIgnoreCase(r.slot.table().name()) ? n : n + " " + q;
    }

    private static String cost(ScanReport r, int width) {
        long rows = r.plan == null || r.plan.estimatedRows() < 0 ? 1000 : r.plan.estimatedRows();
        return "(cost=0.00.." + fmt(r.estimatedRequests * 100) + " rows=" + rows + " width=" + width + ")";
    }

    private static String actual(boolean analyze, long nanos, long rows) {
        if (!analyze) return "";
        return String.format(Locale.ROOT, " (actual time=0.000..%.3f rows=%d loops=1)", nanos / 1e6, rows);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static int width(List<ResultColumn> cols) {
        int w = 0;
        for (ResultColumn c : cols) w += c.typeSize() > 0 ? c.typeSize() : 32;
        return Math.max(w, 0);
    }

    private static int width(ScanReport r) {
        int w = 0;
        for (String c : r.slot.columns()) {
            short s = io.wirewrap.sql.api.TypeSizes.of(r.slot.typeOf(c).oid());
            w += s > 0 ? s : 32;
        }
        return w;
    }
}
