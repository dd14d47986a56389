package io.wirewrap.emulator.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Stripe's OpenAPI spec, fixtures and list-endpoint table (bundled copies of ../shared/stripe, MIT, see LICENSE
 * beside them), reduced to the tables the emulator routes and validates with. Loaded once per JVM.
 */
public final class StripeSpec {
    public static final String API_VERSION = "2023-08-16";
    private static final String BASE = "/io/wirewrap/emulator/stripe/";
    private static volatile StripeSpec shared;

    private final JsonNode root;
    private final Map<String, ObjectNode> fixtures;
    private final List<Operation> operations;
    /** "GET 3" -> operations of that method with that many path segments, literal-first. */
    private final Map<String, List<Operation>> bySignature = new HashMap<>();
    private final Map<String, ResourceType> byObject = new LinkedHashMap<>();
    private final Map<String, ResourceType> bySchema = new LinkedHashMap<>();
    private final List<ResourceType> byPrefix = new ArrayList<>();
    private final List<ListEndpoint> listEndpoints = new ArrayList<>();
    /** search path -> the type it searches, from search-endpoints.tsv. */
    private final Map<String, String> searchPaths = new LinkedHashMap<>();

    /**
     * A list endpoint of list-endpoints.tsv: a path, what it lists, the path parameters naming a parent, and whether
     * the spec creates (POST on the list path), updates (POST on the retrieve path) and deletes its items there.
     */
    public record ListEndpoint(PathTemplate path, ResourceType type, List<String> pathParams, String retrievePath,
                               boolean creates, boolean updates, boolean deletes) {

        /**
         * The list path's parameters under the names its item path gives them: the parent fields of the items
         * ({@code /v1/transfers/{id}/reversals} lists the reversals whose {@code transfer} is that id).
         */
        public Map<String, String> parents(Map<String, String> listPathParams) {
            if (retrievePath == null) return listPathParams;
            String[] itemSegments = PathTemplate.of(retrievePath).segments();
            String[] listSegments = path.segments();
            Map<String, String> renamed = new LinkedHashMap<>();
            for (int i = 0; i < listSegments.length; i++) {
                String s = listSegments[i];
                if (!s.startsWith("{")) continue;
                String name = s.substring(1, s.length() - 1);
                String item = itemSegments[i];
                renamed.put(item.startsWith("{") ? item.substring(1, item.length() - 1) : name, listPathParams.get(name));
            }
            return renamed;
        }
    }

    public static StripeSpec get() {
        StripeSpec s = shared;
        if (s == null) {
            synchronized (StripeSpec.class) {
                if (shared == null) shared = new StripeSpec(new ObjectMapper());
                s = shared;
            }
        }
        return s;
    }

