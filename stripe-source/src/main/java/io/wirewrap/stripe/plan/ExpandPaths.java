package io.wirewrap.stripe.plan;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.JsonPathRef;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.registry.Expansions;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.StripeObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which {@code expand[]} values a scan sends: the table's {@code expand} option, plus every reference a query's
 * JSON path on {@code attrs} goes inside ({@code attrs->'customer'->>'email'} needs the customer object, which
 * the same request can embed instead of a second request per row). Paths are relative to the object; a list or
 * search prefixes them with {@code data.}, and Stripe refuses more than four levels in all.
 */
public final class ExpandPaths {
    /** Stripe's limit on dotted segments of one expand value, {@code data.} included. */
    static final int MAX_LEVELS = 4;
    /** The column holding the whole object, where the expanded objects show. */
    static final String ATTRS = "attrs";

    private ExpandPaths() {}

    /**
     * Parses an {@code expand} option ({@code 'customer,invoice'} or dotted {@code 'payment_intent.customer'}).
     * A path the object cannot expand is an error when {@code strict} (the table's own option) and skipped
     * otherwise (a server-wide list, meant for whichever tables have such a field).
     */
    public static List<String> parseOption(StripeObject obj, String value, boolean strict) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) return out;
        Expansions graph = ObjectRegistry.get().expansions();
        for (String raw : value.split(",")) {
            String path = raw.trim();
            List<String> segments = Arrays.asList(path.split("\\."));
            List<String> walk = new ArrayList<>(segments);
            walk.add("");
            List<String> refs = graph.referencesAlong(obj.schema(), walk);
            boolean ok = !path.isEmpty() && segments.size() < MAX_LEVELS && !refs.isEmpty() && refs.getLast().equals(path);
            if (ok) {
                if (!out.contains(path)) out.add(path);
            } else if (strict) {
                throw new FdwException(SqlState.FDW_INVALID_ATTRIBUTE_VALUE, "invalid value for option \"expand\": \"" + path
                        + "\" is not an expandable field of Stripe object \"" + obj.name() + "\"", "value: " + value,
                        "expandable fields of " + obj.name() + ": " + String.join(", ", graph.referenceFields(obj.schema()))
                                + " (nested as field.field, at most " + (MAX_LEVELS - 1) + " levels)", null);
            }
        }
        return out;
    }

    /** The expand values for one request: option paths first, then the query's, deepest wins, no duplicates. */
    static List<String> forRequest(StripeObject obj, List<String> optionPaths, List<JsonPathRef> jsonPaths, boolean list) {
        String prefix = list ? "data." : "";
        int maxRelative = MAX_LEVELS - (list ? 1 : 0);
        Set<String> wanted = new LinkedHashSet<>(optionPaths);
        Expansions graph = ObjectRegistry.get().expansions();
        // paths the statement reads as they are (attrs->>'customer' = 'cus_1'): expanding them would turn the id it
        // compares into an object, and the statement would silently lose its rows, so they are never expanded
        Set<String> readAsIs = new LinkedHashSet<>();
        for (JsonPathRef ref : jsonPaths) if (ref.column().equals(ATTRS)) readAsIs.add(String.join(".", ref.path()));
        for (JsonPathRef ref : jsonPaths) {
            if (!ref.column().equals(ATTRS)) continue;
            String deepest = null;
            for (String p : graph.referencesAlong(obj.schema(), ref.path())) {
                if (readAsIs.contains(p)) break;
                if (p.split("\\.").length <= maxRelative) deepest = p;
            }
            if (deepest != null) wanted.add(deepest);
        }
        List<String> out = new ArrayList<>();
        for (String p : wanted) {
            // data.payment_intent.customer already expands data.payment_intent
            boolean covered = wanted.stream().anyMatch(o -> o.startsWith(p + "."));
            if (!covered) out.add(prefix + p);
        }
        return out;
    }
}
