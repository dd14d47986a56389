package io.wirewrap.stripe.plan;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.Pushdown;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SortKey;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.registry.FieldType;
import io.wirewrap.stripe.registry.FilterParam;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.PathParam;
import io.wirewrap.stripe.registry.StripeObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, without calling Stripe, how to answer a scan request: retrieve by id, paginated list with filters and
 * {@code created} ranges, or (with {@code search 'auto'}) the Search API; and which quals Stripe applies exactly.
 */
public final class StripePlanner {
    public static final int PAGE = 100;
    /** The list filter some objects (products) take to return several ids in one request. */
    private static final String IDS = "ids";
    /**
     * Values per request of the spec's "one of" array filters (a plural of a field: {@code ids[]} on products,
     * {@code lookup_keys[]} on prices, {@code types[]} on events). The spec gives no maxItems: these are the limits
     * of Stripe's API reference (types "up to 20", lookup_keys up to 10); ids cannot paginate, so at most a page.
     */
    private static final Map<String, Integer> ONE_OF_BATCH = Map.of(IDS, PAGE, "lookup_keys", 10, "types", 20);
    /** Filter enum values that are not values of the field: {@code status=all} lists everything. */
    private static final Set<String> PSEUDO_ENUM = Set.of("all", "ended");

    private final StripeObject obj;
    private final TableDef table;
    private final boolean searchAuto;
    private final int parallelism;
    private final double rateLimit;
    /** The table's {@code expand} option (the server's, narrowed to this object, when the table has none). */
    private final List<String> optionExpand;
    /** Ids no object can have: 'search' as a customer id would GET /v1/customers/search. */
    private final Set<String> reservedIds;

    public StripePlanner(StripeObject obj, TableDef table, boolean searchAuto, int parallelism, double rateLimit) {
        this.obj = obj;
        this.table = table;
        this.optionExpand = ExpandPaths.parseOption(obj, table.options().get("expand"), true);
        this.reservedIds = obj.retrievePath() == null ? Set.of() : ObjectRegistry.get().literalSiblings(obj.retrievePath());
        this.searchAuto = searchAuto;
        this.parallelism = parallelism;
        this.rateLimit = rateLimit;
    }

    /** What one pass over the quals found. */
    private final class Analysis {
        final Pushdown[] push;
        LinkedHashSet<String> ids;
        final List<Integer> idQuals = new ArrayList<>();
        final Map<String, String> parents = new LinkedHashMap<>();
        final List<Integer> parentQuals = new ArrayList<>();
        final Map<String, String> filters = new LinkedHashMap<>();
        final List<Integer> filterQuals = new ArrayList<>();
        String fanoutParam;
        List<String> fanoutValues;
        /** The fan-out goes through a "one of" array filter: batches of values per request, not one each. */
        boolean fanoutArray;
        int fanoutQual = -1;
        /** A fan-out over a column no field carries (a parent id, a filter-only parameter): each variant's rows take its value. */
        String fanoutPinColumn;
        final Map<String, Object> fanoutOriginals = new HashMap<>();
        Range created = Range.ALL;
        final List<Integer> createdQuals = new ArrayList<>();
        final Map<String, Range> otherRanges = new LinkedHashMap<>();
        final List<Integer> otherRangeQuals = new ArrayList<>();
        final Map<Integer, String> searchClauses = new LinkedHashMap<>();
        final Map<String, Object> pinned = new HashMap<>();
        String emptyWhy;
        final List<Integer> emptyQuals = new ArrayList<>();

        Analysis(int n) {
            push = new Pushdown[n];
            Arrays.fill(push, Pushdown.NONE);
        }
    }

