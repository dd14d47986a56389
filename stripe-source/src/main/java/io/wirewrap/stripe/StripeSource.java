package io.wirewrap.stripe;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.http.ClientConfig;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.registry.FieldType;
import io.wirewrap.stripe.registry.FilterParam;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.PathParam;
import io.wirewrap.stripe.registry.StripeObject;
import io.wirewrap.stripe.registry.WrappersTables;
import io.wirewrap.stripe.scan.ScanHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Stripe source: {@code create foreign data wrapper ... handler stripe_fdw_handler}. */
public final class StripeSource implements ForeignSource {
    /** One HTTP client per distinct connection config: connection pools are reused across tables and sessions. */
    private final Map<ClientConfig, StripeClient> clients = new ConcurrentHashMap<>();
    /** What earlier complete scans saw, per account: shared by every table and session like the rate limiter. */
    private final Map<String, ScanHistory> histories = new ConcurrentHashMap<>();

    @Override
    public List<String> handlerNames() {
        return List.of("stripe_fdw_handler");
    }

    @Override
    public void validateOptions(OptionScope scope, Map<String, String> options) {
        StripeOptions.validate(scope, options);
    }

    /** The 23 wrappers tables with wrappers' exact columns, then every other list endpoint of the spec. */
    @Override
    public List<TableDef> importSchema(String remoteSchema, SourceOptions server) {
        List<TableDef> out = new ArrayList<>();
        for (StripeObject o : ObjectRegistry.get().all()) {
            List<ColumnDef> cols = WrappersTables.columns(o.name());
            if (cols == null) cols = derivedColumns(o);
            Map<String, String> opts = new LinkedHashMap<>();
            opts.put("object", o.name());
            if (cols.stream().anyMatch(c -> c.name().equals("id"))) opts.put("rowid_column", "id");
            out.add(new TableDef(o.tableName(), cols, opts));
        }
        return out;
    }

    /**
     * {@code id}, parent-id columns, required filters, then the object's scalar top-level fields, then the
     * filter-only parameters a qual can pin ({@code subscription_schedules.scheduled}, {@code invoiceitems.pending}:
     * no field carries them, so without a column the filter could not be written), then {@code attrs jsonb}.
     */
    static List<ColumnDef> derivedColumns(StripeObject o) {
        Map<String, ColumnType> cols = new LinkedHashMap<>();
        if (o.fields().containsKey("id")) cols.put("id", ColumnType.TEXT);
        for (PathParam p : o.parents()) cols.putIfAbsent(p.column(), ColumnType.TEXT);
        o.filters().stream().filter(f -> f.required()).forEach(f -> cols.putIfAbsent(f.name(), ColumnType.TEXT));
        o.fields().forEach((name, type) -> {
            if (type.scalar() && !name.equals("object") && !name.equals("attrs")) cols.putIfAbsent(name, type.columnType());
        });
        for (FilterParam f : o.filters()) {
            if (o.fields().containsKey(f.name()) || f.name().equals("order_by") || f.range()) continue;
            switch (f.kind()) {
                case BOOL -> cols.putIfAbsent(f.name(), ColumnType.BOOL);
                case STRING, ENUM -> cols.putIfAbsent(f.name(), ColumnType.TEXT);
                default -> { }
            }
        }
        List<ColumnDef> out = new ArrayList<>();
        cols.forEach((n, t) -> out.add(ColumnDef.of(n, t)));
        out.add(ColumnDef.of("attrs", ColumnType.JSONB));
        return out;
    }

    @Override
    public List<io.wirewrap.fdw.FunctionDef> functions() {
        return io.wirewrap.stripe.write.Actions.functions();
    }

    @Override
    public io.wirewrap.fdw.RowStream call(String function, List<Object> arguments, SourceOptions server, io.wirewrap.fdw.ScanContext context) {
        ClientConfig cfg = StripeOptions.clientConfig(server.values());
        return io.wirewrap.stripe.write.Actions.call(clients.computeIfAbsent(cfg, StripeClient::new), function, arguments, context);
    }

    @Override
    public ForeignTable open(TableDef table, SourceOptions server) {
        String objectName = table.options().get("object");
        if (objectName == null) {
            throw new FdwException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "option \"object\" is required for foreign table " + table.name());
        }
        StripeObject obj = ObjectRegistry.get().find(objectName).orElseThrow(() -> new FdwException(
                SqlState.FDW_INVALID_ATTRIBUTE_VALUE, "unknown Stripe object \"" + objectName + "\" in foreign table " + table.name()));
        for (ColumnDef c : table.columns()) checkColumn(table, obj, c);
        ClientConfig cfg = StripeOptions.clientConfig(server.values());
        StripeClient client = clients.computeIfAbsent(cfg, StripeClient::new);
        ScanHistory history = StripeOptions.scanHistory(server.values(), table.options())
                ? histories.computeIfAbsent(cfg.accountKey(), k -> new ScanHistory()) : ScanHistory.OFF;
        // the planner reads the effective expand list from the table options, where a server-wide one is merged
        Map<String, String> opts = new LinkedHashMap<>(table.options());
        String expand = StripeOptions.expand(obj, server.values(), table.options());
        if (!expand.isEmpty()) opts.put("expand", expand);
        TableDef effective = new TableDef(table.name(), table.columns(), opts);
        return new StripeTable(effective, obj, client, history, StripeOptions.searchAuto(server.values(), table.options()),
                StripeOptions.parallelism(server.values()));
    }

    /** Refuses declared types a field can never convert to (a jsonb object read as bigint, ...). */
    private static void checkColumn(TableDef t, StripeObject obj, ColumnDef c) {
        FieldType f = c.name().equals("attrs") ? FieldType.JSONB : obj.fields().get(c.name());
        if (f == null) return;
        boolean ok = switch (c.type()) {
            case TEXT, VARCHAR, JSON, JSONB, BYTEA -> true;
            case BOOL -> f == FieldType.BOOL;
            case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC -> f == FieldType.INT8 || f == FieldType.NUMERIC || f == FieldType.TIMESTAMP;
            case TIMESTAMP, TIMESTAMPTZ, DATE -> f == FieldType.TIMESTAMP || f == FieldType.INT8;
            case UUID -> f == FieldType.TEXT;
        };
        if (!ok) {
            throw new FdwException(SqlState.FDW_INVALID_DATA_TYPE, "column \"" + c.name() + "\" of foreign table " + t.name()
                    + " is declared " + c.type().sqlName() + " but Stripe's " + obj.schema() + "." + c.name() + " is "
                    + f.name().toLowerCase(java.util.Locale.ROOT), null, "declare it as " + f.columnType().sqlName() + " (or text/jsonb)", null);
        }
    }
}
