package io.wirewrap.sql.exec;

import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanStats;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.local.DialectHooks;
import io.wirewrap.sql.local.DuckDialect;
import io.wirewrap.sql.local.DuckTypes;
import io.wirewrap.sql.local.LocalSession;
import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.plan.Values;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INSERT / UPDATE / DELETE on a foreign table. The rows to write come from the query engine itself: an INSERT's
 * VALUES or SELECT runs as a query; UPDATE and DELETE first select {@code rowid_column} (plus the SET values,
 * which may use the row's columns, and the source's {@code rowKeyColumns}) with the statement's WHERE, so its quals
 * are pushed like any scan. The source then performs {@link Modify}; RETURNING is evaluated locally over the rows
 * the source answered.
 */
final class ForeignWrite implements PreparedQuery {
    enum Kind { INSERT, UPDATE, DELETE }

    private final String sql;
    private final Kind kind;
    private final ResolvedForeignTable table;
    private final String alias;
    private final List<String> targetColumns;
    private final PreparedQuery source;
    private final String returning;
    private final QueryEnv env;
    /** The source's row key columns, which the UPDATE/DELETE source query yields after the rowid and SET values. */
    private final List<String> keyColumns;
    private List<ResultColumn> described;
    private int[] parameterRow; // INSERT ... VALUES ($1, $2, ...): the row is the bound values, no local query needed

    /**
     * @param targetColumns INSERT: the columns written; UPDATE: the SET columns (source yields rowid then them)
     * @param source        the query producing the rows (INSERT) or rowids, new values and row key columns (UPDATE/DELETE)
     * @param returning     the RETURNING list as SQL text, or null
     */
    ForeignWrite(String sql, Kind kind, ResolvedForeignTable table, String alias, List<String> targetColumns, PreparedQuery source,
                 String returning, QueryEnv env) {
        this.sql = sql;
        this.kind = kind;
        this.table = table;
        this.alias = alias;
        this.targetColumns = targetColumns;
        this.source = source;
        this.returning = returning;
        this.env = env;
        this.keyColumns = table.table().rowKeyColumns();
    }

