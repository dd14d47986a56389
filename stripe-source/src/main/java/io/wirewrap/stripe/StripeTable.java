package io.wirewrap.stripe;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.plan.StripePlanner;
import io.wirewrap.stripe.plan.StripeScanPlan;
import io.wirewrap.stripe.plan.Strategy;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.PathParam;
import io.wirewrap.stripe.registry.StripeObject;
import io.wirewrap.stripe.scan.BalanceScan;
import io.wirewrap.stripe.scan.PagedScan;
import io.wirewrap.stripe.scan.PageSources;
import io.wirewrap.stripe.scan.RetrieveScan;
import io.wirewrap.stripe.scan.RowMapper;
import io.wirewrap.stripe.scan.ScanHistory;
import io.wirewrap.stripe.scan.SearchScan;
import io.wirewrap.stripe.write.Writer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One foreign table over one Stripe object; thread-safe, shared by every session. */
public final class StripeTable implements ForeignTable {
    private final TableDef def;
    private final StripeObject obj;
    private final StripeClient client;
    private final StripePlanner planner;
    private final int parallelism;
    private final Writer writer;
    private final ScanHistory history;

    StripeTable(TableDef def, StripeObject obj, StripeClient client, ScanHistory history, boolean searchAuto, int parallelism) {
        this.def = def;
        this.obj = obj;
        this.client = client;
        this.history = history;
        this.parallelism = parallelism;
        this.planner = new StripePlanner(obj, def, searchAuto, parallelism, client.config().rateLimit());
        this.writer = new Writer(def, obj, client, parallelism);
    }

    public StripeObject object() {
        return obj;
    }

    @Override
    public TableDef definition() {
        return def;
    }

    @Override
    public ScanPlan plan(ScanRequest request) {
        return planner.plan(request);
    }

    @Override
    public RowStream scan(ScanPlan plan, ScanContext context) {
        if (!(plan instanceof StripeScanPlan p)) {
            throw new FdwException(SqlState.INTERNAL_ERROR, "plan was not made by this source");
        }
        Set<String> references = ObjectRegistry.get().expansions().referenceFields(obj.schema());
        RowMapper mapper = new RowMapper(p.columns(), p.columnTypes(), p.pinned(), references);
        return switch (p.strategy()) {
            case Strategy.Empty e -> RowStream.of(List.of());
            case Strategy.Singleton s -> BalanceScan.scan(client, s.path(), mapper, context);
            case Strategy.Retrieve r -> new RetrieveScan(client, r, mapper, parallelism, p.rowLimit(), context);
            case Strategy.Search s -> new SearchScan(client, s.path(), s.query(), s.expand(), mapper, context);
            case Strategy.ListScan l -> {
                List<RowMapper> mappers = new ArrayList<>();
                for (int k = 0; k < l.variants().size(); k++) {
                    if (p.variantPins().isEmpty()) {
                        mappers.add(mapper);
                        continue;
                    }
                    Map<String, Object> pins = new HashMap<>(p.pinned());
                    pins.putAll(p.variantPins().get(k));
                    mappers.add(new RowMapper(p.columns(), p.columnTypes(), pins, references));
                }
                yield new PagedScan(PageSources.of(client, l.pathTemplate(), l.filters(), history, l.expand()), l.variants(), mappers,
                        l.created().lo(), l.created().hi(), l.splittable(), parallelism, p.rowLimit(), p.ordered(), context);
            }
        };
    }

    /** A nested object's parent columns: its update/delete paths name the parent ({@code /v1/customers/{customer}/tax_ids/{id}}). */
    @Override
    public List<String> rowKeyColumns() {
        // a column the table lacks cannot be read; the writer's validation names it instead
        return obj.parents().stream().map(PathParam::column).filter(c -> def.indexOf(c) >= 0).toList();
    }

    @Override
    public void validate(Modify modify) {
        writer.validate(modify);
    }

    @Override
    public RowStream modify(Modify modify, ScanContext context) {
        writer.validate(modify);
        return writer.apply(modify, context);
    }

    static List<ColumnDef> columns(TableDef def) {
        return def.columns();
    }
}
