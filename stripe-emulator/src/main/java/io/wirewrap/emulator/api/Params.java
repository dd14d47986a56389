package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form-encoded parameters in Stripe's bracket notation ({@code metadata[plan]=pro}, {@code items[0][price]=x},
 * {@code expand[]=customer}), kept both flat (for the request log) and as a tree of strings (for handlers).
 */
public final class Params {
    public record Pair(String key, String value) {}

    /** The subscription list's special status values, applied by {@link Filters}. */
    public enum StatusRule { NONE, NOT_CANCELED, ALL, ENDED }

    private final List<Pair> pairs;
    private final ObjectNode tree;
    private final StatusRule statusRule;

    private Params(List<Pair> pairs) {
        this(pairs, toTree(pairs), StatusRule.NONE);
    }

    private Params(List<Pair> pairs, ObjectNode tree, StatusRule statusRule) {
        this.pairs = pairs;
        this.tree = tree;
        this.statusRule = statusRule;
    }

    /** The same parameters with {@code status} replaced by a rule. */
    public Params withStatusRule(StatusRule rule) {
        ObjectNode t = tree.deepCopy();
        t.remove("status");
        return new Params(pairs, t, rule);
    }

    public StatusRule statusRule() { return statusRule; }

    public static Params empty() { return new Params(List.of()); }

    public static Params parse(String encoded) {
        List<Pair> pairs = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String part : encoded.split("&")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                String k = decode(eq < 0 ? part : part.substring(0, eq));
                String v = eq < 0 ? "" : decode(part.substring(eq + 1));
                pairs.add(new Pair(k, v));
            }
        }
        return new Params(pairs);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, "Invalid URL encoding: " + s, null);
        }
    }

    public List<Pair> pairs() { return pairs; }
    public ObjectNode tree() { return tree; }
    public boolean isEmpty() { return pairs.isEmpty(); }

    /** Decoded keys (brackets kept) to their values in arrival order. */
    public Map<String, List<String>> flat() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Pair p : pairs) m.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
        return m;
    }

    /** Top-level names: {@code created} for {@code created[gte]}. */
    public List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A top-level scalar, or null. */
    public String text(String name) {
        JsonNode n = tree.get(name);
        return n == null || !n.isTextual() ? null : n.asText();
    }

    /** Values of {@code expand[]} / {@code expand[0]} / repeated {@code expand}. */
    public List<String> expand() {
        List<String> out = new ArrayList<>();
        JsonNode e = tree.get("expand");
        if (e == null) return out;
        if (e.isArray()) e.forEach(v -> out.add(v.asText()));
        else if (e.isObject()) e.forEach(v -> out.add(v.asText()));
        else out.add(e.asText());
        return out;
    }

    private static ObjectNode toTree(List<Pair> pairs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Pair p : pairs) {
            List<String> path = keyPath(p.key());
            JsonNode container = root;
            for (int i = 0; i < path.size(); i++) {
                String seg = path.get(i);
                boolean last = i == path.size() - 1;
                String next = last ? null : path.get(i + 1);
                boolean nextIsArray = next != null && (next.isEmpty() || next.chars().allMatch(Character::isDigit));
                if (container instanceof ObjectNode obj) {
                    if (last) {
                        JsonNode existing = obj.get(seg);
                        if (existing != null && existing.isValueNode() && !seg.equals("expand")) {
                            obj.put(seg, p.value()); // repeated scalar: last one wins
                        } else if (existing != null && existing.isArray()) {
                            ((ArrayNode) existing).add(p.value());
                        } else if (existing != null && existing.isValueNode()) {
                            ArrayNode arr = obj.putArray(seg);
                            arr.add(existing).add(p.value());
                        } else {
                            obj.put(seg, p.value());
                        }
                    } else {
                        JsonNode child = obj.get(seg);
                        if (child == null || child.isValueNode()) child = nextIsArray ? obj.putArray(seg) : obj.putObject(seg);
                        container = child;
                    }
                } else if (container instanceof ArrayNode arr) {
                    int idx = seg.isEmpty() ? arr.size() : Integer.parseInt(seg);
                    while (arr.size() <= idx) arr.addNull();
                    if (last) {
                        arr.set(idx, JsonNodeFactory.instance.textNode(p.value()));
                    } else {
                        JsonNode child = arr.get(idx);
                        if (child == null || child.isNull() || child.isValueNode()) {
                            child = nextIsArray ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                            arr.set(idx, child);
                        }
                        container = child;
                    }
                }
            }
        }
        return root;
    }

    /** {@code a[b][0][]} -> [a, b, 0, ""]. */
    static List<String> keyPath(String key) {
        List<String> path = new ArrayList<>();
        int b = key.indexOf('[');
        if (b < 0) {
            path.add(key);
            return path;
        }
        path.add(key.substring(0, b));
        while (b >= 0 && b < key.length()) {
            int close = key.indexOf(']', b);
            if (close < 0) break;
            path.add(key.substring(b + 1, close));
            b = key.indexOf('[', close);
        }
        return path;
    }
}
