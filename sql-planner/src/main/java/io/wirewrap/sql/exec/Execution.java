package io.wirewrap.sql.exec;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.local.DialectHooks;
import io.wirewrap.sql.local.DuckDialect;
import io.wirewrap.sql.local.DuckTypes;
import io.wirewrap.sql.local.LocalSession;
import io.wirewrap.sql.plan.AnalyzedQuery;
import io.wirewrap.sql.plan.FastPath;
import io.wirewrap.sql.plan.QualTemplate;
import io.wirewrap.sql.plan.ScanSlot;
import io.wirewrap.sql.plan.Values;
import io.wirewrap.sql.session.SystemRelations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.sf.jsqlparser.schema.Table;

/**
 * One execution of an analysed statement: the streaming fast path when the source takes every qual and the
 * order, otherwise scans loaded into per-query DuckDB temp tables and the statement run there. Scans joined on a
 * key the inner source can filter by are fetched by batches of keys when the source estimates that cheaper.
 */
final class Execution {
    static final int KEY_BATCH = 100;

    private final AnalyzedQuery query;
    private final QueryEnv env;
    private final List<Object> params;
    private final ExecContext ctx;
    final List<ScanReport> reports = new ArrayList<>();
    boolean fastPathTaken;
    private final Progress progress;
    /** Parameter type OIDs as reported to the client; known ones are cast so DuckDB types them the same way. */
    private int[] parameterTypes = new int[0];
    /** Used parameter indexes in order: DuckDB numbers them densely (a gap crashes its binder). */
    private final List<Integer> usedParameters = new ArrayList<>();

    /** Set while describing: text parameters are bound as '' so DuckDB types them as text. */
    boolean textForUnknown;

    void parameterTypes(int[] types) {
        this.parameterTypes = types == null ? new int[0] : types;
        usedParameters.clear();
        for (int i = 0; i < query.parameterOids().length; i++) if (query.parameterOids()[i] != -1) usedParameters.add(i + 1);
    }

    Execution(AnalyzedQuery query, QueryEnv env, List<Object> params, ExecContext ctx) {
        this.query = query;
        this.env = env;
        this.params = params == null ? List.of() : params;
        this.ctx = ctx;
        this.progress = new Progress(env.session(), ctx);
    }

    /** Binds a slot's quals for this execution; a qual whose constant is NULL stays local (it can never be true). */
    private List<Qual> bind(ScanSlot slot) {
        List<Qual> out = new ArrayList<>();
        for (QualTemplate t : slot.quals()) {
            Qual q = t.bind(params, slot.typeOf(t.column()));
            if (q instanceof Qual.Compare c && c.value() == null) continue;
            if (q instanceof Qual.Like l && l.pattern() == null) continue;
            if (q instanceof Qual.JsonPathEquals j && j.value() == null) continue;
            out.add(q);
        }
        return out;
    }

    /** What the planner asks of a slot's source: its columns, these quals and order, and the JSON paths read. */
    private static ScanRequest request(ScanSlot slot, List<Qual> quals, List<io.wirewrap.fdw.SortKey> sort) {
        return new ScanRequest(slot.columns(), quals, sort, OptionalLong.empty(), slot.jsonPaths());
    }

    private ScanContext scanContext(ScanReport r) {
        return new ScanContext(ctx.cancel(), r.stats, m -> ctx.notices().accept(new ExecContext.Notice("NOTICE", "00000", m, null)));
    }

    // ---------------------------------------------------------------- fast path

