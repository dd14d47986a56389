package io.wirewrap.sql.pgcatalog;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.FunctionDef;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.catalog.SchemaFunctions;
import io.wirewrap.sql.catalog.ForeignSources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The functions wirewrap offers, as pg_proc rows: the vault functions and each source's FDW handler and
 * validator (so {@code fdwhandler}/{@code fdwvalidator} point at real rows and {@code \dew+} prints names).
 * OIDs are fixed per name order, below the user OID range.
 */
final class Procs {
    static final int VAULT_CREATE_SECRET = 14900;
    static final int VAULT_UPDATE_SECRET = 14901;
    private static final int FIRST_HANDLER_OID = 15000;

    /** {@code argTypes} as pg_proc.proargtypes; {@code schema} null means the extension's schema. */
    record Proc(int oid, String name, String schema, int returnType, List<Integer> argTypes, List<String> argNames,
                String description, String tableResult) {
        Proc(int oid, String name, String schema, int returnType, List<Integer> argTypes, List<String> argNames, String description) {
            this(oid, name, schema, returnType, argTypes, argNames, description, null);
        }

        /** Set-returning ({@code RETURNS TABLE(...)}), as source functions are. */
        boolean returnsSet() {
            return tableResult != null;
        }

        /** {@code pg_get_function_result}: {@code uuid}, {@code TABLE(id text, ...)}. */
        String resultText() {
            return returnsSet() ? tableResult : PgTypes.formatType(returnType, -1);
        }

        /** {@code pg_get_function_arguments}: {@code new_secret text, new_name text}. */
        String argumentsText() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < argTypes.size(); i++) {
                if (i > 0) sb.append(", ");
                if (i < argNames.size()) sb.append(argNames.get(i)).append(' ');
                sb.append(PgTypes.formatType(argTypes.get(i), -1));
            }
            return sb.toString();
        }
    }

    /** Source functions of foreign schemas: numbered in catalog order from here, below FirstNormalObjectId. */
    private static final int FIRST_SCHEMA_FUNCTION_OID = 15200;
    private static final int RECORD = 2249;

    private final List<Proc> procs = new ArrayList<>();
    private final ForeignSources sources;

    Procs(ForeignSources sources) {
        this.sources = sources;
        procs.add(new Proc(VAULT_CREATE_SECRET, "create_secret", "vault", 2950, List.of(25, 25, 25, 2950),
                List.of("new_secret", "new_name", "new_description", "new_key_id"), "Stores a new encrypted secret and returns its id"));
        procs.add(new Proc(VAULT_UPDATE_SECRET, "update_secret", "vault", 2278, List.of(2950, 25, 25, 25, 2950),
                List.of("secret_id", "new_secret", "new_name", "new_description", "new_key_id"), "Changes a secret's value, name or description"));
        TreeSet<String> handlers = new TreeSet<>();
        for (ForeignSource s : sources.all()) handlers.addAll(s.handlerNames());
        int oid = FIRST_HANDLER_OID;
        for (String h : handlers) {
            procs.add(new Proc(oid++, h, null, 3115, List.of(), List.of(), "foreign-data wrapper handler"));
            if (h.endsWith("_handler")) {
                String v = h.substring(0, h.length() - "_handler".length()) + "_validator";
                procs.add(new Proc(oid++, v, null, 2278, List.of(1009, 26), List.of(), "foreign-data wrapper option validator"));
            }
        }
    }

    List<Proc> all() {
        return procs;
    }

    /** The fixed functions plus each foreign schema's source functions ({@code stripe.invoice_finalize}). */
    List<Proc> all(CatalogSnapshot snap) {
        List<Proc> out = new ArrayList<>(procs);
        for (SourceFunction sf : sourceFunctions(snap)) {
            FunctionDef f = sf.entry().definition();
            String table = f.resultColumns().stream().map(c -> c.name() + " " + PgTypes.formatType(c.type().oid(), -1))
                    .collect(Collectors.joining(", ", "TABLE(", ")"));
            out.add(new Proc(sf.oid(), f.name(), sf.entry().schema(), RECORD, f.arguments().stream().map(c -> c.type().oid()).toList(),
                    f.arguments().stream().map(ColumnDef::name).toList(), f.description(), table));
        }
        return out;
    }

    /** A foreign schema's source function with the pg_proc OID it is shown under. */
    record SourceFunction(int oid, SchemaFunctions.Entry entry) {}

    List<SourceFunction> sourceFunctions(CatalogSnapshot snap) {
        List<SourceFunction> out = new ArrayList<>();
        int oid = FIRST_SCHEMA_FUNCTION_OID;
        for (SchemaFunctions.Entry e : SchemaFunctions.all(snap, sources)) out.add(new SourceFunction(oid++, e));
        return out;
    }

    int oidOf(String name) {
        if (name == null) return 0;
        for (Proc p : procs) if (p.name().equals(name) && p.schema() == null) return p.oid();
        return 0;
    }
}
