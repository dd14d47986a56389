package io.wirewrap.stripe;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Qual;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SortKey;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.WrappersTables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** A running stripe-emulator plus the source pointed at it; tests read the emulator's request log. */
final class Fixture implements AutoCloseable {
    final StripeEmulator emu;
    final StripeSource source = new StripeSource();
    final Map<String, String> server = new HashMap<>();

    Fixture(SeedSpec seed) {
        // JDK HttpServer keeps Nagle on by default; with the client's delayed ACK every response would stall ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        emu = StripeEmulator.start(EmulatorConfig.defaults().withPort(0).withSeed(seed));
        server.put("api_key", emu.apiKey());
        server.put("api_url", emu.baseUrl());
        server.put("rate_limit", "1000");
        server.put("max_retries", "3");
    }

    /** A customers table on a server with some options overridden. */
    ForeignTable tableWith(String object, Map<String, String> serverOverrides) {
        Map<String, String> srv = new HashMap<>(server);
        srv.putAll(serverOverrides);
        List<ColumnDef> cols = WrappersTables.columns(object);
        if (cols == null) cols = StripeSource.derivedColumns(ObjectRegistry.get().find(object).orElseThrow());
        return source.open(new TableDef(object.replace('/', '_'), cols, Map.of("object", object)), new SourceOptions(srv));
    }

    ForeignTable table(String object, Map<String, String> tableOptions) {
        List<ColumnDef> cols = WrappersTables.columns(object);
        if (cols == null) cols = StripeSource.derivedColumns(ObjectRegistry.get().find(object).orElseThrow());
        Map<String, String> opts = new HashMap<>(tableOptions);
        opts.put("object", object);
        return source.open(new TableDef(object.replace('/', '_'), cols, opts), new SourceOptions(server));
    }

    /** A table with the derived columns (id, every scalar field, attrs) rather than wrappers' short list. */
    ForeignTable wide(String object) {
        List<ColumnDef> cols = StripeSource.derivedColumns(ObjectRegistry.get().find(object).orElseThrow());
        return source.open(new TableDef(object.replace('/', '_'), cols, Map.of("object", object)), new SourceOptions(server));
    }

    ForeignTable table(String object) {
        return table(object, Map.of());
    }

    static ScanRequest req(List<String> cols, List<Qual> quals, List<SortKey> sort, Long limit) {
        return new ScanRequest(cols, quals, sort, limit == null ? OptionalLong.empty() : OptionalLong.of(limit));
    }

    static ScanRequest req(List<String> cols, Qual... quals) {
        return req(cols, List.of(quals), List.of(), null);
    }

    static List<Object[]> rows(ForeignTable t, ScanPlan plan) {
        return rows(t, plan, ScanContext.detached());
    }

    static List<Object[]> rows(ForeignTable t, ScanPlan plan, ScanContext ctx) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream s = t.scan(plan, ctx)) {
            for (Object[] r = s.next(); r != null; r = s.next()) out.add(r);
        }
        return out;
    }

    /** Requests as "GET /v1/customers?email=x&limit=100" with the query in the order logged (decoded). */
    List<String> requests() {
        return emu.requestLog().stream().map(Fixture::line).collect(Collectors.toList());
    }

    static String line(LoggedRequest r) {
        String q = r.query() == null || r.query().isEmpty() ? "" : "?" + r.query().entrySet().stream()
                .map(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v).collect(Collectors.joining("&")))
                .collect(Collectors.joining("&"));
        return r.method() + " " + r.path() + q;
    }

    @Override
    public void close() {
        emu.close();
    }
}