    public StripeScanPlan plan(ScanRequest req) {
        List<ColumnType> types = new ArrayList<>();
        for (String c : req.columns()) types.add(typeOf(c));
        Analysis a = new Analysis(req.quals().size());
        for (int i = 0; i < req.quals().size(); i++) analyse(i, req.quals().get(i), a);

        Strategy strategy;
        List<Map<String, Object>> variantPins = new ArrayList<>();
        List<String> explain = new ArrayList<>();
        List<String> local = new ArrayList<>();
        if (a.emptyWhy != null) {
            Arrays.fill(a.push, Pushdown.NONE);
            a.emptyQuals.forEach(i -> a.push[i] = Pushdown.EXACT);
            strategy = new Strategy.Empty(a.emptyWhy);
        } else if (obj.singleton()) {
            Arrays.fill(a.push, Pushdown.NONE);
            strategy = new Strategy.Singleton(obj.retrievePath());
        } else if (a.ids != null && obj.retrievePath() != null && parentsBound(a, true) && !listByIds(a)) {
            Arrays.fill(a.push, Pushdown.NONE);
            a.idQuals.forEach(i -> a.push[i] = Pushdown.EXACT);
            a.parentQuals.forEach(i -> a.push[i] = Pushdown.EXACT);
            String idParam = lastParam(obj.retrievePath());
            strategy = a.ids.isEmpty() ? new Strategy.Empty("no id can match")
                    : new Strategy.Retrieve(obj.retrievePath(), idParam, a.parents, List.copyOf(a.ids), expand(req, false));
        } else {
            if (obj.listPath() == null) {
                throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, "Stripe object \"" + obj.name()
                        + "\" can only be read by id", null, "add a condition such as where id = '...' (or id in (...))", null);
            }
            requireParents(a);
            boolean byIds = listByIds(a);
            if (byIds) {
                a.idQuals.forEach(i -> a.push[i] = Pushdown.EXACT);
                a.fanoutParam = IDS;
                a.fanoutValues = new ArrayList<>(a.ids);
                a.fanoutArray = true;
            }
            boolean useSearch = !byIds && useSearch(a);
            if (useSearch) {
                Arrays.fill(a.push, Pushdown.NONE);
                a.searchClauses.keySet().forEach(i -> a.push[i] = Pushdown.PARTIAL);
                strategy = new Strategy.Search(obj.searchPath(), String.join(" AND ", a.searchClauses.values()), -1, expand(req, true));
            } else {
                a.searchClauses.keySet().forEach(i -> {
                    if (a.push[i] == Pushdown.NONE) a.push[i] = Pushdown.NONE;
                });
                Map<String, String> filters = new LinkedHashMap<>(a.filters);
                a.otherRanges.forEach((p, r) -> rangeParams(p, r, filters));
                // Stripe hides canceled subscriptions unless status=all: a table shows every row
                for (FilterParam f : obj.filters()) {
                    if (f.enumValues().contains("all") && !filters.containsKey(f.name()) && !f.name().equals(a.fanoutParam)) {
                        filters.put(f.name(), "all");
                    }
                }
                List<Map<String, String>> variants = new ArrayList<>();
                if (a.fanoutArray) variants.addAll(arrayBatches(a));
                else if (a.fanoutParam == null) variants.add(a.parents);
                else for (String v : a.fanoutValues) {
                    Map<String, String> m = new LinkedHashMap<>(a.parents);
                    m.put(a.fanoutParam, v);
                    variants.add(m);
                    if (a.fanoutPinColumn != null) variantPins.add(Map.of(a.fanoutPinColumn, a.fanoutOriginals.get(v)));
                }
                // ids[] cannot be combined with a cursor, and any batch of one-of values is small: never split
                boolean splittable = !a.fanoutArray && obj.filter("created").map(FilterParam::range).orElse(false);
                strategy = new Strategy.ListScan(obj.listPath(), variants, filters, a.created, splittable, -1, expand(req, true));
            }
        }

