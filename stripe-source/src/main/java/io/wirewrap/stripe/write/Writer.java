package io.wirewrap.stripe.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.http.StripeResponse;
import io.wirewrap.stripe.plan.Encoding;
import io.wirewrap.stripe.registry.PathParam;
import io.wirewrap.stripe.registry.StripeObject;
import io.wirewrap.stripe.registry.WriteEndpoint;
import io.wirewrap.stripe.scan.RowMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * INSERT/UPDATE/DELETE as Stripe POST/POST/DELETE requests. Every POST carries an {@code Idempotency-Key} made of a
 * per-statement UUID and the row index, reused across that row's retries, so a retried insert never creates twice.
 * Inserts run in parallel under the rate limiter; the first failure stops new requests and the error lists the ids
 * already created (Stripe has no transactions to roll back).
 */
public final class Writer {
    private final TableDef def;
    private final StripeObject obj;
    private final StripeClient client;
    private final int parallelism;

    public Writer(TableDef def, StripeObject obj, StripeClient client, int parallelism) {
        this.def = def;
        this.obj = obj;
        this.client = client;
        this.parallelism = parallelism;
    }

    public void validate(Modify m) {
        switch (m) {
            case Modify.Insert ins -> {
                WriteEndpoint ep = require(obj.create(), "insert into");
                // a NULL on create means "not given", and postgres_fdw sends every column (id and created too):
                // once the rows are known, a column that is NULL in all of them is not a field being written
                for (int c = 0; c < ins.columns().size(); c++) {
                    int column = c;
                    boolean neverGiven = !ins.rows().isEmpty() && ins.rows().stream().allMatch(row -> row[column] == null);
                    // nothing is sent for it, so its name cannot smuggle anything either
                    if (!neverGiven) checkField(ep, ins.columns().get(c), "create");
                }
            }
            case Modify.Update up -> {
                WriteEndpoint ep = require(obj.update(), "update");
                for (String c : up.changes().keySet()) checkField(ep, c, "update");
                checkAddressable(ep.path(), up.keys(), "updating");
            }
            case Modify.Delete d -> {
                if (obj.deletePath() == null) throw readOnly("delete from");
                checkAddressable(obj.deletePath(), d.keys(), "deleting from");
            }
        }
    }

