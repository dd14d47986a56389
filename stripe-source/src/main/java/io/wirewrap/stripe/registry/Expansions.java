package io.wirewrap.stripe.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec's {@code x-expandableFields} as a graph over component schemas. A field is either a reference (an id
 * that {@code expand[]} replaces by the object, {@code charge.customer}) or an inline object that leads to more
 * references ({@code charge.transfer_data.destination}). Arrays of references and sub-lists are not followed.
 */
public final class Expansions {
    /** One expandable field: a {@code reference} to, or an inline object of, one of {@code schemas}. */
    public record Edge(boolean reference, List<String> schemas) {
        public Edge {
            schemas = List.copyOf(schemas);
        }
    }

    private final Map<String, Map<String, Edge>> bySchema;

    public Expansions(Map<String, Map<String, Edge>> bySchema) {
        Map<String, Map<String, Edge>> copy = new LinkedHashMap<>();
        bySchema.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.bySchema = java.util.Collections.unmodifiableMap(copy);
    }

    public Map<String, Map<String, Edge>> asMap() {
        return bySchema;
    }

    /** Fields of a schema ({@code bank_account|card} merges its variants) that {@code expand[]} turns into objects. */
    public Set<String> referenceFields(String schema) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : variants(schema)) {
            bySchema.getOrDefault(s, Map.of()).forEach((f, e) -> {
                if (e.reference()) out.add(f);
            });
        }
        return out;
    }

    /**
     * The expansions a JSON path into an object of {@code schema} needs to find data rather than an id: one dotted
     * path per reference the path goes <em>inside</em>, shallowest first. {@code [payment_intent, customer, email]}
     * on a charge is {@code [payment_intent, payment_intent.customer]}; {@code [customer]} alone needs none.
     */
    public List<String> referencesAlong(String schema, List<String> path) {
        List<String> out = new ArrayList<>();
        List<String> current = variants(schema);
        for (int i = 0; i + 1 < path.size(); i++) {
            Edge e = edge(current, path.get(i));
            if (e == null) break;
            if (e.reference()) out.add(String.join(".", path.subList(0, i + 1)));
            current = e.schemas();
        }
        return out;
    }

    private Edge edge(List<String> schemas, String field) {
        boolean reference = false;
        Set<String> targets = new LinkedHashSet<>();
        for (String s : schemas) {
            Edge e = bySchema.getOrDefault(s, Map.of()).get(field);
            if (e == null) continue;
            reference |= e.reference();
            targets.addAll(e.schemas());
        }
        return targets.isEmpty() ? null : new Edge(reference, new ArrayList<>(targets));
    }

    private static List<String> variants(String schema) {
        return Arrays.asList(schema.split("\\|"));
    }
}
