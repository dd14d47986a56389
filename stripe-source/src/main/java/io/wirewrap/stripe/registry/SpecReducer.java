package io.wirewrap.stripe.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces Stripe's OpenAPI document (spec3.json, 2.6 MB) to the few facts the source needs per object. Runs at
 * build time through {@link RegistryGenerator}; the server only reads the reduced resource.
 */
public final class SpecReducer {
    private static final Set<String> PAGING = Set.of("expand", "limit", "starting_after", "ending_before", "page");
    /** Objects the wrappers page lists that have no list endpoint: fetched by id, or a singleton. */
    private static final List<String> RETRIEVE_ONLY = List.of("balance", "mandates", "tokens");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final JsonNode spec;
    private final JsonNode paths;
    private final JsonNode schemas;

    public SpecReducer(JsonNode spec) {
        this.spec = spec;
        this.paths = spec.path("paths");
        this.schemas = spec.path("components").path("schemas");
    }

    public String apiVersion() {
        return spec.path("info").path("version").asText();
    }

    /** An action: {@code POST /v1/{objects}/{id}/{verb}} without a GET on the same path (that would be a sub-list). */
    public record ActionPath(String name, String path) {}

    private static final Pattern ACTION = Pattern.compile("/v1/((?:[a-z_]+/)*[a-z_]+)/\\{[^}]+}/([a-z_]+)");

    /** Every action of the spec, named {@code <singular object>_<verb>} ({@code invoice_finalize}), sorted by name. */
    public List<ActionPath> actions() {
        Map<String, ActionPath> byName = new java.util.TreeMap<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            Matcher m = ACTION.matcher(path);
            JsonNode ops = paths.path(path);
            if (!m.matches() || !ops.has("post") || ops.has("get")) continue;
            String object = m.group(1).replace('/', '_');
            String singular = object.endsWith("ies") ? object.substring(0, object.length() - 3) + "y"
                    : object.endsWith("s") ? object.substring(0, object.length() - 1) : object;
            String name = singular + "_" + m.group(2);
            byName.putIfAbsent(name, new ActionPath(name, path.replaceAll("\\{[^}]+}", "{id}")));
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * {@code x-expandableFields} of every schema that has them: a field with {@code x-expansionResources} is a
     * reference, one whose schema is a {@code $ref} (or an anyOf of them) an inline object to walk through.
     */
    public Expansions expansions() {
        Map<String, Map<String, Expansions.Edge>> out = new java.util.TreeMap<>();
        for (Iterator<String> it = schemas.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode schema = schemas.path(name);
            Map<String, Expansions.Edge> edges = new LinkedHashMap<>();
            for (JsonNode f : schema.path("x-expandableFields")) {
                JsonNode prop = schema.path("properties").path(f.asText());
                JsonNode resources = prop.path("x-expansionResources").path("oneOf");
                boolean reference = !resources.isMissingNode();
                List<String> targets = new ArrayList<>();
                if (reference) resources.forEach(r -> targets.add(refName(r)));
                else if (prop.has("$ref")) targets.add(refName(prop));
                else prop.path("anyOf").forEach(a -> {
                    if (a.has("$ref")) targets.add(refName(a));
                });
                if (!targets.isEmpty() && (reference || prop.path("anyOf").size() == targets.size() || prop.has("$ref"))) {
                    edges.put(f.asText(), new Expansions.Edge(reference, targets));
                }
            }
            if (!edges.isEmpty()) out.put(name, edges);
        }
        return new Expansions(out);
    }

    public List<StripeObject> objects() {
        List<StripeObject> out = new ArrayList<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            JsonNode get = paths.path(path).path("get");
            if (get.isMissingNode() || path.endsWith("/search")) continue;
            JsonNode schema = responseSchema(get);
            if (!"list".equals(schema.path("properties").path("object").path("enum").path(0).asText())) continue;
            out.add(listObject(path, get, schema));
        }
        for (String name : RETRIEVE_ONLY) out.add(retrieveOnly(name));
        out.sort(Comparator.comparing(StripeObject::name));
        return out;
    }