    /**
     * A nested object's update/delete path names its parents before the id ({@code /v1/customers/{customer}/tax_ids/{id}}):
     * each parent comes from its column ({@link io.wirewrap.stripe.StripeTable#rowKeyColumns()}), which the table must
     * have and every row must give. The path's parents are the list path's, in the same order (names may differ).
     */
    private void checkAddressable(String template, List<Map<String, Object>> keys, String verb) {
        if (Encoding.params(template).size() != obj.parents().size() + 1) {
            throw new FdwException(SqlState.FEATURE_NOT_SUPPORTED, verb + " Stripe object \"" + obj.name() + "\" is not supported",
                    "its endpoint " + template + " does not take the parents of " + obj.listPath(), null, null);
        }
        for (PathParam p : obj.parents()) {
            if (def.indexOf(p.column()) < 0) {
                throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, verb + " \"" + obj.name() + "\" needs column \""
                        + p.column() + "\", which foreign table \"" + def.name() + "\" does not have", "Stripe's endpoint is " + template,
                        "add the column " + p.column() + " to the foreign table", null);
            }
            for (Map<String, Object> key : keys) {
                if (!key.containsKey(p.column())) {
                    throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, verb + " \"" + obj.name()
                            + "\" needs the value of column \"" + p.column() + "\" for each row", "Stripe's endpoint is " + template, null, null);
                }
                if (key.get(p.column()) == null) {
                    throw new FdwException(SqlState.NULL_VALUE_NOT_ALLOWED, verb + " \"" + obj.name() + "\": column \"" + p.column()
                            + "\" is null in a row, so its path " + template + " cannot be built", null, null, null);
                }
            }
        }
    }

    private WriteEndpoint require(WriteEndpoint ep, String verb) {
        if (ep == null) throw readOnly(verb);
        return ep;
    }

    private FdwException readOnly(String verb) {
        return new FdwException(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + verb + " Stripe object \"" + obj.name() + "\"",
                "Stripe has no such endpoint for " + obj.name(), null, null);
    }

    private void checkField(WriteEndpoint ep, String column, String what) {
        if (column.equals("attrs")) return;
        if (obj.parents().stream().anyMatch(p -> p.column().equals(column)) && what.equals("create")) return;
        FormEncoder.checkName(column);
        String base = FormEncoder.baseName(column);
        if (!ep.accepts(base)) {
            throw new FdwException(SqlState.FDW_COLUMN_NAME_NOT_FOUND, "Stripe's " + what + " endpoint for \"" + obj.name()
                    + "\" does not take field \"" + base + "\" (column \"" + column + "\")", "POST " + ep.path(),
                    "fields it takes: " + String.join(", ", ep.fields()), null);
        }
    }

    public RowStream apply(Modify m, ScanContext ctx) {
        RowMapper mapper = mapper();
        String statement = UUID.randomUUID().toString();
        return switch (m) {
            case Modify.Insert ins -> RowStream.of(run(ins.rows().size(), i -> insert(ins, i, statement), mapper, ctx, "inserted"));
            case Modify.Update up -> RowStream.of(run(up.rowids().size(), i -> update(up, i, statement), mapper, ctx, "updated"));
            case Modify.Delete d -> RowStream.of(run(d.rowids().size(), i -> delete(d, i), mapper, ctx, "deleted"));
        };
    }

    private RowMapper mapper() {
        List<String> cols = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (ColumnDef c : def.columns()) {
            cols.add(c.name());
            types.add(c.type());
        }
        return new RowMapper(cols, types, Map.of());
    }

    private boolean json(String column) {
        int i = def.indexOf(column);
        return i >= 0 && (def.columns().get(i).type() == ColumnType.JSONB || def.columns().get(i).type() == ColumnType.JSON);
    }

    private StripeRequest insert(Modify.Insert ins, int row, String statement) {
        Object[] values = ins.rows().get(row);
        FormEncoder form = new FormEncoder();
        Map<String, String> pathVals = new HashMap<>();
        for (int c = 0; c < ins.columns().size(); c++) {
            String col = ins.columns().get(c);
            PathParam parent = obj.parents().stream().filter(p -> p.column().equals(col)).findFirst().orElse(null);
            if (parent != null && !obj.create().accepts(col)) {
                if (values[c] != null) pathVals.put(parent.param(), values[c].toString());
                continue;
            }
            form.add(col, values[c], json(col) || col.equals("attrs"), false);
        }
        for (PathParam p : obj.parents()) {
            if (!pathVals.containsKey(p.param())) {
                throw new FdwException(SqlState.FDW_DYNAMIC_PARAMETER_VALUE_NEEDED, "inserting into \"" + obj.name()
                        + "\" needs a value for column \"" + p.column() + "\"");
            }
        }
        return new StripeRequest("POST", Encoding.fill(obj.create().path(), pathVals), form.encode(), statement + "-" + row);
    }

    private StripeRequest update(Modify.Update up, int row, String statement) {
        FormEncoder form = new FormEncoder();
        up.changes().forEach((col, v) -> form.add(col, v, json(col) || col.equals("attrs"), true));
        return new StripeRequest("POST", idPath(obj.update().path(), up.rowids().get(row), up.keys().get(row)), form.encode(),
                statement + "-" + row);
    }

    private StripeRequest delete(Modify.Delete d, int row) {
        return new StripeRequest("DELETE", idPath(obj.deletePath(), d.rowids().get(row), d.keys().get(row)), null, null);
    }

    /** The path of one row: parents (in list-path order) from its key columns, then its id; every value percent-encoded. */
    private String idPath(String template, Object rowid, Map<String, Object> key) {
        List<String> params = Encoding.params(template);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < obj.parents().size(); i++) values.put(params.get(i), idText(key.get(obj.parents().get(i).column())));
        values.put(params.getLast(), idText(rowid));
        return Encoding.fill(template, values);
    }

    private static String idText(Object v) {
        if (!(v instanceof String id) || id.isEmpty()) {
            throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "Stripe ids are non-empty text, got " + v);
        }
        return id;
    }

    private interface RequestFor {
        StripeRequest at(int row);
    }

    private List<Object[]> run(int n, RequestFor requests, RowMapper mapper, ScanContext ctx, String verb) {
        StripeRequest[] reqs = new StripeRequest[n];
        for (int i = 0; i < n; i++) reqs[i] = requests.at(i);
        JsonNode[] results = new JsonNode[n];
        FdwException[] error = new FdwException[1];
        int[] failedRow = {-1};
        Semaphore slots = new Semaphore(Math.max(1, parallelism));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.acquireUninterruptibly();
            synchronized (error) {
                if (error[0] != null) {
                    slots.release();
                    break;
                }
            }
            int idx = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    StripeResponse r = client.send(reqs[idx], ctx);
                    if (r.notFound()) throw new FdwException(SqlState.FDW_ERROR, "Stripe object not found: " + reqs[idx]);
                    results[idx] = r.body();
                } catch (FdwException e) {
                    synchronized (error) {
                        if (error[0] == null) {
                            error[0] = e;
                            failedRow[0] = idx;
                        }
                    }
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to interrupt");
            }
        }
        if (error[0] != null) {
            List<String> done = new ArrayList<>();
            for (JsonNode r : results) if (r != null) done.add(r.path("id").asText());
            FdwException e = error[0];
            // ids in input order; rows sent in parallel with the failing one may have succeeded too, and are listed
            String detail = (e.detail() == null ? "" : e.detail() + "; ") + "row " + (failedRow[0] + 1) + " of " + n + " failed; "
                    + (done.isEmpty() ? "no object was " + verb : "already " + verb + " (not rolled back): " + String.join(", ", done));
            throw new FdwException(e.sqlState(), e.getMessage(), detail, e.hint(), e);
        }
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode r : results) rows.add(mapper.map(r));
        return rows;
    }
}