    private StripeSpec(ObjectMapper mapper) {
        try (InputStream spec = new GZIPInputStream(resource("spec3.json.gz"));
             InputStream fx = resource("fixtures3.json")) {
            root = mapper.readTree(spec);
            Map<String, ObjectNode> f = new HashMap<>();
            mapper.readTree(fx).get("resources").fields().forEachRemaining(e -> f.put(e.getKey(), (ObjectNode) e.getValue()));
            fixtures = Collections.unmodifiableMap(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operations = readOperations();
        for (Operation op : operations) {
            bySignature.computeIfAbsent(op.method() + " " + op.path().segments().length, k -> new ArrayList<>()).add(op);
        }
        readListEndpoints();
        readSearchEndpoints();
        addRetrieveOnly("mandate", "mandate", "mandate_", "/v1/mandates/{mandate}");
        addRetrieveOnly("token", "token", "tok_", "/v1/tokens/{token}");
        addRetrieveOnly("balance", "balance", "", null);
        byPrefix.sort(Comparator.comparingInt((ResourceType t) -> t.idPrefix().length()).reversed());
    }

    private static InputStream resource(String name) {
        InputStream in = StripeSpec.class.getResourceAsStream(BASE + name);
        if (in == null) throw new IllegalStateException("missing bundled resource " + BASE + name);
        return in;
    }

    private List<Operation> readOperations() {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("paths").fields(); it.hasNext(); ) {
            var path = it.next();
            PathTemplate template = PathTemplate.of(path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> mi = path.getValue().fields(); mi.hasNext(); ) {
                var m = mi.next();
                JsonNode op = m.getValue();
                Set<String> query = new LinkedHashSet<>();
                Set<String> requiredQuery = new LinkedHashSet<>();
                for (JsonNode p : op.path("parameters")) {
                    if (!"query".equals(p.path("in").asText())) continue;
                    query.add(p.get("name").asText());
                    if (p.path("required").asBoolean(false)) requiredQuery.add(p.get("name").asText());
                }
                JsonNode body = op.path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema");
                Set<String> bodyParams = null;
                List<String> required = List.of();
                JsonNode bodySchema = null;
                if (body.has("properties")) {
                    bodySchema = body;
                    bodyParams = new LinkedHashSet<>();
                    body.get("properties").fieldNames().forEachRemaining(bodyParams::add);
                    List<String> req = new ArrayList<>();
                    body.path("required").forEach(r -> req.add(r.asText()));
                    required = List.copyOf(req);
                }
                JsonNode response = op.path("responses").path("200").path("content").path("application/json").path("schema");
                ops.add(new Operation(m.getKey().toUpperCase(), template, Set.copyOf(query), Set.copyOf(requiredQuery),
                        bodyParams == null ? null : Set.copyOf(bodyParams), required, bodySchema, response));
            }
        }
        ops.sort(Comparator.comparingInt((Operation o) -> o.path().literalCount()).reversed());
        return List.copyOf(ops);
    }

    private void readListEndpoints() {
        List<String[]> rows = tsv("list-endpoints.tsv");
        // top-level list paths first so each object's own endpoint defines its type
        rows.sort(Comparator.comparingInt((String[] r) -> r[2].isEmpty() ? 0 : 1));
        for (String[] r : rows) {
            String schema = r[1].split("\\|")[0];
            List<String> pathParams = r[2].isEmpty() ? List.of() : List.of(r[2].split(","));
            ResourceType type = bySchema.get(schema);
            if (type == null) {
                boolean top = pathParams.isEmpty();
                type = new ResourceType(objectName(schema), schema, idPrefix(schema), top ? r[0] : null,
                        top && !r[6].isEmpty() ? r[6] : null, top && "C".equals(r[7]), top && "U".equals(r[8]),
                        top && "D".equals(r[9]), split(r[3]), split(r[4]));
                register(type);
            }
            String named = r[6].isEmpty() && !pathParams.isEmpty() ? itemPathNamedOtherwise(r[0]) : null;
            String item = named != null ? named : r[6].isEmpty() ? null : r[6];
            boolean updates = named != null ? has("POST", named) : "U".equals(r[8]);
            boolean deletes = named != null ? has("DELETE", named) : "D".equals(r[9]);
            listEndpoints.add(new ListEndpoint(PathTemplate.of(r[0]), type, pathParams, item, "C".equals(r[7]), updates, deletes));
        }
    }

    /**
     * The item path of a nested list whose table row has none because the spec names the parent differently there
     * ({@code /v1/transfers/{id}/reversals} but {@code /v1/transfers/{transfer}/reversals/{id}}).
     */
    private String itemPathNamedOtherwise(String listPath) {
        String prefix = anyParamNames(listPath) + "/{";
        for (Operation op : operations) {
            String shape = anyParamNames(op.path().template());
            if ("GET".equals(op.method()) && shape.startsWith(prefix) && shape.indexOf('/', prefix.length()) < 0) return op.path().template();
        }
        return null;
    }

    private boolean has(String method, String template) {
        return operations.stream().anyMatch(o -> o.method().equals(method) && o.path().template().equals(template));
    }

    private static String anyParamNames(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private void readSearchEndpoints() {
        for (String[] r : tsv("search-endpoints.tsv")) searchPaths.put(r[0], r[1]);
    }

    private void addRetrieveOnly(String object, String schema, String prefix, String retrievePath) {
        if (bySchema.containsKey(schema)) return;
        register(new ResourceType(object, schema, prefix, null, retrievePath, false, false, false, List.of(), List.of()));
    }

    private void register(ResourceType type) {
        bySchema.put(type.schema(), type);
        byObject.putIfAbsent(type.object(), type);
        if (!type.idPrefix().isEmpty()) byPrefix.add(type);
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    private List<String[]> tsv(String name) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) rows.add(Arrays.copyOf(line.split("\t", -1), 10));
            for (String[] row : rows) for (int i = 0; i < row.length; i++) if (row[i] == null) row[i] = "";
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String objectName(String schema) {
        ObjectNode f = fixtures.get(schema);
        if (f != null && f.hasNonNull("object")) return f.get("object").asText();
        JsonNode e = schema(schema).path("properties").path("object").path("enum");
        return e.isArray() && !e.isEmpty() ? e.get(0).asText() : schema;
    }

    /** Prefixes as Stripe issues them; taken from the fixture id where it has one. */
    private String idPrefix(String schema) {
        switch (schema) {
            case "plan": return "plan_";
            case "coupon", "capability": return ""; // free-form ids ("SUMMER20", "card_payments")
            case "subscription_schedule": return "sub_sched_";
            case "tax.calculation_line_item": return "tax_li_";
            case "tax.transaction_line_item": return "tax_tli_";
            case "checkout.session": return "cs_test_";
            case "line_item": return "il_";
            case "item": return "li_";
            default:
        }
        ObjectNode f = fixtures.get(schema);
        if (f != null && f.hasNonNull("id")) {
            String id = f.get("id").asText();
            int u = id.indexOf('_');
            if (u > 0) return id.substring(0, u + 1);
        }
        StringBuilder p = new StringBuilder();
        for (String word : schema.split("[._]")) if (!word.isEmpty()) p.append(word.charAt(0));
        return p.append("x_").toString();
    }

    // ---- queries ----

    public JsonNode root() { return root; }

    /** A component schema by name, or a missing node. */
    public JsonNode schema(String name) { return root.path("components").path("schemas").path(name); }

    /** Follows a {@code $ref} to its component schema. */
    public JsonNode resolve(JsonNode schema) {
        while (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = schema(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    /** A deep copy of the example object for a schema, or null. */
    public ObjectNode fixture(String schema) {
        ObjectNode f = fixtures.get(schema);
        return f == null ? null : f.deepCopy();
    }

    public List<Operation> operations() { return operations; }
    public List<ListEndpoint> listEndpoints() { return Collections.unmodifiableList(listEndpoints); }
    /** The type a search path searches, or null when the path is not a search endpoint. */
    public ResourceType searched(String searchPath) {
        String schema = searchPaths.get(searchPath);
        return schema == null ? null : bySchema.get(schema);
    }
    public Collection<ResourceType> types() { return Collections.unmodifiableCollection(bySchema.values()); }
    public ResourceType byObject(String object) { return byObject.get(object); }
    public ResourceType bySchema(String schema) { return bySchema.get(schema); }

    /** The type an id belongs to, judged by its prefix, or null. */
    public ResourceType byId(String id) {
        for (ResourceType t : byPrefix) if (id.startsWith(t.idPrefix())) return t;
        return null;
    }

    /** The operation for a method and path split into segments, with its path parameters; null when none. */
    public Match match(String method, String[] segments) {
        List<Operation> candidates = bySignature.getOrDefault(method + " " + segments.length, List.of());
        for (Operation op : candidates) {
            Map<String, String> params = op.path().match(segments);
            if (params != null) return new Match(op, params);
        }
        return null;
    }

    /** Whether any method serves this path (405-ish cases answer as unrecognized URL, like Stripe). */
    public record Match(Operation operation, Map<String, String> pathParams) {}
}
