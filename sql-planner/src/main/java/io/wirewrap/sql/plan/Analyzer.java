package io.wirewrap.sql.plan;

import io.wirewrap.fdw.JsonPathRef;
import io.wirewrap.fdw.SortKey;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.local.DialectHooks;
import io.wirewrap.sql.local.DuckDialect;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Resolves a parsed statement's tables (foreign via {@link ForeignTableResolver}, catalog views via
 * {@link SystemRelations}, anything else is a local DuckDB table) and collects, per foreign-table reference,
 * the columns needed and the quals that may be pushed. Pushed quals are an optimisation only: the local engine
 * still evaluates the whole WHERE clause, so a qual is pushed wherever doing so cannot drop a row the query needs
 * (never to the nullable side of an outer join).
 */
public final class Analyzer {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "vault");

    private final ForeignTableResolver resolver;
    private final SystemRelations systemRelations;
    private final SessionContext session;

    public Analyzer(ForeignTableResolver resolver, SystemRelations systemRelations, SessionContext session) {
        this.resolver = resolver;
        this.systemRelations = systemRelations;
        this.session = session;
    }

    public AnalyzedQuery analyze(Statement statement) {
        return analyze(statement, true);
    }

    /**
     * @param forExecution false for a plain EXPLAIN, which must answer even for what cannot run: postgres_fdw with
     *                     use_remote_estimate explains its ctid scan while planning an UPDATE it then sends whole
     */
    public AnalyzedQuery analyze(Statement statement, boolean forExecution) {
        var collector = new Collector();
        DuckDialect.write(statement, collector);

        IdentityHashMap<Table, ScanSlot> slots = new IdentityHashMap<>();
        IdentityHashMap<Table, String> system = new IdentityHashMap<>();
        List<ScanSlot> scans = new ArrayList<>();
        for (Table t : collector.tables) {
            String schema = t.getSchemaName() == null ? null : ident(t.getSchemaName());
            String name = ident(t.getName());
            if (schema == null && collector.withNames.contains(name)) continue;
            if (schema != null && SYSTEM_SCHEMAS.contains(schema)) {
                if (systemRelations == null || systemRelations.find(schema, name).isEmpty()) {
                    throw new SqlError("42P01", "relation \"" + schema + "." + name + "\" does not exist");
                }
                system.put(t, schema + "." + name);
                continue;
            }
            Optional<ResolvedForeignTable> foreign = resolver == null ? Optional.empty() : resolver.resolve(schema, name, session);
            if (foreign.isPresent()) {
                resolver.requirePrivilege(foreign.get(), "select", session);
                ScanSlot slot = new ScanSlot(t, foreign.get());
                slots.put(t, slot);
                scans.add(slot);
                continue;
            }
            if (schema == null && systemRelations != null && systemRelations.find("pg_catalog", name).isPresent()) {
                system.put(t, "pg_catalog." + name); // pg_catalog is implicitly first on the search path
                continue;
            }
            if (schema != null && !Set.of("public", "main", "temp", "pg_temp").contains(schema)) {
                throw new SqlError("42P01", "relation \"" + schema + "." + name + "\" does not exist");
            }
        }

        if (forExecution) rejectSystemColumns(collector.columns, scans);

        // columns each scan must fetch: generous by name, since an unneeded column costs little and a missing one fails
        for (ScanSlot s : scans) {
            for (Column c : collector.columns) {
                String col = ident(c.getColumnName());
                Table q = c.getTable();
                if (q != null && q.getName() != null && !q.getName().equalsIgnoreCase(s.qualifier())) continue;
                if (s.hasColumn(col)) s.need(col);
            }
            for (JsonExpression j : collector.jsonChains) {
                if (!(JsonSteps.base(j) instanceof Column c)) continue;
                String col = ident(c.getColumnName());
                Table q = c.getTable();
                if (q != null && q.getName() != null && !q.getName().equalsIgnoreCase(s.qualifier())) continue;
                List<String> keys = JsonSteps.literalKeys(j);
                if (s.hasColumn(col) && !keys.isEmpty()) s.needJsonPath(new JsonPathRef(col, keys));
            }
            for (AllTableColumns a : collector.allTableColumns) {
                if (a.getTable().getName().equalsIgnoreCase(s.qualifier())) s.needAll();
            }
        }
        for (PlainSelect ps : collector.allColumnSelects) {
            for (Table t : directTables(ps)) {
                ScanSlot s = slots.get(t);
                if (s != null) s.needAll();
            }
        }

        for (PlainSelect ps : collector.selects) collectQuals(ps, slots);

        FastPath fast = fastPath(statement, slots);
        AnalyzedQuery.LimitedScan limited = system.isEmpty() && collector.extraSystem.isEmpty() ? limitedScan(statement, slots) : null;
        int[] params = inferParameters(scans, collector.maxParam, statement);
        for (int i = 1; i <= collector.maxParam; i++) {
            if (!collector.params.contains(i)) params[i - 1] = -1; // marks "not used in the statement"
        }
        return new AnalyzedQuery(statement, scans, slots, system, collector.extraSystem, fast, params, limited);
    }

    /**
     * {@code ctid} of a foreign table: postgres_fdw asks for it when it cannot send an UPDATE/DELETE whole and
     * falls back to row-by-row {@code ... WHERE ctid = $1}. A remote API has no stable physical row address to
     * offer, so say so plainly (instead of the local engine's unknown-column message) with the way out.
     */
    private static void rejectSystemColumns(List<Column> columns, List<ScanSlot> scans) {
        for (Column c : columns) {
            if (!"ctid".equals(ident(c.getColumnName()))) continue;
            Table q = c.getTable();
            for (ScanSlot s : scans) {
                boolean ours = q == null || q.getName() == null || q.getName().equalsIgnoreCase(s.qualifier());
                if (!ours || s.hasColumn("ctid")) continue;
                String name = s.table().schema() + "." + s.table().definition().name();
                throw new SqlError("0A000", "foreign table \"" + name + "\" has no ctid: row-by-row UPDATE/DELETE is not supported",
                        "postgres_fdw sends UPDATE/DELETE ... WHERE ctid = $1 when it cannot push the whole statement, "
                                + "e.g. when it joins a local table or computes values locally.",
                        "Write the statement so that postgres_fdw can send it whole (a WHERE on the foreign table's "
                                + "columns and constant or pushable values), e.g. one UPDATE ... WHERE id = '...' per row.",
                        0, null);
            }
        }
    }

    /** Lower-cases unquoted identifiers and unquotes quoted ones, as PostgreSQL folds names. */
    public static String ident(String s) {
        if (s == null) return null;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s.toLowerCase(Locale.ROOT);
    }

    static List<Table> directTables(PlainSelect ps) {
        List<Table> out = new ArrayList<>();
        if (ps.getFromItem() instanceof Table t) out.add(t);
        if (ps.getJoins() != null) for (Join j : ps.getJoins()) if (j.getRightItem() instanceof Table t) out.add(t);
        return out;
    }

    private void collectQuals(PlainSelect ps, IdentityHashMap<Table, ScanSlot> slots) {
        List<Table> direct = directTables(ps);
        if (direct.stream().noneMatch(slots::containsKey)) return;
        List<Join> joins = ps.getJoins() == null ? List.of() : ps.getJoins();
        // tables on the nullable side of an outer join take no WHERE quals; RIGHT/FULL joins make the left nullable
        Set<FromItem> nullable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean leftNullable = false;
        for (Join j : joins) {
            if (j.isLeft() || j.isFull()) nullable.add(j.getRightItem());
            if (j.isRight() || j.isFull()) leftNullable = true;
        }
        List<Expression> where = QualExtractor.conjuncts(ps.getWhere());
        for (Table t : direct) {
            ScanSlot slot = slots.get(t);
            if (slot == null) continue;
            var columnOf = columnResolver(slot, direct, slots);
            boolean isNullable = nullable.contains(t) || leftNullable;
            if (!isNullable) {
                for (Expression c : where) {
                    slot.addQuals(QualExtractor.extract(c, columnOf));
                    inSubqueryDependency(slot, c, columnOf, slots);
                }
            }
            for (Join j : joins) {
                boolean ownJoin = j.getRightItem() == t && !j.isFull() && !j.isRight();
                // an inner join's ON filters like WHERE, so it also restricts non-nullable tables joined earlier
                // (postgres_fdw sends every qual of a pushed join there: FROM (r1 INNER JOIN r2 ON (... AND r1.email = 'x')))
                boolean innerJoinOn = !isNullable && !j.isLeft() && !j.isRight() && !j.isFull() && !j.isOuter();
                if (!ownJoin && !innerJoinOn) continue;
                for (Expression on : j.getOnExpressions()) {
                    for (Expression c : QualExtractor.conjuncts(on)) {
                        slot.addQuals(QualExtractor.extract(c, columnOf));
                        if (ownJoin) dependency(slot, c, direct, slots);
                    }
                }
            }
        }
    }

    /**
     * {@code inner.k in (select c from outer ...)} in a WHERE: like a join, the inner scan may be fetched by batches of
     * the outer scan's keys. The keys are every value of {@code c} the outer scan loaded (a superset of what the
     * subquery yields), so the inner rows fetched are a superset too and the statement's IN decides.
     */
    private static void inSubqueryDependency(ScanSlot inner, Expression c, java.util.function.Function<Column, String> columnOf,
                                             IdentityHashMap<Table, ScanSlot> slots) {
        if (!(QualExtractor.unwrap(c) instanceof net.sf.jsqlparser.expression.operators.relational.InExpression in) || in.isNot()) return;
        if (!(QualExtractor.unwrap(in.getLeftExpression()) instanceof Column k) || columnOf.apply(k) == null) return;
        if (!(in.getRightExpression() instanceof net.sf.jsqlparser.statement.select.ParenthesedSelect sub)
                || !(sub.getSelect() instanceof PlainSelect ps)) return;
        if (!(ps.getFromItem() instanceof Table t) || (ps.getJoins() != null && !ps.getJoins().isEmpty())) return;
        ScanSlot outer = slots.get(t);
        if (outer == null || outer == inner || ps.getSelectItems().size() != 1) return;
        if (!(ps.getSelectItems().get(0).getExpression() instanceof Column col)) return;
        String outerCol = ident(col.getColumnName());
        if (outer.hasColumn(outerCol)) inner.dependsOn(new ScanSlot.Dependency(outer, outerCol, columnOf.apply(k)));
    }

    /** {@code inner.k = outer.c} in an ON clause: the inner scan may be fetched by batches of outer keys. */
    private static void dependency(ScanSlot inner, Expression c, List<Table> direct, IdentityHashMap<Table, ScanSlot> slots) {
        if (!(QualExtractor.unwrap(c) instanceof net.sf.jsqlparser.expression.operators.relational.EqualsTo eq)) return;
        if (!(QualExtractor.unwrap(eq.getLeftExpression()) instanceof Column l) || !(QualExtractor.unwrap(eq.getRightExpression()) instanceof Column r)) return;
        for (Column[] pair : new Column[][] {{l, r}, {r, l}}) {
            Column mine = pair[0];
            Column theirs = pair[1];
            if (mine.getTable() == null || theirs.getTable() == null || mine.getTable().getName() == null || theirs.getTable().getName() == null) continue;
            if (!mine.getTable().getName().equalsIgnoreCase(inner.qualifier())) continue;
            for (Table t : direct) {
                ScanSlot outer = slots.get(t);
                if (outer == null || outer == inner || !theirs.getTable().getName().equalsIgnoreCase(outer.qualifier())) continue;
                String innerCol = ident(mine.getColumnName());
                String outerCol = ident(theirs.getColumnName());
                if (inner.hasColumn(innerCol) && outer.hasColumn(outerCol)) {
                    inner.dependsOn(new ScanSlot.Dependency(outer, outerCol, innerCol));
                }
            }
        }
    }

    private static java.util.function.Function<Column, String> columnResolver(ScanSlot slot, List<Table> direct,
                                                                               IdentityHashMap<Table, ScanSlot> slots) {
        return c -> {
            String col = ident(c.getColumnName());
            if (!slot.hasColumn(col)) return null;
            Table q = c.getTable();
            if (q != null && q.getName() != null) return q.getName().equalsIgnoreCase(slot.qualifier()) ? col : null;
            // unqualified: ours only if no other table of this FROM could own it
            for (Table other : direct) {
                if (other == slot.node()) continue;
                ScanSlot os = slots.get(other);
                if (os == null || os.hasColumn(col)) return null;
            }
            return col;
        };
    }

    private static FastPath fastPath(Statement st, IdentityHashMap<Table, ScanSlot> slots) {
        if (!(st instanceof PlainSelect ps)) return null;
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) return null;
        if (!(ps.getFromItem() instanceof Table t) || (ps.getJoins() != null && !ps.getJoins().isEmpty())) return null;
        ScanSlot slot = slots.get(t);
        if (slot == null) return null;
        if (ps.getDistinct() != null || ps.getGroupBy() != null || ps.getHaving() != null || ps.getFetch() != null
                || ps.getWindowDefinitions() != null || ps.getForMode() != null || ps.getIntoTables() != null) return null;
        var columnOf = columnResolver(slot, List.of(t), slots);
        for (Expression c : QualExtractor.conjuncts(ps.getWhere())) {
            var quals = QualExtractor.extract(c, columnOf);
            if (quals.isEmpty() || QualExtractor.onlyABound(quals)) return null;
        }
        List<FastPath.Projection> proj = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns a) {
                if (!a.getTable().getName().equalsIgnoreCase(slot.qualifier())) return null;
                slot.table().definition().columns().forEach(cd -> proj.add(new FastPath.Projection(cd.name(), cd.name())));
            } else if (e instanceof AllColumns) {
                slot.table().definition().columns().forEach(cd -> proj.add(new FastPath.Projection(cd.name(), cd.name())));
            } else if (e instanceof Column c && columnOf.apply(c) != null) {
                String col = columnOf.apply(c);
                proj.add(new FastPath.Projection(col, item.getAlias() != null ? ident(item.getAlias().getName()) : col));
            } else {
                return null;
            }
        }
        List<SortKey> sort = new ArrayList<>();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                if (!(o.getExpression() instanceof Column c) || columnOf.apply(c) == null) return null;
                boolean desc = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? desc : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                sort.add(new SortKey(columnOf.apply(c), desc, nullsFirst));
            }
        }
        ValueRef limit = null;
        ValueRef offset = null;
        if (ps.getLimit() != null) {
            if (ps.getLimit().getRowCount() != null && !(ps.getLimit().getRowCount() instanceof net.sf.jsqlparser.expression.NullValue)) {
                limit = QualExtractor.constant(ps.getLimit().getRowCount());
                if (limit == null) return null;
            }
            if (ps.getLimit().getOffset() != null) {
                offset = QualExtractor.constant(ps.getLimit().getOffset());
                if (offset == null) return null;
            }
        }
        if (ps.getOffset() != null) {
            offset = QualExtractor.constant(ps.getOffset().getOffset());
            if (offset == null) return null;
        }
        return new FastPath(slot, proj, sort, limit, offset);
    }

    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "jsonb_agg", "json_agg", "jsonb_object_agg", "json_object_agg", "bool_and", "bool_or", "every", "stddev",
            "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "percentile_cont", "percentile_disc", "mode",
            "generate_series", "unnest", "jsonb_array_elements", "jsonb_each");

    private static AnalyzedQuery.LimitedScan limitedScan(Statement st, IdentityHashMap<Table, ScanSlot> slots) {
        if (!(st instanceof PlainSelect ps) || ps.getLimit() == null || ps.getLimit().getRowCount() == null) return null;
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) return null;
        if (!(ps.getFromItem() instanceof Table t) || (ps.getJoins() != null && !ps.getJoins().isEmpty())) return null;
        ScanSlot slot = slots.get(t);
        if (slot == null || slots.size() != 1) return null;
        if (ps.getDistinct() != null || ps.getGroupBy() != null || ps.getHaving() != null || ps.getWindowDefinitions() != null) return null;
        boolean[] rowWise = {true};
        ps.accept((net.sf.jsqlparser.statement.select.SelectVisitor<Void>) new net.sf.jsqlparser.util.TablesNamesFinder<Void>() {
            {
                init(true);
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.Function f, S context) {
                if (AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) rowWise[0] = false;
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
                rowWise[0] = false;
                return super.visit(a, context);
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.statement.select.ParenthesedSelect sub, S context) {
                rowWise[0] = false; // a subquery might aggregate over the same scan
                return super.visit(sub, context);
            }
        }, null);
        if (!rowWise[0]) return null;
        var columnOf = columnResolver(slot, List.of(t), slots);
        List<SortKey> sort = new ArrayList<>();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                if (!(o.getExpression() instanceof Column c) || columnOf.apply(c) == null) return null;
                boolean desc = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? desc : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                sort.add(new SortKey(columnOf.apply(c), desc, nullsFirst));
            }
        }
        boolean wholeWhere = QualExtractor.conjuncts(ps.getWhere()).stream().allMatch(c -> {
            var quals = QualExtractor.extract(c, columnOf);
            return !quals.isEmpty() && !QualExtractor.onlyABound(quals);
        });
        ValueRef offset = null;
        Expression offsetExpr = ps.getLimit().getOffset() != null ? ps.getLimit().getOffset() : ps.getOffset() != null ? ps.getOffset().getOffset() : null;
        if (offsetExpr != null) {
            offset = QualExtractor.constant(offsetExpr);
            if (offset == null) wholeWhere = false; // an offset only known at run time: never cap the scan
        }
        return new AnalyzedQuery.LimitedScan(slot, sort, wholeWhere && ps.getFetch() == null, offset);
    }

    private static int[] inferParameters(List<ScanSlot> scans, int max, Statement st) {
        int[] oids = new int[max];
        for (ScanSlot s : scans) {
            for (QualTemplate q : s.quals()) {
                List<ValueRef> refs = switch (q) {
                    case QualTemplate.Compare c -> List.of(c.value());
                    case QualTemplate.In in -> in.values();
                    case QualTemplate.Like l -> List.of(l.pattern());
                    case QualTemplate.JsonPathEquals j -> List.of(j.value());
                    case QualTemplate.IsNull n -> List.of();
                    case QualTemplate.Truth t -> List.of();
                };
                for (ValueRef r : refs) {
                    if (r instanceof ValueRef.Param p && p.index() <= max && oids[p.index() - 1] == 0) {
                        int oid = q instanceof QualTemplate.JsonPathEquals || q instanceof QualTemplate.Like ? 25 : s.typeOf(q.column()).oid();
                        if (q instanceof QualTemplate.In in && in.arrayParam()) oid = io.wirewrap.sql.local.DuckTypes.arrayOid(oid);
                        oids[p.index() - 1] = oid;
                    }
                }
            }
        }
        // $n::type says the type, as PostgreSQL infers it
        for (var cast : castParameters(st)) {
            int idx = cast.getKey();
            if (idx <= max && oids[idx - 1] == 0) oids[idx - 1] = cast.getValue();
        }
        if (st instanceof PlainSelect ps && ps.getLimit() != null) {
            for (Expression e : new Expression[] {ps.getLimit().getRowCount(), ps.getLimit().getOffset()}) {
                if (e instanceof JdbcParameter jp && jp.getIndex() != null && jp.getIndex() <= max && oids[jp.getIndex() - 1] == 0) {
                    oids[jp.getIndex() - 1] = 20;
                }
            }
        }
        return oids;
    }

    /** {@code $n::type} anywhere in the statement: (n, type OID) for the types wirewrap knows. */
    private static List<java.util.Map.Entry<Integer, Integer>> castParameters(Statement st) {
        List<java.util.Map.Entry<Integer, Integer>> out = new ArrayList<>();
        st.accept(new net.sf.jsqlparser.util.TablesNamesFinder<Void>() {
            {
                init(true);
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.CastExpression cast, S context) {
                if (cast.getLeftExpression() instanceof JdbcParameter jp && jp.getIndex() != null) {
                    io.wirewrap.fdw.ColumnType.fromSql(cast.getColDataType().toString())
                            .ifPresent(t -> out.add(java.util.Map.entry(jp.getIndex(), t.oid())));
                }
                return super.visit(cast, context);
            }
        });
        return out;
    }

    /** Records what the DuckDB writer walks over. */
    private static final class Collector implements DialectHooks {
        final List<Table> tables = new ArrayList<>();
        final List<Column> columns = new ArrayList<>();
        final List<JsonExpression> jsonChains = new ArrayList<>();
        final List<AllTableColumns> allTableColumns = new ArrayList<>();
        final List<PlainSelect> allColumnSelects = new ArrayList<>();
        final List<PlainSelect> selects = new ArrayList<>();
        final Set<String> withNames = new HashSet<>();
        final Set<String> extraSystem = new LinkedHashSet<>();
        int maxParam;
        final Set<Integer> params = new java.util.TreeSet<>();

        @Override
        public void table(Table table) {
            tables.add(table);
        }

        @Override
        public void column(Column column) {
            columns.add(column);
        }

        @Override
        public void json(JsonExpression json) {
            jsonChains.add(json);
        }

        @Override
        public void allColumns(PlainSelect select) {
            allColumnSelects.add(select);
        }

        @Override
        public void allTableColumns(AllTableColumns c) {
            allTableColumns.add(c);
        }

        @Override
        public void withName(String name) {
            withNames.add(ident(name));
        }

        @Override
        public void plainSelect(PlainSelect select) {
            selects.add(select);
        }

        @Override
        public void needsSystemRelation(String name) {
            extraSystem.add("pg_catalog." + name);
        }

        @Override
        public void parameter(int index) {
            maxParam = Math.max(maxParam, index);
            params.add(index);
        }
    }
}