    /** @param parameterRow per target column, the 1-based parameter it is (see {@link #readInput}), or null */
    ForeignWrite withParameterRow(int[] parameterRow) {
        this.parameterRow = parameterRow != null && parameterRow.length == targetColumns.size() ? parameterRow : null;
        return this;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int[] parameterTypes() {
        return source.parameterTypes();
    }

    @Override
    public List<ResultColumn> describe() {
        if (returning == null) return null;
        if (described == null) {
            try (QueryResult r = returningRows(List.of(), true)) {
                described = r.columns();
            }
        }
        return described;
    }

    @Override
    public QueryResult execute(List<Object> parameters, ExecContext context) {
        validateBeforeReading();
        List<Object[]> input = readInput(parameters, context);
        List<Object[]> written = new ArrayList<>();
        long affected = write(input, written, context);
        return result(written, affected);
    }

    /** An INSERT's pipelined executions (pgjdbc's executeBatch) become one write: the rows go out in parallel. */
    @Override
    public boolean batchable() {
        return kind == Kind.INSERT;
    }

    @Override
    public List<QueryResult> executeBatch(List<List<Object>> parameterSets, ExecContext context) {
        if (kind != Kind.INSERT) return PreparedQuery.super.executeBatch(parameterSets, context);
        List<Integer> counts = new ArrayList<>();
        List<Object[]> input = new ArrayList<>();
        for (List<Object> p : parameterSets) {
            List<Object[]> rows = readInput(p, context);
            counts.add(rows.size());
            input.addAll(rows);
        }
        List<Object[]> written = new ArrayList<>();
        write(input, written, context);
        if (written.size() != input.size()) throw new SqlError("XX000", "source answered " + written.size() + " rows for " + input.size() + " inserted");
        List<QueryResult> out = new ArrayList<>();
        int at = 0;
        for (int n : counts) {
            out.add(result(written.subList(at, at + n), n));
            at += n;
        }
        return out;
    }

    private List<Object[]> readInput(List<Object> parameters, ExecContext context) {
        if (parameterRow != null) {
            // a batch of 100 rows would otherwise cost 100 local queries before the first request goes out
            Object[] row = new Object[parameterRow.length];
            for (int i = 0; i < row.length; i++) row[i] = parameterRow[i] <= parameters.size() ? parameters.get(parameterRow[i] - 1) : null;
            List<Object[]> one = new ArrayList<>();
            one.add(row);
            return one;
        }
        List<Object[]> input = new ArrayList<>();
        try (QueryResult r = source.execute(parameters, context)) {
            Object[] row;
            while ((row = r.next()) != null) input.add(row);
        }
        return input;
    }

    /** Sends the writes for {@code input}; the rows the source answered go to {@code written}. Returns the count affected. */
    private long write(List<Object[]> input, List<Object[]> written, ExecContext context) {
        if (!input.isEmpty()) {
            io.wirewrap.sql.session.Transaction.of(env.session()).remoteWrite(kind + (kind == Kind.INSERT ? " into " : kind == Kind.UPDATE ? " " : " from ")
                    + table.qualifiedName() + " (" + input.size() + (input.size() == 1 ? " row)" : " rows)"));
        }
        ScanContext sc = new ScanContext(context.cancel(), new ScanStats(),
                m -> context.notices().accept(new ExecContext.Notice("NOTICE", "00000", m, null)));
        long affected = 0;
        for (Modify m : modifies(input)) {
            table.table().validate(m);
            long before = written.size();
            try (RowStream out = table.table().modify(m, sc)) {
                Object[] row;
                while ((row = out.next()) != null) written.add(row);
            }
            long requested = switch (m) {
                case Modify.Insert i -> i.rows().size();
                case Modify.Update u -> u.rowids().size();
                case Modify.Delete d -> d.rowids().size();
            };
            affected += Math.max(written.size() - before, requested);
        }
        return affected;
    }

    private QueryResult result(List<Object[]> written, long affected) {
        String tag = kind == Kind.INSERT ? "INSERT 0 " + affected : kind.name() + " " + affected;
        if (returning == null) return ListResult.command(tag);
        QueryResult r = returningRows(written, false);
        List<Object[]> rows = new ArrayList<>();
        Object[] row;
        while ((row = r.next()) != null) rows.add(row);
        r.close();
        return new ListResult(r.columns(), rows, tag);
    }

    /**
     * An UPDATE of a field Stripe does not take, or a DELETE from an object it cannot delete, fails before the rows
     * are looked up (an INSERT is checked once its rows are known: a column that is NULL in every row is not written).
     */
    private void validateBeforeReading() {
        switch (kind) {
            case UPDATE -> {
                Map<String, Object> changes = new LinkedHashMap<>();
                for (String c : targetColumns) changes.put(c, null);
                table.table().validate(new Modify.Update(List.of(), java.util.Collections.unmodifiableMap(changes)));
            }
            case DELETE -> table.table().validate(new Modify.Delete(List.of()));
            case INSERT -> { }
        }
    }

    private List<Modify> modifies(List<Object[]> input) {
        if (input.isEmpty()) return List.of();
        return switch (kind) {
            case INSERT -> {
                List<Object[]> rows = new ArrayList<>();
                for (Object[] in : input) {
                    if (in.length != targetColumns.size()) {
                        throw new SqlError("42601", "INSERT has " + (in.length > targetColumns.size() ? "more expressions than target columns" : "more target columns than expressions"));
                    }
                    Object[] out = new Object[in.length];
                    for (int i = 0; i < in.length; i++) out[i] = Values.coerce(in[i], typeOf(targetColumns.get(i)));
                    rows.add(out);
                }
                yield List.of(new Modify.Insert(targetColumns, rows));
            }
            case DELETE -> {
                List<Object> ids = new ArrayList<>();
                List<Map<String, Object>> keys = new ArrayList<>();
                for (Object[] in : input) {
                    ids.add(in[0]);
                    keys.add(Modify.key(keyColumns, in, 1));
                }
                yield List.of(new Modify.Delete(ids, keys));
            }
            case UPDATE -> {
                // rows whose new values are equal share one write
                Map<Map<String, Object>, Rows> groups = new LinkedHashMap<>();
                for (Object[] in : input) {
                    Map<String, Object> changes = new LinkedHashMap<>();
                    for (int i = 0; i < targetColumns.size(); i++) changes.put(targetColumns.get(i), Values.coerce(in[i + 1], typeOf(targetColumns.get(i))));
                    Rows rows = groups.computeIfAbsent(changes, k -> new Rows(new ArrayList<>(), new ArrayList<>()));
                    rows.ids().add(in[0]);
                    rows.keys().add(Modify.key(keyColumns, in, 1 + targetColumns.size()));
                }
                List<Modify> out = new ArrayList<>();
                groups.forEach((changes, rows) -> out.add(new Modify.Update(rows.ids(), java.util.Collections.unmodifiableMap(changes), rows.keys())));
                yield out;
            }
        };
    }

    /** Rowids and their key-column values, in the order the scan found them. */
    private record Rows(List<Object> ids, List<Map<String, Object>> keys) {}

    private io.wirewrap.fdw.ColumnType typeOf(String column) {
        int i = table.definition().indexOf(column);
        if (i < 0) throw new SqlError("42703", "column \"" + column + "\" of relation \"" + table.name() + "\" does not exist");
        return table.definition().columns().get(i).type();
    }

    /** Evaluates RETURNING over the rows the source answered (table column order). */
    private QueryResult returningRows(List<Object[]> rows, boolean describeOnly) {
        LocalSession local = env.local();
        String tmp = local.tempName("returning");
        List<ScanLoader.Col> cols = table.definition().columns().stream().map(c -> new ScanLoader.Col(c.name(), c.type())).toList();
        ScanLoader.create(local.connection(), tmp, cols);
        try {
            if (!describeOnly) ScanLoader.load(local.connection(), tmp, cols, RowStream.of(rows), new io.wirewrap.fdw.CancelToken());
            var st = QueryHandler.parse("SELECT " + returning + " FROM " + tmp + " AS " + alias);
            ResultNames.apply(st);
            String duck = DuckDialect.write(st, new DialectHooks() {});
            List<Object[]> out = new ArrayList<>();
            List<ResultColumn> resultCols;
            try (PreparedStatement ps = local.connection().prepareStatement(duck)) {
                if (describeOnly) {
                    resultCols = Execution.columns(ps.getMetaData(), null);
                } else {
                    try (ResultSet rs = ps.executeQuery()) {
                        resultCols = Execution.columns(rs.getMetaData(), null);
                        while (rs.next()) {
                            Object[] row = new Object[resultCols.size()];
                            for (int i = 0; i < row.length; i++) row[i] = DuckTypes.toPg(rs.getObject(i + 1), resultCols.get(i).typeOid());
                            out.add(row);
                        }
                    }
                }
            }
            return new ListResult(resultCols, out, "");
        } catch (SQLException e) {
            throw Execution.translate(e);
        } finally {
            local.dropQuietly(tmp);
        }
    }
}
