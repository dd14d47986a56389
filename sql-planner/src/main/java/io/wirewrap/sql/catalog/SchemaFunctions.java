package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.FunctionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which source functions each schema offers: a schema holding foreign tables of a server whose source has functions
 * (as {@code import foreign schema stripe ...} makes) offers them, bound to that server. The first server in table
 * order wins when a schema mixes servers, so a name always means one call.
 */
public final class SchemaFunctions {
    /** One function in one schema, and the server it calls. */
    public record Entry(String schema, String server, ForeignSource source, FunctionDef definition) {}

    private SchemaFunctions() {}

    public static List<Entry> all(CatalogSnapshot snap, ForeignSources sources) {
        Map<String, String> serverOfSchema = new LinkedHashMap<>();
        for (CatalogObjects.ForeignTable t : snap.tables()) serverOfSchema.putIfAbsent(t.schema(), t.server());
        List<Entry> out = new ArrayList<>();
        serverOfSchema.forEach((schema, server) -> source(snap, sources, server).ifPresent(src -> {
            for (FunctionDef f : src.functions()) out.add(new Entry(schema, server, src, f));
        }));
        return out;
    }

    public static Optional<Entry> find(CatalogSnapshot snap, ForeignSources sources, String schema, String name) {
        return all(snap, sources).stream().filter(e -> e.schema().equals(schema) && e.definition().name().equals(name)).findFirst();
    }

    static Optional<ForeignSource> source(CatalogSnapshot snap, ForeignSources sources, String serverName) {
        return snap.server(serverName).flatMap(server -> snap.wrapper(server.wrapper()))
                .flatMap(w -> sources.byHandler(w.handler()).or(() -> sources.byValidator(w.validator())));
    }
}
