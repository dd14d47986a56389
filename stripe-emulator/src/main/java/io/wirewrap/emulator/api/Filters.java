package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.IndexedFields;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List filters from query parameters: equality on a field (id of an expanded field counts), ranges
 * ({@code created[gte]=...}), nested objects ({@code recurring[interval]=month}) and array parameters
 * ({@code ids[]}, {@code lookup_keys[]}, {@code types[]}) meaning "one of".
 */
public final class Filters {
    static final Set<String> CONTROL = Set.of("limit", "starting_after", "ending_before", "expand", "page", "query");
    /** Array parameters and the field whose value must be one of them. */
    private static final Map<String, String> ONE_OF = Map.of("ids", "id", "lookup_keys", "lookup_key", "types", "type");

    /** A test on one object; indexed tests never parse, the others parse once per object (shared). */
    interface Test {
        boolean test(StoredObject o, Parsed parsed);
    }

    /** Lazily parsed JSON of the object under test. */
    static final class Parsed {
        private StoredObject of;
        private ObjectNode node;

        ObjectNode get(StoredObject o) {
            if (of != o) {
                of = o;
                node = Json.parse(o.json());
            }
            return node;
        }
    }

    private final List<Test> tests = new ArrayList<>();
    /** Bounds on created, used to start and stop the ordered walk early. */
    long createdMax = Long.MAX_VALUE;
    long createdMin = Long.MIN_VALUE;

    static Filters from(Params params, TypeStore store, Map<String, String> parentFilters) {
        Filters f = new Filters();
        parentFilters.forEach((field, value) -> f.addEquals(store, field, value));
        switch (params.statusRule()) {
            case NOT_CANCELED -> f.addStatus(store, s -> !"canceled".equals(s) && !"incomplete_expired".equals(s));
            case ENDED -> f.addStatus(store, s -> "canceled".equals(s) || "incomplete_expired".equals(s));
            default -> { }
        }
        params.tree().fields().forEachRemaining(e -> {
            if (CONTROL.contains(e.getKey())) return;
            f.add(store, e.getKey(), e.getValue());
        });
        return f;
    }

    boolean test(StoredObject o, Parsed parsed) {
        if (o.created() > createdMax || o.created() < createdMin) return false;
        for (Test t : tests) if (!t.test(o, parsed)) return false;
        return true;
    }

    private void add(TypeStore store, String name, JsonNode value) {
        if (value.isObject() && isRange(value)) {
            addRange(name, value);
        } else if (value.isArray() || (value.isObject() && ONE_OF.containsKey(name))) {
            List<String> wanted = new ArrayList<>();
            value.forEach(v -> wanted.add(v.asText()));
            String field = ONE_OF.getOrDefault(name, name);
            tests.add((o, p) -> wanted.contains(Json.idOf(p.get(o).get(field))));
        } else if (value.isObject()) {
            tests.add((o, p) -> nestedMatches(p.get(o).get(name), value));
        } else if ("created".equals(name) || store.type().rangeParams().contains(name)) {
            long exact = number(name, value.asText());
            addBound(name, "gte", exact);
            addBound(name, "lte", exact);
        } else if ("pending".equals(name)) {
            boolean pending = Boolean.parseBoolean(value.asText());
            tests.add((o, p) -> p.get(o).path("invoice").isNull() == pending);
        } else {
            addEquals(store, name, value.asText());
        }
    }

    private void addStatus(TypeStore store, java.util.function.Predicate<String> ok) {
        int idx = store.indexOf("status");
        if (idx >= 0) tests.add((o, p) -> ok.test(o.index()[idx]));
        else tests.add((o, p) -> ok.test(p.get(o).path("status").asText()));
    }

    private void addEquals(TypeStore store, String field, String wanted) {
        int idx = store.indexOf(field);
        if (idx >= 0) tests.add((o, p) -> IndexedFields.matches(o.index()[idx], wanted));
        else tests.add((o, p) -> wanted.equals(Json.idOf(p.get(o).get(field))));
    }

    private static boolean isRange(JsonNode v) {
        return v.has("gt") || v.has("gte") || v.has("lt") || v.has("lte");
    }

    private void addRange(String name, JsonNode range) {
        range.fields().forEachRemaining(e -> {
            if (!Set.of("gt", "gte", "lt", "lte").contains(e.getKey())) throw ApiError.unknownParameter(name + "[" + e.getKey() + "]");
            addBound(name, e.getKey(), number(name + "[" + e.getKey() + "]", e.getValue().asText()));
        });
    }

    private void addBound(String field, String op, long bound) {
        if ("created".equals(field)) {
            switch (op) {
                case "gt" -> createdMin = Math.max(createdMin, bound + 1);
                case "gte" -> createdMin = Math.max(createdMin, bound);
                case "lt" -> createdMax = Math.min(createdMax, bound - 1);
                default -> createdMax = Math.min(createdMax, bound);
            }
            return;
        }
        tests.add((o, p) -> {
            JsonNode v = p.get(o).get(field);
            if (v == null || !v.isNumber()) return false;
            long x = v.asLong();
            return switch (op) {
                case "gt" -> x > bound;
                case "gte" -> x >= bound;
                case "lt" -> x < bound;
                default -> x <= bound;
            };
        });
    }

    private static long number(String param, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("parameter_invalid_integer", "Invalid integer: " + text, param);
        }
    }

    private static boolean nestedMatches(JsonNode actual, JsonNode wanted) {
        if (actual == null || actual.isNull()) return false;
        if (!wanted.isObject()) return wanted.asText().equals(Json.idOf(actual));
        for (var it = wanted.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!nestedMatches(actual.get(e.getKey()), e.getValue())) return false;
        }
        return true;
    }
}
