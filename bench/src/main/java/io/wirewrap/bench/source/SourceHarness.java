package io.wirewrap.bench.source;

import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.ScanPlan;
import io.wirewrap.fdw.ScanRequest;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.stripe.StripeSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Opens stripe-source tables against a running emulator, the way the planner does, without SQL. */
final class SourceHarness {
    private final StripeEmulator emu;
    private final ForeignSource source = new StripeSource();
    private final Map<String, TableDef> imported = new HashMap<>();

    SourceHarness(StripeEmulator emu) {
        this.emu = emu;
        for (TableDef t : source.importSchema("stripe", new SourceOptions(Map.of()))) imported.put(t.options().get("object"), t);
    }

    /** The imported table of {@code object}, widened with extra text columns a query needs (as a user would declare). */
    ForeignTable open(String object, Map<String, String> serverOptions, String... extraTextColumns) {
        TableDef t = imported.get(object);
        List<ColumnDef> cols = new java.util.ArrayList<>(t.columns());
        for (String c : extraTextColumns) {
            if (t.indexOf(c) < 0) cols.add(cols.size() - 1, ColumnDef.of(c, io.wirewrap.fdw.ColumnType.TEXT));
        }
        Map<String, String> opts = new HashMap<>(serverOptions);
        opts.put("api_key", emu.apiKey());
        opts.put("api_url", emu.baseUrl());
        return source.open(new TableDef(t.name(), cols, t.options()), new SourceOptions(opts));
    }

    static long drain(ForeignTable t, ScanPlan p, ScanContext ctx) {
        long n = 0;
        try (RowStream s = t.scan(p, ctx)) {
            while (s.next() != null) n++;
        }
        return n;
    }

    static long drain(ForeignTable t, ScanRequest r, ScanContext ctx) {
        return drain(t, t.plan(r), ctx);
    }
}