    private StripeObject listObject(String specListPath, JsonNode get, JsonNode listSchema) {
        String retrieve = retrievePath(specListPath);
        // Two nested lists call their parent {id} where their items call it {fee} / {transfer}: the list path takes
        // the item's names, so one set of parent values fills list, retrieve, update and delete paths alike.
        String listPath = retrieve == null ? specListPath : retrieve.substring(0, retrieve.lastIndexOf('/'));
        JsonNode items = listSchema.path("properties").path("data").path("items");
        String schemaName = itemSchemaName(items);
        Map<String, FieldType> fields = fieldsOf(items);
        List<PathParam> parents = new ArrayList<>();
        Matcher m = PARAM.matcher(listPath);
        while (m.find()) parents.add(new PathParam(m.group(1), parentColumn(listPath, m.group(1))));
        List<FilterParam> filters = new ArrayList<>();
        for (JsonNode p : get.path("parameters")) {
            if (!"query".equals(p.path("in").asText()) || PAGING.contains(p.path("name").asText())) continue;
            filters.add(filter(p, fields));
        }
        String search = paths.has(specListPath + "/search") ? specListPath + "/search" : null;
        return new StripeObject(objectName(listPath), schemaName, listPath, parents, retrieve, false, filters, search,
                write(specListPath, listPath), retrieve == null ? null : write(retrieve, retrieve),
                retrieve != null && paths.path(retrieve).has("delete") ? retrieve : null, fields);
    }