        boolean allExact = Arrays.stream(a.push).allMatch(p -> p == Pushdown.EXACT);
        boolean sortPushed = sortPushed(req.sort(), strategy);
        boolean limitPushed = req.limit().isPresent() && allExact && sortPushed && !(strategy instanceof Strategy.Search);
        long rowLimit = limitPushed ? req.limit().getAsLong() : -1;
        if (limitPushed && strategy instanceof Strategy.ListScan l) {
            strategy = new Strategy.ListScan(l.pathTemplate(), l.variants(), l.filters(), l.created(), false, rowLimit, l.expand());
        }
        for (int i = 0; i < req.quals().size(); i++) {
            if (a.push[i] != Pushdown.EXACT) local.add(describe(req.quals().get(i)) + (a.push[i] == Pushdown.PARTIAL ? " (re-checked)" : ""));
        }
        double requests = estimate(strategy, rowLimit);
        explain(strategy, explain, requests, rowLimit, sortPushed && !req.sort().isEmpty(), local);
        return new StripeScanPlan(Arrays.asList(a.push), sortPushed, limitPushed, requests, estimateRows(strategy, rowLimit),
                explain, strategy, req.columns(), types, a.pinned, variantPins, rowLimit,
                sortPushed && !req.sort().isEmpty());
    }

    /** Only when the whole object is fetched into {@code attrs} can an expanded object be seen. */
    private List<String> expand(ScanRequest req, boolean list) {
        if (!req.columns().contains(ExpandPaths.ATTRS)) return List.of();
        return ExpandPaths.forRequest(obj, optionExpand, req.jsonPaths(), list);
    }

    private ColumnType typeOf(String column) {
        int i = table.indexOf(column);
        if (i < 0) throw new FdwException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist in foreign table " + table.name());
        return table.columns().get(i).type();
    }

    private void analyse(int i, Qual q, Analysis a) {
        if (table.indexOf(q.column()) < 0) return;
        ColumnType type = typeOf(q.column());
        String col = q.column();
        switch (q) {
            case Qual.Compare c when c.value() == null -> { }
            case Qual.Compare c when col.equals("id") && c.op() == CompareOp.EQ -> {
                String id = QualValues.text(c.value());
                if (!(c.value() instanceof String)) return;
                restrictIds(a, id == null ? List.of() : List.of(id), i);
            }
            case Qual.In in when col.equals("id") -> {
                if (in.values().stream().anyMatch(v -> v != null && !(v instanceof String))) return;
                List<String> ids = new ArrayList<>();
                for (Object v : in.values()) if (v instanceof String s && !s.isEmpty()) ids.add(s);
                restrictIds(a, ids, i);
            }
            case Qual.Compare c when c.op() == CompareOp.EQ && paramFor(col) != null -> {
                String param = paramFor(col);
                String v = paramValue(param, c.value());
                if (v == null) {
                    searchClause(i, q, type, a);
                    return;
                }
                boolean isParent = obj.parents().stream().anyMatch(p -> p.param().equals(param));
                Map<String, String> target = isParent ? a.parents : a.filters;
                String prev = target.putIfAbsent(param, v);
                if (prev != null && !prev.equals(v)) {
                    a.emptyWhy = col + " cannot equal both '" + prev + "' and '" + v + "'";
                    a.emptyQuals.add(i);
                }
                (isParent ? a.parentQuals : a.filterQuals).add(i);
                a.push[i] = Pushdown.EXACT;
                if (!obj.fields().containsKey(col)) a.pinned.put(col, c.value());
            }
            case Qual.In in when paramFor(col) != null && a.fanoutParam == null && !in.values().isEmpty() -> {
                String param = paramFor(col);
                List<String> vals = new ArrayList<>();
                Map<String, Object> originals = new HashMap<>();
                for (Object v : in.values()) {
                    if (v == null) continue;
                    String s = paramValue(param, v);
                    if (s == null) return;
                    if (!vals.contains(s)) vals.add(s);
                    originals.putIfAbsent(s, v);
                }
                if (vals.isEmpty()) {
                    a.emptyWhy = col + " in () matches nothing";
                    a.emptyQuals.add(i);
                    return;
                }
                String oneOf = oneOfParam(col);
                if (!obj.fields().containsKey(col)) {
                    // no field to read back: rows of each request carry the value that request asked for
                    if (oneOf != null) return;
                    a.fanoutPinColumn = col;
                    a.fanoutOriginals.putAll(originals);
                }
                a.fanoutParam = oneOf != null ? oneOf : param;
                a.fanoutArray = oneOf != null;
                a.fanoutValues = vals;
                a.fanoutQual = i;
                (obj.parents().stream().anyMatch(p -> p.param().equals(param)) ? a.parentQuals : a.filterQuals).add(i);
                a.push[i] = Pushdown.EXACT;
            }
            case Qual.Compare c when c.op() == CompareOp.EQ && paramFor(col) == null && oneOfParam(col) != null && !col.equals("id")
                    && a.fanoutParam == null && c.value() instanceof String v -> oneOf(i, col, List.of(v), a);
            case Qual.In in when paramFor(col) == null && oneOfParam(col) != null && !col.equals("id") && a.fanoutParam == null
                    && in.values().stream().allMatch(v -> v == null || v instanceof String) -> {
                List<String> vals = in.values().stream().filter(java.util.Objects::nonNull).map(String.class::cast).distinct().toList();
                if (vals.isEmpty()) {
                    a.emptyWhy = col + " in () matches nothing";
                    a.emptyQuals.add(i);
                    return;
                }
                oneOf(i, col, vals, a);
            }
            case Qual.Compare c when rangeParam(col) && c.op() != CompareOp.NE && timeLike(type) -> {
                BigDecimal s = QualValues.epochSeconds(c.value());
                if (s == null) return;
                boolean fractional = s.stripTrailingZeros().scale() > 0;
                long floor = s.setScale(0, RoundingMode.FLOOR).longValueExact();
                long ceil = s.setScale(0, RoundingMode.CEILING).longValueExact();
                Range r = col.equals("created") ? a.created : a.otherRanges.getOrDefault(col, Range.ALL);
                r = switch (c.op()) {
                    case GT -> r.atLeast(fractional ? ceil : floor + 1);
                    case GE -> r.atLeast(ceil);
                    case LT -> r.atMost(fractional ? floor : ceil - 1);
                    case LE -> r.atMost(floor);
                    case EQ -> fractional ? new Range(1, 0) : r.atLeast(floor).atMost(floor);
                    case NE -> r;
                };
                if (col.equals("created")) {
                    a.created = r;
                    a.createdQuals.add(i);
                } else {
                    a.otherRanges.put(col, r);
                    a.otherRangeQuals.add(i);
                }
                a.push[i] = fractional ? Pushdown.PARTIAL : Pushdown.EXACT;
                if (r.empty()) {
                    a.emptyWhy = "the range on " + col + " is empty";
                    a.emptyQuals.add(i);
                    a.emptyQuals.addAll(col.equals("created") ? a.createdQuals : a.otherRangeQuals);
                }
                searchClause(i, q, type, a);
            }
            case Qual.JsonPathEquals j when col.equals("attrs") && j.path().size() == 1 && j.value() != null
                    && textFilter(j.path().get(0)) -> {
                // attrs->>'status' = 'active' is the top-level field the list filters by (wrappers' subscriptions
                // table has no status column, so this is how its users write it)
                String param = j.path().get(0);
                String v = paramValue(param, j.value());
                // putIfAbsent leaves a different value another qual set: then the qual stays local
                String prev = v == null ? null : a.filters.putIfAbsent(param, v);
                if (v == null || prev != null && !prev.equals(v)) {
                    searchClause(i, q, type, a);
                    return;
                }
                a.filterQuals.add(i);
                a.push[i] = Pushdown.EXACT;
            }
            default -> searchClause(i, q, type, a);
        }
    }

    /** A list filter that is plain text equality on the top-level field of the same name (not a path parameter). */
    private boolean textFilter(String field) {
        return obj.parents().stream().noneMatch(p -> p.param().equals(field)) && obj.fields().get(field) == FieldType.TEXT
                && obj.filter(field).filter(f -> !f.range() && (f.kind() == FilterParam.Kind.STRING || f.kind() == FilterParam.Kind.ENUM)).isPresent();
    }

    private void restrictIds(Analysis a, List<String> ids, int qual) {
        LinkedHashSet<String> next = new LinkedHashSet<>(ids);
        next.removeAll(reservedIds);
        if (a.ids != null) next.retainAll(a.ids);
        a.ids = next;
        a.idQuals.add(qual);
    }

    /** The list parameter (path or query) an equality on {@code column} fills, or null. */
    private String paramFor(String column) {
        for (PathParam p : obj.parents()) if (p.column().equals(column)) return p.param();
        return obj.filter(column).filter(f -> switch (f.kind()) {
            case STRING, ENUM, BOOL, INTEGER -> true;
            default -> false;
        }).filter(f -> !f.range()).map(FilterParam::name).orElse(null);
    }

    /** The value as Stripe takes it, or null when it would be rejected (so the qual stays local instead). */
    private String paramValue(String param, Object v) {
        if (obj.parents().stream().anyMatch(p -> p.param().equals(param))) return QualValues.text(v);
        // events' type filter reads '*' as a wildcard (spec: "group of events using * as a wildcard"); SQL = does not
        if (obj.name().equals("events") && param.equals("type") && v instanceof String s && s.contains("*")) return null;
        // Stripe keeps currencies lowercase and may read 'USD' as usd; SQL = 'USD' matches no stored row
        if (param.equals("currency") && !(v instanceof String s && s.matches("[a-z]{3}"))) return null;
        FilterParam f = obj.filter(param).orElseThrow();
        return switch (f.kind()) {
            case STRING -> QualValues.text(v);
            case ENUM -> v instanceof String s && f.enumValues().contains(s) && !PSEUDO_ENUM.contains(s) ? s : null;
            case BOOL -> QualValues.bool(v);
            case INTEGER -> QualValues.integer(v);
            default -> null;
        };
    }

    private boolean rangeParam(String column) {
        return obj.filter(column).map(FilterParam::range).orElse(false);
    }

    private static boolean timeLike(ColumnType t) {
        return switch (t) {
            case TIMESTAMP, TIMESTAMPTZ, DATE, INT8, INT4 -> true;
            default -> false;
        };
    }

    private boolean parentsBound(Analysis a, boolean forRetrieve) {
        for (PathParam p : obj.parents()) if (!a.parents.containsKey(p.param())) return false;
        return !forRetrieve || !obj.retrievePath().contains("{") || countParams(obj.retrievePath()) == obj.parents().size() + 1;
    }

    private void requireParents(Analysis a) {
        for (PathParam p : obj.parents()) {
            if (!a.parents.containsKey(p.param()) && !p.param().equals(a.fanoutParam)) {
                throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, "Stripe object \"" + obj.name()
                        + "\" needs a value for column \"" + p.column() + "\"", "the list endpoint is " + obj.listPath(),
                        "add a condition such as where " + p.column() + " = '...' (or join on " + p.column() + ")", null);
            }
        }
        for (FilterParam f : obj.filters()) {
            if (f.required() && !a.filters.containsKey(f.name()) && !f.name().equals(a.fanoutParam)) {
                throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, "Stripe object \"" + obj.name()
                        + "\" needs a value for column \"" + f.name() + "\"", "Stripe requires the " + f.name() + " parameter on " + obj.listPath(),
                        "add a condition such as where " + f.name() + " = '...'", null);
            }
        }
    }

    private static int countParams(String path) {
        return (int) path.chars().filter(c -> c == '{').count();
    }

    private static String lastParam(String path) {
        return path.substring(path.lastIndexOf('{') + 1, path.lastIndexOf('}'));
    }

    /**
     * Several ids on an object whose list takes {@code ids[]} (products): one list request per 100 ids instead of one
     * retrieve each. A missing id is simply absent from the list, as it is a 404 for a retrieve.
     */
    private boolean listByIds(Analysis a) {
        return a.ids != null && a.ids.size() > 1 && a.fanoutParam == null && obj.listPath() != null && IDS.equals(oneOfParam("id"));
    }

    /** The list's "one of" array filter for {@code column} ({@code lookup_key} -> {@code lookup_keys}), or null. */
    private String oneOfParam(String column) {
        String plural = column + "s";
        return ONE_OF_BATCH.containsKey(plural) && obj.filter(plural).map(f -> f.kind() == FilterParam.Kind.ARRAY).orElse(false)
                ? plural : null;
    }

    /** {@code column = v} or {@code column in (...)} through the column's one-of array filter. */
    private void oneOf(int i, String column, List<String> values, Analysis a) {
        a.fanoutParam = oneOfParam(column);
        a.fanoutValues = values;
        a.fanoutArray = true;
        a.fanoutQual = i;
        a.filterQuals.add(i);
        a.push[i] = Pushdown.EXACT;
    }

    /** The fan-out values in batches as {@code param[0]..param[n]} query parameters, one variant (request chain) each. */
    private static List<Map<String, String>> arrayBatches(Analysis a) {
        List<Map<String, String>> out = new ArrayList<>();
        int size = ONE_OF_BATCH.get(a.fanoutParam);
        for (int from = 0; from < a.fanoutValues.size(); from += size) {
            Map<String, String> batch = new LinkedHashMap<>(a.parents);
            List<String> part = a.fanoutValues.subList(from, Math.min(a.fanoutValues.size(), from + size));
            for (int k = 0; k < part.size(); k++) batch.put(a.fanoutParam + "[" + k + "]", part.get(k));
            out.add(batch);
        }
        return out;
    }

    /** Search only when asked for, when it takes a qual the list cannot, and no list filter already narrows. */
    private boolean useSearch(Analysis a) {
        if (!searchAuto || obj.searchPath() == null || a.searchClauses.isEmpty()) return false;
        if (!a.filters.isEmpty() || !a.parents.isEmpty() || a.fanoutParam != null) return false;
        return a.searchClauses.keySet().stream().anyMatch(i -> a.push[i] == Pushdown.NONE);
    }

    private void searchClause(int i, Qual q, ColumnType type, Analysis a) {
        String name = obj.name();
        if (!SearchFields.supportsMetadata(name)) return;
        String clause = switch (q) {
            case Qual.JsonPathEquals j when j.column().equals("attrs") && j.path().size() == 2
                    && j.path().get(0).equals("metadata") && j.value() != null ->
                    "metadata[" + SearchFields.literal(j.path().get(1)) + "]:" + SearchFields.literal(j.value());
            case Qual.Like l when !l.negated() && SearchFields.kind(name, l.column()) == SearchFields.Kind.SUBSTRING_TEXT -> {
                String lit = likeLiteral(l.pattern());
                yield lit != null && lit.length() >= 3 ? l.column() + "~" + SearchFields.literal(lit) : null;
            }
            case Qual.Compare c when c.value() != null -> {
                SearchFields.Kind k = SearchFields.kind(name, c.column());
                if (k == null) yield null;
                yield switch (k) {
                    case TEXT, SUBSTRING_TEXT -> c.op() == CompareOp.EQ && c.value() instanceof String s
                            ? c.column() + ":" + SearchFields.literal(s) : null;
                    case BOOL -> c.op() == CompareOp.EQ && c.value() instanceof Boolean b ? c.column() + ":" + SearchFields.literal(b.toString()) : null;
                    case NUMBER -> QualValues.integer(c.value()) == null || c.op() == CompareOp.NE ? null
                            : c.column() + (c.op() == CompareOp.EQ ? ":" : c.op().symbol()) + QualValues.integer(c.value());
                    case TIME -> {
                        BigDecimal s = timeLike(type) ? QualValues.epochSeconds(c.value()) : null;
                        if (s == null || c.op() == CompareOp.NE) yield null;
                        long v = switch (c.op()) {
                            case GT, LE -> s.setScale(0, RoundingMode.FLOOR).longValueExact();
                            default -> s.setScale(0, RoundingMode.CEILING).longValueExact();
                        };
                        yield c.column() + (c.op() == CompareOp.EQ ? ":" : c.op().symbol()) + v;
                    }
                };
            }
            default -> null;
        };
        if (clause != null) a.searchClauses.put(i, clause);
    }

    /** The fixed text of {@code 'abc%'} or {@code '%abc%'}, null for any other pattern. */
    private static String likeLiteral(String pattern) {
        String p = pattern;
        if (p.startsWith("%")) p = p.substring(1);
        if (!p.endsWith("%")) return null;
        p = p.substring(0, p.length() - 1);
        return p.contains("%") || p.contains("_") || p.contains("\\") ? null : p;
    }

    private static void rangeParams(String param, Range r, Map<String, String> out) {
        if (r.lo() != Long.MIN_VALUE) out.put(param + "[gte]", Long.toString(r.lo()));
        if (r.hi() != Long.MAX_VALUE) out.put(param + "[lte]", Long.toString(r.hi()));
    }

    private static boolean sortPushed(List<SortKey> sort, Strategy s) {
        if (sort.isEmpty()) return true;
        boolean createdDesc = sort.size() == 1 && sort.get(0).column().equals("created") && sort.get(0).descending();
        return switch (s) {
            case Strategy.Empty e -> true;
            case Strategy.Singleton x -> false;
            case Strategy.Retrieve r -> r.ids().size() <= 1;
            case Strategy.ListScan l -> createdDesc && l.variants().size() == 1;
            case Strategy.Search x -> false;
        };
    }

    /** How many ids a retrieve asks for at first: all of them, or with a pushed limit no more than it wants. */
    private static int retrievedFirst(Strategy.Retrieve r, long limit) {
        return limit >= 0 ? (int) Math.min(limit, r.ids().size()) : r.ids().size();
    }

    private static double estimate(Strategy s, long limit) {
        return switch (s) {
            case Strategy.Empty e -> 0;
            case Strategy.Singleton x -> 1;
            case Strategy.Retrieve r -> retrievedFirst(r, limit);
            case Strategy.ListScan l -> l.variants().size() * (limit >= 0 ? Math.max(1, Math.ceil(limit / (double) PAGE))
                    : !l.filters().isEmpty() || l.variants().get(0).size() > 0 ? 1 : l.created().bounded() ? 5 : 50);
            case Strategy.Search x -> 2;
        };
    }

    private static long estimateRows(Strategy s, long limit) {
        return switch (s) {
            case Strategy.Empty e -> 0;
            case Strategy.Retrieve r -> retrievedFirst(r, limit);
            default -> limit >= 0 ? limit : -1;
        };
    }

    private void explain(Strategy s, List<String> out, double requests, long limit, boolean sorted, List<String> local) {
        switch (s) {
            case Strategy.Empty e -> out.add("Stripe: no request (" + e.why() + ")");
            case Strategy.Singleton x -> out.add("Stripe request: GET " + x.path());
            case Strategy.Retrieve r -> {
                int first = retrievedFirst(r, limit);
                for (String id : r.ids().subList(0, first)) {
                    Map<String, String> vals = new LinkedHashMap<>(r.parents());
                    vals.put(r.idParam(), id);
                    out.add("Stripe request: GET " + Encoding.withExpand(Encoding.fill(r.pathTemplate(), vals), r.expand()));
                }
                if (first < r.ids().size()) {
                    out.add("Then: the next of the other " + (r.ids().size() - first) + " ids only while a 404 leaves the limit unfilled");
                }
                if (r.ids().size() > 1) out.add("Parallelism: " + Math.min(parallelism, r.ids().size()) + " concurrent retrieves; a 404 is no row");
            }
            case Strategy.ListScan l -> {
                for (Map<String, String> v : l.variants()) {
                    Map<String, String> q = new LinkedHashMap<>();
                    Map<String, String> pathVals = new LinkedHashMap<>();
                    v.forEach((k, val) -> (l.pathTemplate().contains("{" + k + "}") ? pathVals : q).put(k, val));
                    q.putAll(l.filters());
                    rangeParams("created", l.created(), q);
                    q.put("limit", Long.toString(l.limit() >= 0 ? Math.min(PAGE, Math.max(1, l.limit())) : PAGE));
                    out.add("Stripe request: GET " + Encoding.withExpand(Encoding.fill(l.pathTemplate(), pathVals) + "?" + Encoding.query(q), l.expand())
                            + (l.limit() >= 0 && l.limit() <= PAGE || v.containsKey(IDS + "[0]") ? "" : " (then starting_after=<last id> while has_more)"));
                }
                if (l.splittable()) {
                    out.add("Parallelism: the created range is split across up to " + parallelism + " workers (at the page "
                            + "boundaries of the last complete scan of this list when there is one, else after the first page)"
                            + (sorted ? ", merged in created desc order" : "") + "; rate limit " + fmt(rateLimit) + " req/s");
                } else {
                    out.add("Parallelism: 1 (sequential pages, one page prefetched); rate limit " + fmt(rateLimit) + " req/s");
                }
            }
            case Strategy.Search x -> {
                out.add("Stripe request: GET " + Encoding.withExpand(x.path() + "?query=" + Encoding.query(Map.of("q", x.query())).substring(2) + "&limit=100", x.expand())
                        + " (then page=<next_page>)");
                out.add("Search API: results lag writes by about a minute; all conditions re-checked locally");
            }
        }
        out.add("Estimated requests: " + (long) Math.ceil(requests));
        if (sorted) out.add("Sort: created desc (Stripe's native order)");
        if (limit >= 0) out.add("Limit: " + limit + " (pushed to Stripe)");
        if (!local.isEmpty()) out.add("Local filter: " + String.join(" AND ", local));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String describe(Qual q) {
        return switch (q) {
            case Qual.Compare c -> c.column() + " " + c.op().symbol() + " " + literal(c.value());
            case Qual.In in -> in.column() + " IN (" + in.values().size() + " values)";
            case Qual.IsNull n -> n.column() + (n.negated() ? " IS NOT NULL" : " IS NULL");
            case Qual.Like l -> l.column() + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE " : " LIKE ") + literal(l.pattern());
            case Qual.JsonPathEquals j -> j.column() + "->" + String.join("->", j.path()) + " = " + literal(j.value());
        };
    }

    private static String literal(Object v) {
        return v == null ? "NULL" : v instanceof String s ? "'" + s.replace("'", "''") + "'" : v.toString();
    }
}
