package io.wirewrap.stripe.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reduced registry as JSON: one object per line so regenerated resources diff readably. */
public final class RegistryCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryCodec() {}

    public static String write(String apiVersion, List<StripeObject> objects, List<SpecReducer.ActionPath> actions,
                               Expansions expansions) {
        StringBuilder sb = new StringBuilder("{\"apiVersion\":").append(JSON.getNodeFactory().textNode(apiVersion))
                .append(",\"objects\":[\n");
        for (int i = 0; i < objects.size(); i++) {
            sb.append(toJson(objects.get(i))).append(i + 1 < objects.size() ? ",\n" : "\n");
        }
        sb.append("],\"actions\":[\n");
        for (int i = 0; i < actions.size(); i++) {
            ObjectNode a = JSON.createObjectNode().put("name", actions.get(i).name()).put("path", actions.get(i).path());
            sb.append(a).append(i + 1 < actions.size() ? ",\n" : "\n");
        }
        sb.append("],\"expandable\":[\n");
        var schemas = new ArrayList<>(expansions.asMap().entrySet());
        for (int i = 0; i < schemas.size(); i++) {
            ObjectNode s = JSON.createObjectNode().put("schema", schemas.get(i).getKey());
            ObjectNode refs = s.putObject("refs");
            ObjectNode inline = s.putObject("inline");
            schemas.get(i).getValue().forEach((field, e) -> e.schemas().forEach((e.reference() ? refs : inline).putArray(field)::add));
            sb.append(s).append(i + 1 < schemas.size() ? ",\n" : "\n");
        }
        return sb.append("]}\n").toString();
    }

    public static Expansions readExpansions(String text) {
        try {
            Map<String, Map<String, Expansions.Edge>> out = new LinkedHashMap<>();
            for (JsonNode s : JSON.readTree(text).path("expandable")) {
                Map<String, Expansions.Edge> edges = new LinkedHashMap<>();
                for (String kind : List.of("refs", "inline")) {
                    s.path(kind).fields().forEachRemaining(f -> {
                        List<String> targets = new ArrayList<>();
                        f.getValue().forEach(t -> targets.add(t.asText()));
                        edges.put(f.getKey(), new Expansions.Edge(kind.equals("refs"), targets));
                    });
                }
                out.put(s.path("schema").asText(), edges);
            }
            return new Expansions(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt Stripe registry resource", e);
        }
    }

    public static List<SpecReducer.ActionPath> readActions(String text) {
        try {
            List<SpecReducer.ActionPath> out = new ArrayList<>();
            for (JsonNode a : JSON.readTree(text).path("actions")) out.add(new SpecReducer.ActionPath(a.path("name").asText(), a.path("path").asText()));
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt Stripe registry resource", e);
        }
    }

    public static List<StripeObject> read(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            List<StripeObject> out = new ArrayList<>();
            for (JsonNode o : root.path("objects")) out.add(fromJson(o));
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt Stripe registry resource", e);
        }
    }

    private static ObjectNode toJson(StripeObject o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", o.name()).put("schema", o.schema()).put("list", o.listPath());
        ArrayNode parents = n.putArray("parents");
        o.parents().forEach(p -> parents.addObject().put("param", p.param()).put("column", p.column()));
        n.put("retrieve", o.retrievePath()).put("singleton", o.singleton());
        ArrayNode filters = n.putArray("filters");
        for (FilterParam f : o.filters()) {
            ObjectNode fn = filters.addObject().put("name", f.name()).put("kind", f.kind().name())
                    .put("range", f.range()).put("required", f.required());
            if (!f.enumValues().isEmpty()) f.enumValues().forEach(fn.putArray("enum")::add);
        }
        n.put("search", o.searchPath());
        write(n, "create", o.create());
        write(n, "update", o.update());
        n.put("delete", o.deletePath());
        ObjectNode fields = n.putObject("fields");
        o.fields().forEach((k, v) -> fields.put(k, v.name()));
        return n;
    }

    private static void write(ObjectNode n, String key, WriteEndpoint w) {
        if (w == null) {
            n.putNull(key);
            return;
        }
        ObjectNode wn = n.putObject(key).put("path", w.path());
        w.fields().forEach(wn.putArray("fields")::add);
    }

    private static StripeObject fromJson(JsonNode n) {
        List<PathParam> parents = new ArrayList<>();
        n.path("parents").forEach(p -> parents.add(new PathParam(p.path("param").asText(), p.path("column").asText())));
        List<FilterParam> filters = new ArrayList<>();
        for (JsonNode f : n.path("filters")) {
            List<String> enums = new ArrayList<>();
            f.path("enum").forEach(e -> enums.add(e.asText()));
            filters.add(new FilterParam(f.path("name").asText(), FilterParam.Kind.valueOf(f.path("kind").asText()),
                    f.path("range").asBoolean(), f.path("required").asBoolean(), enums));
        }
        Map<String, FieldType> fields = new LinkedHashMap<>();
        n.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), FieldType.valueOf(e.getValue().asText())));
        return new StripeObject(n.path("name").asText(), n.path("schema").asText(), text(n, "list"), parents,
                text(n, "retrieve"), n.path("singleton").asBoolean(), filters, text(n, "search"),
                endpoint(n.path("create")), endpoint(n.path("update")), text(n, "delete"), fields);
    }

    private static WriteEndpoint endpoint(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        List<String> fields = new ArrayList<>();
        n.path("fields").forEach(f -> fields.add(f.asText()));
        return new WriteEndpoint(n.path("path").asText(), fields);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