    private StripeObject retrieveOnly(String name) {
        String base = "/v1/" + name;
        String retrieve = null;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String p = it.next();
            if (p.startsWith(base + "/{") && p.indexOf('/', base.length() + 1) < 0 && paths.path(p).has("get")) retrieve = p;
        }
        boolean singleton = retrieve == null;
        String path = singleton ? base : retrieve;
        JsonNode raw = paths.path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        Map<String, FieldType> fields = singleton ? balanceFields() : fieldsOf(raw);
        return new StripeObject(name, singleton ? name : itemSchemaName(raw), null, List.of(), path, singleton,
                List.of(), null, null, null, null, fields);
    }

    /** Balance rows are one per (balance type, currency), the shape of wrappers' {@code balance} table. */
    private static Map<String, FieldType> balanceFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put("balance_type", FieldType.TEXT);
        f.put("amount", FieldType.INT8);
        f.put("currency", FieldType.TEXT);
        f.put("source_types", FieldType.JSONB);
        return f;
    }

    /** {@code /v1/customers/{customer}/payment_methods} is {@code customers/payment_methods}. */
    static String objectName(String listPath) {
        List<String> parts = new ArrayList<>();
        for (String seg : listPath.substring("/v1/".length()).split("/")) if (!seg.startsWith("{")) parts.add(seg);
        return String.join("/", parts);
    }

    /** A path param named {@code id} is named after its collection ({@code /v1/transfers/{id}} -> {@code transfer}). */
    private static String parentColumn(String path, String param) {
        if (!param.equals("id")) return param;
        String before = path.substring(0, path.indexOf("{" + param + "}") - 1);
        String coll = before.substring(before.lastIndexOf('/') + 1);
        return coll.endsWith("s") ? coll.substring(0, coll.length() - 1) : coll;
    }

    /** The item path under a list path, whatever the item path names the parameters they share. */
    private String retrievePath(String listPath) {
        String prefix = anyParamNames(listPath) + "/{";
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String p = it.next();
            String shape = anyParamNames(p);
            if (shape.startsWith(prefix) && shape.indexOf('/', prefix.length()) < 0 && p.endsWith("}")
                    && paths.path(p).has("get")) return p;
        }
        return null;
    }

    private static String anyParamNames(String path) {
        return PARAM.matcher(path).replaceAll("{}");
    }

    /** The spec's POST at {@code specPath}, sent to {@code urlPath} (the same path, parameters named as the object's). */
    private WriteEndpoint write(String specPath, String urlPath) {
        JsonNode post = paths.path(specPath).path("post");
        if (post.isMissingNode()) return null;
        JsonNode props = post.path("requestBody").path("content").path("application/x-www-form-urlencoded")
                .path("schema").path("properties");
        List<String> fields = new ArrayList<>();
        props.fieldNames().forEachRemaining(f -> {
            if (!f.equals("expand")) fields.add(f);
        });
        return new WriteEndpoint(urlPath, fields);
    }

    private FilterParam filter(JsonNode p, Map<String, FieldType> fields) {
        String name = p.path("name").asText();
        JsonNode s = p.path("schema");
        boolean required = p.path("required").asBoolean(false);
        boolean range = false;
        for (JsonNode alt : s.path("anyOf")) if (alt.path("properties").has("gte")) range = true;
        FilterParam.Kind kind;
        List<String> enums = new ArrayList<>();
        if (range) {
            kind = fields.get(name) == FieldType.TIMESTAMP || name.equals("created") ? FilterParam.Kind.UNIX_TIME : FilterParam.Kind.INTEGER;
        } else {
            String type = s.path("type").asText();
            kind = switch (type) {
                case "boolean" -> FilterParam.Kind.BOOL;
                case "integer" -> FilterParam.Kind.INTEGER;
                case "array" -> FilterParam.Kind.ARRAY;
                case "string" -> s.has("enum") ? FilterParam.Kind.ENUM : FilterParam.Kind.STRING;
                default -> FilterParam.Kind.OBJECT;
            };
            s.path("enum").forEach(e -> enums.add(e.asText()));
        }
        return new FilterParam(name, kind, range, required, enums);
    }

    private JsonNode responseSchema(JsonNode op) {
        return resolve(op.path("responses").path("200").path("content").path("application/json").path("schema"));
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) return schemas.path(refName(node));
        JsonNode any = node.path("anyOf");
        if (any.size() >= 1 && any.get(0).has("$ref") && !node.has("properties")) return resolve(any.get(0));
        return node;
    }

    private static String refName(JsonNode ref) {
        String r = ref.path("$ref").asText();
        return r.substring(r.lastIndexOf('/') + 1);
    }

    private static String itemSchemaName(JsonNode items) {
        if (items.has("$ref")) return refName(items);
        List<String> names = new ArrayList<>();
        for (JsonNode alt : items.path("anyOf")) if (alt.has("$ref")) names.add(refName(alt));
        return String.join("|", names);
    }

    /** Top-level fields of an item schema; a union of schemas (bank_account|card) merges their fields. */
    private Map<String, FieldType> fieldsOf(JsonNode items) {
        Map<String, FieldType> out = new LinkedHashMap<>();
        List<JsonNode> variants = new ArrayList<>();
        if (items.has("anyOf") && !items.has("properties")) items.path("anyOf").forEach(a -> variants.add(resolveRef(a)));
        else variants.add(resolveRef(items));
        for (JsonNode v : variants) {
            v.path("properties").fields().forEachRemaining(e -> out.merge(e.getKey(), typeOf(e.getValue()),
                    (a, b) -> a == b ? a : FieldType.JSONB));
        }
        return out;
    }

    private JsonNode resolveRef(JsonNode n) {
        return n.has("$ref") ? schemas.path(refName(n)) : n;
    }

    private FieldType typeOf(JsonNode prop) {
        if (prop.has("$ref")) return FieldType.JSONB;
        if (prop.has("anyOf")) {
            // expandable references are an id string or the expanded object: the column holds the id
            for (JsonNode alt : prop.path("anyOf")) if ("string".equals(alt.path("type").asText())) return FieldType.TEXT;
            return FieldType.JSONB;
        }
        return switch (prop.path("type").asText()) {
            case "integer" -> "unix-time".equals(prop.path("format").asText()) ? FieldType.TIMESTAMP : FieldType.INT8;
            case "number" -> FieldType.NUMERIC;
            case "boolean" -> FieldType.BOOL;
            case "string" -> FieldType.TEXT;
            default -> FieldType.JSONB;
        };
    }
}