    /** The fast path's result, or null when the source does not take everything. */
    QueryResult tryFastPath(boolean dryRun) {
        FastPath fp = query.fastPath();
        if (fp == null) return null;
        ScanSlot slot = fp.slot();
        List<Qual> quals = bind(slot);
        if (quals.size() != slot.quals().size()) return null;
        long limit = fp.limit() == null ? -1 : number(fp.limit().value(params));
        long offset = fp.offset() == null ? 0 : number(fp.offset().value(params));
        List<String> columns = new ArrayList<>();
        for (FastPath.Projection p : fp.projection()) if (!columns.contains(p.column())) columns.add(p.column());
        for (var k : fp.sort()) if (!columns.contains(k.column())) columns.add(k.column());
        ScanRequest req = new ScanRequest(columns, quals, fp.sort(), limit >= 0 ? OptionalLong.of(limit + offset) : OptionalLong.empty(),
                slot.jsonPaths());
        ScanPlan plan = slot.table().table().plan(req);
        if (plan.quals().stream().anyMatch(p -> p != Pushdown.EXACT)) return null;
        if (!fp.sort().isEmpty() && !plan.sortPushed()) return null;
        ScanReport report = new ScanReport(slot);
        report.plan = plan;
        report.quals = quals;
        report.strategy = "fast";
        report.sortRequested = !fp.sort().isEmpty();
        report.estimatedRequests = plan.estimatedRequests();
        reports.add(report);
        fastPathTaken = true;
        if (dryRun) return null;
        int[] index = new int[fp.projection().size()];
        List<ResultColumn> cols = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            FastPath.Projection p = fp.projection().get(i);
            index[i] = columns.indexOf(p.column());
            cols.add(column(slot, p.column(), p.outputName()));
        }
        long started = System.nanoTime();
        RowStream rows = slot.table().table().scan(plan, scanContext(report));
        return new FastResult(rows, cols, index, offset, limit, ctx, report, started, progress);
    }

    static ResultColumn column(ScanSlot slot, String column, String outputName) {
        ColumnDef def = slot.table().definition().columns().get(slot.table().definition().indexOf(column));
        int oid = def.type().oid();
        return new ResultColumn(outputName, oid, io.wirewrap.sql.api.TypeSizes.of(oid), -1, slot.table().tableOid(),
                (short) (slot.table().definition().indexOf(column) + 1));
    }

    static List<ResultColumn> fastColumns(FastPath fp) {
        List<ResultColumn> cols = new ArrayList<>();
        for (FastPath.Projection p : fp.projection()) cols.add(column(fp.slot(), p.column(), p.outputName()));
        return cols;
    }

    private static long number(Object v) {
        if (v == null) return -1;
        if (v instanceof Number n) return n.longValue();
        return (Long) Values.coerce(v, io.wirewrap.fdw.ColumnType.INT8);
    }

    // ---------------------------------------------------------------- DuckDB path

    /** Temp tables created for this execution, dropped when the result closes. */
    final List<String> tempTables = new ArrayList<>();
    private final IdentityHashMap<Table, String> replacements = new IdentityHashMap<>();
    private final Map<String, String> systemTables = new LinkedHashMap<>();

    /** Loads every scan (or only creates empty tables when {@code empty}) and system relation. */
    void load(boolean empty) {
        LocalSession local = env.local();
        IdentityHashMap<ScanSlot, String> loaded = new IdentityHashMap<>();
        List<ScanSlot> order = new ArrayList<>(query.scans().stream().filter(s -> s.dependency() == null).toList());
        order.addAll(query.scans().stream().filter(s -> s.dependency() != null).toList());
        for (ScanSlot slot : order) {
            ctx.cancel().throwIfCancelled();
            String name = local.tempName(slot.qualifier());
            List<ScanLoader.Col> cols = new ArrayList<>();
            for (String c : slot.columns()) cols.add(new ScanLoader.Col(c, slot.typeOf(c)));
            ScanLoader.create(local.connection(), name, cols);
            tempTables.add(name);
            replacements.put(slot.node(), name);
            loaded.put(slot, name);
            ScanReport report = new ScanReport(slot);
            reports.add(report);
            if (empty) {
                planOnly(slot, report, loaded);
                continue;
            }
            long started = System.nanoTime();
            fill(local, slot, name, cols, report, loaded);
            report.nanos = System.nanoTime() - started;
        }
        SystemRelations sys = env.systemRelations();
        java.util.Set<String> needed = new java.util.LinkedHashSet<>(query.systemRefs().values());
        needed.addAll(query.extraSystem());
        for (String key : needed) {
            if (sys == null) break;
            int dot = key.indexOf('.');
            var rel = sys.find(key.substring(0, dot), key.substring(dot + 1));
            if (rel.isEmpty()) continue;
            // pg_settings shows the session's own SETs, so it is read every time
            long version = key.endsWith(".pg_settings") ? -1 : sys.version();
            String cached = version >= 0 ? local.cachedSystemTable(key, version) : null;
            if (cached != null) {
                systemTables.put(key, cached);
                continue;
            }
            String name = local.tempName(key.substring(dot + 1));
            SystemLoader.load(local.connection(), name, rel.get(), env.session(), false);
            if (version >= 0) local.cacheSystemTable(key, version, name);
            else tempTables.add(name);
            systemTables.put(key, name);
        }
        for (var e : query.systemRefs().entrySet()) replacements.put(e.getKey(), systemTables.get(e.getValue()));
    }

    private void planOnly(ScanSlot slot, ScanReport report, IdentityHashMap<ScanSlot, String> loaded) {
        List<Qual> quals = bind(slot);
        report.quals = quals;
        var limited = query.limitedScan();
        ScanPlan capped = limited != null && limited.slot() == slot ? cappedPlan(limited, quals) : null;
        ScanSlot.Dependency dep = slot.dependency();
        boolean keysCanCome = dep != null && loaded.containsKey(dep.outer());
        report.plan = capped != null ? capped : planUnlessKeysNeeded(slot, request(slot, quals, List.of()), keysCanCome);
        report.estimatedRequests = report.plan == null ? Double.POSITIVE_INFINITY : report.plan.estimatedRequests();
        if (keysCanCome) {
            // without data, assume the outer side yields as many keys as its source estimates rows
            ScanReport outer = reports.stream().filter(r -> r.slot == dep.outer()).findFirst().orElse(null);
            long keys = outer != null && outer.plan != null && outer.plan.estimatedRows() >= 0 ? outer.plan.estimatedRows() : 1000;
            chooseDependent(slot, report, quals, List.of(placeholder(slot, dep.innerColumn())), keys);
        }
        if (report.plan == null) slot.table().table().plan(request(slot, quals, List.of())); // throws what the source needs
    }

    /**
     * The slot's scan on its own terms. A nested list (invoice lines) cannot be listed without its parent id
     * (HV002); when a join can hand the parent ids over as keys, that is no error yet: null, and only the
     * dependent plan can run.
     */
    private ScanPlan planUnlessKeysNeeded(ScanSlot slot, ScanRequest req, boolean keysCanCome) {
        try {
            return slot.table().table().plan(req);
        } catch (FdwException e) {
            if (keysCanCome && dependentJoinsEnabled() && "HV002".equals(e.sqlState())) return null;
            throw e;
        }
    }

    private void fill(LocalSession local, ScanSlot slot, String name, List<ScanLoader.Col> cols, ScanReport report,
                      IdentityHashMap<ScanSlot, String> loaded) {
        List<Qual> quals = bind(slot);
        report.quals = quals;
        ScanRequest req = request(slot, quals, List.of());
        ScanSlot.Dependency dep = slot.dependency();
        boolean keysCanCome = dep != null && loaded.containsKey(dep.outer());
        ScanPlan full = planUnlessKeysNeeded(slot, req, keysCanCome);
        report.plan = full;
        report.estimatedRequests = full == null ? Double.POSITIVE_INFINITY : full.estimatedRequests();
        if (keysCanCome) {
            ScanReport outerReport = reports.stream().filter(r -> r.slot == dep.outer()).findFirst().orElse(null);
            List<Qual> outerQuals = outerReport == null ? List.of() : outerReport.quals;
            List<Object> keys = distinctKeys(local, loaded.get(dep.outer()), dep.outerColumn(), slot, dep.innerColumn(), outerQuals);
            if (keys.isEmpty()) {
                // no outer keys: the join (inner, or the right side of a left join) needs no inner rows at all
                report.strategy = "dependent";
                report.keys = 0;
                return;
            }
            if (chooseDependent(slot, report, quals, keys.isEmpty() ? List.of() : keys.subList(0, Math.min(KEY_BATCH, keys.size())), keys.size())) {
                report.keys = keys.size();
                for (int from = 0; from < keys.size(); from += KEY_BATCH) {
                    List<Qual> batchQuals = new ArrayList<>(quals);
                    batchQuals.add(new Qual.In(dep.innerColumn(), keys.subList(from, Math.min(keys.size(), from + KEY_BATCH))));
                    ScanPlan plan = slot.table().table().plan(request(slot, batchQuals, List.of()));
                    try (RowStream rows = slot.table().table().scan(plan, scanContext(report))) {
                        long before = report.rows;
                        report.rows += ScanLoader.load(local.connection(), name, cols, rows, ctx.cancel(), n -> progress.tick(report, before + n));
                    }
                    report.batches++;
                }
                return;
            }
        }
        if (full == null) full = slot.table().table().plan(req); // throws what the source needs
        var limited = query.limitedScan();
        ScanPlan capped = limited != null && limited.slot() == slot ? cappedPlan(limited, quals) : null;
        if (capped != null) {
            report.plan = capped;
            report.sortRequested = !limited.sort().isEmpty();
            report.strategy = "limit pushed";
            try (RowStream rows = slot.table().table().scan(capped, scanContext(report))) {
                report.rows = ScanLoader.load(local.connection(), name, cols, rows, ctx.cancel(), n -> progress.tick(report, n));
            }
            return;
        }
        if (limited != null && limited.slot() == slot) {
            ScanPlan sorted = limited.sort().isEmpty() ? full
                    : slot.table().table().plan(request(slot, quals, limited.sort()));
            if (limited.sort().isEmpty() || sorted.sortPushed()) {
                report.plan = sorted;
                report.sortRequested = !limited.sort().isEmpty();
                loadUntilEnough(local, slot, name, cols, report, sorted);
                return;
            }
        }
        try (RowStream rows = slot.table().table().scan(full, scanContext(report))) {
            report.rows = ScanLoader.load(local.connection(), name, cols, rows, ctx.cancel(), n -> progress.tick(report, n));
        }
    }

    static final int LIMIT_CHUNK = 500;

    /**
     * Loads a LIMIT query's only scan in chunks and stops as soon as the statement already yields its rows, so
     * {@code select * from charges where amount > 4000 limit 5} does not list every charge.
     */
    private void loadUntilEnough(LocalSession local, ScanSlot slot, String name, List<ScanLoader.Col> cols, ScanReport report, ScanPlan plan) {
        String check = "SELECT count(*) FROM (" + duckSql() + ") AS ww_enough";
        try (RowStream rows = slot.table().table().scan(plan, scanContext(report))) {
            while (true) {
                long before = report.rows;
                long got = ScanLoader.load(local.connection(), name, cols, rows, ctx.cancel(), n -> progress.tick(report, before + n), LIMIT_CHUNK);
                report.rows += got;
                if (got < LIMIT_CHUNK) return; // the source is exhausted
                try (PreparedStatement ps = prepare(check)) {
                    bindParameters(ps, parameterTypes);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= limitOf()) {
                            report.strategy = "limited";
                            return;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * The scan of a LIMIT query asked for only {@code limit + offset} rows, when the source takes every qual exactly and
     * the sort (so {@code select id, amount * 2 from charges limit 3} is one request of 3, not a scan stopped after a few
     * pages); null when the source will not promise that.
     */
    private ScanPlan cappedPlan(AnalyzedQuery.LimitedScan limited, List<Qual> quals) {
        if (!limited.wholeWhere()) return null;
        long limit = limitOf();
        Object off = limited.offset() == null ? 0L : limited.offset().value(params);
        long offset = off == null ? 0 : Math.max(0, number(off));
        if (limit == Long.MAX_VALUE || limit > Long.MAX_VALUE - offset) return null;
        ScanSlot slot = limited.slot();
        ScanPlan plan = slot.table().table().plan(new ScanRequest(slot.columns(), quals, limited.sort(),
                OptionalLong.of(limit + offset), slot.jsonPaths()));
        return plan.limitPushed() ? plan : null;
    }

    /** The statement's LIMIT: the check query counts at most that many rows, so "count == limit" means done. */
    private long limitOf() {
        var ps = (net.sf.jsqlparser.statement.select.PlainSelect) query.statement();
        Object v = io.wirewrap.sql.plan.QualExtractor.constant(ps.getLimit().getRowCount()) instanceof io.wirewrap.sql.plan.ValueRef r
                ? r.value(params) : null;
        long limit = v == null ? Long.MAX_VALUE : number(v);
        return limit < 0 ? Long.MAX_VALUE : limit;
    }

    /** Decides between a full scan and batches of keys by the source's own request estimates. */
    private boolean chooseDependent(ScanSlot slot, ScanReport report, List<Qual> quals, List<Object> sample, long keyCount) {
        if (!dependentJoinsEnabled()) return false;
        ScanSlot.Dependency dep = slot.dependency();
        List<Qual> withKeys = new ArrayList<>(quals);
        withKeys.add(new Qual.In(dep.innerColumn(), sample.isEmpty() ? List.of(placeholder(slot, dep.innerColumn())) : sample));
        ScanPlan batchPlan = slot.table().table().plan(request(slot, withKeys, List.of()));
        if (batchPlan.quals().get(withKeys.size() - 1) == Pushdown.NONE) return false;
        long batches = (keyCount + KEY_BATCH - 1) / KEY_BATCH;
        double dependentCost = batches * batchPlan.estimatedRequests();
        if (dependentCost < report.estimatedRequests) {
            report.strategy = "dependent";
            report.plan = batchPlan;
            report.quals = withKeys;
            report.estimatedRequests = dependentCost;
            report.keys = keyCount;
            return true;
        }
        return false;
    }

    /** {@code set wirewrap.dependent_join = off} scans both sides of every join (to compare, like enable_nestloop). */
    private boolean dependentJoinsEnabled() {
        String v = env.session().settings().getOrDefault("wirewrap.dependent_join", "on").trim().toLowerCase(java.util.Locale.ROOT);
        return !(v.equals("off") || v.equals("false") || v.equals("0") || v.equals("no"));
    }

    /** The text key a plan without data is made with; EXPLAIN shows the outer column in its place. */
    static final String KEY_STAND_IN = "ww_key";

    private static Object placeholder(ScanSlot slot, String column) {
        return switch (slot.typeOf(column)) {
            case INT2 -> (short) 0;
            case INT4 -> 0;
            case INT8 -> 0L;
            case NUMERIC -> java.math.BigDecimal.ZERO;
            // a non-empty stand-in: sources treat an empty key as "matches nothing" and would estimate 0
            default -> KEY_STAND_IN;
        };
    }

    /** Distinct join keys of the outer rows that pass the outer table's own conditions. */
    private static List<Object> distinctKeys(LocalSession local, String table, String column, ScanSlot inner, String innerColumn,
                                             List<Qual> outerQuals) {
        List<Object> keys = new ArrayList<>();
        String c = ScanLoader.quote(column);
        StringBuilder where = new StringBuilder(c).append(" IS NOT NULL");
        for (Qual q : outerQuals) where.append(" AND ").append(QualSql.of(q));
        try (var st = local.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + c + " FROM " + table + " WHERE " + where + " ORDER BY 1")) {
            var type = inner.typeOf(innerColumn);
            while (rs.next()) keys.add(Values.coerce(rs.getObject(1), type));
        } catch (SQLException e) {
            throw new SqlError("XX000", "local engine: " + e.getMessage());
        }
        return keys;
    }

    /** The statement in DuckDB dialect over this execution's temp tables. */
    String duckSql() {
        return DuckDialect.write(query.statement(), new DialectHooks() {
            @Override
            public String replacement(Table table) {
                return replacements.get(table);
            }

            @Override
            public String systemTable(String name) {
                return systemTables.get("pg_catalog." + name);
            }

            @Override
            public String setting(String name) {
                return env.session().settings().get(name).orElse(null);
            }

            @Override
            public String parameterSql(int index) {
                int dense = usedParameters.indexOf(index) + 1;
                if (dense == 0) dense = index;
                int oid = index <= parameterTypes.length ? parameterTypes[index - 1] : 0;
                var type = io.wirewrap.fdw.ColumnType.fromOid(oid);
                // text-typed (unknown) parameters stay bare so DuckDB infers them from their context, as PostgreSQL does
                if (type.isEmpty() || oid == 25) {
                    return io.wirewrap.sql.local.DuckTypes.isArrayOid(oid) && oid != 25
                            ? "CAST($" + dense + " AS " + io.wirewrap.sql.local.DuckTypes.duckType(
                                    io.wirewrap.fdw.ColumnType.fromOid(io.wirewrap.sql.local.DuckTypes.elementOf(oid)).orElse(io.wirewrap.fdw.ColumnType.TEXT)) + "[])"
                            : "$" + dense;
                }
                return "CAST($" + dense + " AS " + io.wirewrap.sql.local.DuckTypes.duckType(type.get()) + ")";
            }

            @Override
            public io.wirewrap.fdw.ColumnType columnType(net.sf.jsqlparser.schema.Column column) {
                String col = io.wirewrap.sql.plan.Analyzer.ident(column.getColumnName());
                Table q = column.getTable();
                for (ScanSlot s : query.scans()) {
                    if (q != null && q.getName() != null && !q.getName().equalsIgnoreCase(s.qualifier())) continue;
                    if (s.hasColumn(col)) return s.typeOf(col);
                }
                return null;
            }
        });
    }

    PreparedStatement prepare(String sql) {
        if (Boolean.getBoolean("wirewrap.debugSql")) System.err.println("DUCKDB: " + sql);
        try {
            LocalSession local = env.local();
            PreparedStatement ps = local.connection().prepareStatement(sql);
            ctx.cancel().onCancel(() -> DuckInterrupter.untilClosed(ps, local));
            return ps;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    void bindParameters(PreparedStatement ps, int[] types) {
        try {
            int n = ps.getParameterMetaData().getParameterCount();
            for (int dense = 1; dense <= n; dense++) {
                int i = dense <= usedParameters.size() ? usedParameters.get(dense - 1) : dense;
                Object v = i <= params.size() ? params.get(i - 1) : null;
                // a parameter sent as text gets the type it was inferred to have, as PostgreSQL would parse it
                if (v instanceof String && types != null && i <= types.length) {
                    var t = io.wirewrap.fdw.ColumnType.fromOid(types[i - 1]);
                    if (t.isPresent()) v = Values.coerce(v, t.get());
                }
                if (types != null && i <= types.length && io.wirewrap.sql.local.DuckTypes.isArrayOid(types[i - 1]) && v != null) {
                    v = array(ps.getConnection(), v, types[i - 1]);
                }
                if (v instanceof java.time.temporal.Temporal || v instanceof java.util.UUID) v = v.toString();
                if (v == null && textForUnknown && i <= types.length && types[i - 1] == 25) {
                    ps.setObject(dense, ""); // describing: a NULL would make DuckDB call an untyped parameter INTEGER
                } else {
                    ps.setObject(dense, v);
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** An array parameter (PostgreSQL text form, Java array or list) as a DuckDB list of the element type. */
    private static java.sql.Array array(java.sql.Connection c, Object v, int arrayOid) throws SQLException {
        List<?> items = v instanceof List<?> l ? l : v instanceof Object[] a ? List.of(a)
                : io.wirewrap.sql.plan.PgLexer.pathElements(v.toString());
        int element = io.wirewrap.sql.local.DuckTypes.elementOf(arrayOid);
        var type = io.wirewrap.fdw.ColumnType.fromOid(element).orElse(io.wirewrap.fdw.ColumnType.TEXT);
        Object[] values = items.stream().map(x -> x == null ? null : Values.coerce(x, type)).toArray();
        return c.createArrayOf(io.wirewrap.sql.local.DuckTypes.duckType(type), values);
    }

    static List<ResultColumn> columns(ResultSetMetaData md, List<String> forcedNames) throws SQLException {
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = forcedNames != null && i - 1 < forcedNames.size() ? forcedNames.get(i - 1) : md.getColumnName(i);
            out.add(ResultColumn.of(name, DuckTypes.pgOid(md.getColumnTypeName(i))));
        }
        return out;
    }

    void dropTemps() {
        LocalSession local = env.local();
        for (String t : tempTables) local.dropQuietly(t);
        tempTables.clear();
    }

    /** DuckDB's errors in PostgreSQL's terms; a fatal one also gets the engine reopened. */
    SqlError fail(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("INTERNAL Error") || m.contains("FATAL Error") || m.contains("database has been invalidated")) {
            env.local().recoverFromFatal();
            return new SqlError("XX000", "internal error in the local engine (query abandoned, engine restarted): "
                    + m.lines().findFirst().orElse(m));
        }
        return translate(e);
    }

    static SqlError translate(SQLException e) {
        String m = e.getMessage() == null ? "local engine error" : e.getMessage();
        if (m.contains("INTERRUPT") || m.contains("Interrupted")) return new SqlError("57014", "canceling statement due to user request");
        String first = m.lines().findFirst().orElse(m);
        String msg = first.replaceFirst("^[A-Za-z ]+ Error: ", "");
        if (first.contains("Table with name") && first.contains("does not exist")) {
            String name = first.replaceAll(".*Table with name ([^ ]+) does not exist.*", "$1");
            return new SqlError("42P01", "relation \"" + name + "\" does not exist");
        }
        String missing = missingColumn(first);
        if (missing != null) return new SqlError("42703", "column " + missing + " does not exist");
        if (first.startsWith("Binder Error") && first.contains("not found")) return new SqlError("42703", msg);
        if (first.startsWith("Parser Error")) return new SqlError("42601", msg);
        if (first.startsWith("Conversion Error") || first.startsWith("Invalid Input Error")) return new SqlError("22P02", msg);
        if (first.startsWith("Out of Range Error")) return new SqlError("22003", msg);
        if (first.contains("Division by zero") || first.contains("division by zero")) return new SqlError("22012", "division by zero");
        if (first.startsWith("Catalog Error") && first.contains("Scalar Function")) {
            return new SqlError("42883", msg);
        }
        if (first.startsWith("Catalog Error")) return new SqlError("42P01", msg);
        if (first.startsWith("Binder Error")) return new SqlError("42804", msg);
        if (first.startsWith("Constraint Error")) return new SqlError("23505", msg);
        return new SqlError("XX000", msg);
    }

    /**
     * The column DuckDB could not bind, spelled as PostgreSQL reports it ({@code "created"}, {@code t.x}), or null.
     * DuckDB words it three ways, one of them about SELECT aliases for a column that is simply not there.
     */
    private static String missingColumn(String first) {
        if (!first.startsWith("Binder Error")) return null;
        var m = java.util.regex.Pattern.compile("Referenced column \"([^\"]+)\" not found in FROM clause").matcher(first);
        if (m.find()) return "\"" + m.group(1) + "\"";
        m = java.util.regex.Pattern.compile("Column \"([^\"]+)\" referenced that exists in the SELECT clause").matcher(first);
        if (m.find()) return "\"" + m.group(1) + "\"";
        m = java.util.regex.Pattern.compile("Table \"([^\"]+)\" does not have a column named \"([^\"]+)\"").matcher(first);
        if (m.find()) return m.group(1) + "." + m.group(2);
        return null;
    }

    static RuntimeException wrap(RuntimeException e) {
        return e instanceof FdwException ? e : new SqlError("XX000", String.valueOf(e.getMessage()));
    }
}
