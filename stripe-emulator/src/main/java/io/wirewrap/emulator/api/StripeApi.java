package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.Operation;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes an authenticated request to list, search, retrieve, create, update, delete or an action, after
 * checking its parameters against the spec's operation (unknown parameters are refused, like Stripe).
 */
public final class StripeApi {
    private final StripeSpec spec;
    private final Map<String, StripeSpec.ListEndpoint> lists = new HashMap<>();
    private final Map<String, ResourceType> retrieves = new HashMap<>();
    private final Map<String, ResourceType> creates = new HashMap<>();
    /** Types whose retrieve still answers after a delete (the spec allows a deleted_ variant): customers. */
    private final java.util.Set<String> keepsDeleted = new java.util.HashSet<>();
    /** Retrieves under a parent ({@code /v1/customers/{customer}/payment_methods/{payment_method}}). */
    private final Map<String, ResourceType> nestedRetrieves = new HashMap<>();
    /** Nested list paths that create under their parent ({@code POST /v1/customers/{customer}/tax_ids}). */
    private final Map<String, StripeSpec.ListEndpoint> nestedCreates = new HashMap<>();
    /** Nested retrieve paths, for the update (POST) and delete the spec allows there. */
    private final Map<String, StripeSpec.ListEndpoint> nestedItems = new HashMap<>();
    private final Lists listHandler;
    private final Search search;
    private final Writes writes;
    private final Actions actions;
    private final Expander expander = new Expander();

    public StripeApi(StripeSpec spec, ObjectFactory factory, Events events) {
        this.spec = spec;
        for (StripeSpec.ListEndpoint e : spec.listEndpoints()) lists.put(e.path().template(), e);
        for (ResourceType t : spec.types()) {
            if (t.retrievePath() != null) retrieves.put(t.retrievePath(), t);
            if (t.listPath() != null && t.creatable()) creates.put(t.listPath(), t);
        }
        // every top-level list's retrieve path, e.g. both /v1/balance/history/{id} and /v1/balance_transactions/{id}
        for (StripeSpec.ListEndpoint e : spec.listEndpoints()) {
            if (!e.pathParams().isEmpty()) continue;
            String prefix = e.path().template() + "/{";
            for (Operation op : spec.operations()) {
                String t = op.path().template();
                if ("GET".equals(op.method()) && t.startsWith(prefix) && t.indexOf('/', prefix.length()) < 0) retrieves.putIfAbsent(t, e.type());
            }
        }
        for (StripeSpec.ListEndpoint e : spec.listEndpoints()) {
            if (e.pathParams().isEmpty()) continue;
            if (e.retrievePath() != null) {
                nestedRetrieves.put(e.retrievePath(), e.type());
                nestedItems.putIfAbsent(e.retrievePath(), e);
            }
            if (e.creates()) nestedCreates.putIfAbsent(e.path().template(), e);
        }
        for (var e : retrieves.entrySet()) {
            Operation get = spec.operations().stream().filter(o -> "GET".equals(o.method()) && o.path().template().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (get == null) continue;
            for (var option : get.responseSchema().path("anyOf")) {
                if (option.path("$ref").asText().endsWith("/deleted_" + e.getValue().schema())) keepsDeleted.add(e.getValue().object());
            }
        }
        creates.put("/v1/tokens", spec.byObject("token"));
        creates.put("/v1/accounts", spec.byObject("account"));
        listHandler = new Lists(spec, expander);
        search = new Search(spec, expander);
        Behaviours behaviours = new Behaviours(factory, events);
        writes = new Writes(factory, behaviours, events);
        actions = new Actions(factory, events, writes, behaviours);
    }

    public ApiResponse handle(ApiRequest req) {
        StripeSpec.Match match = spec.match(req.method(), req.segments());
        if (match == null) throw ApiError.unrecognizedUrl(req.method(), req.path());
        Operation op = match.operation();
        checkParameters(req, op);
        String template = op.path().template();
        Map<String, String> pathParams = match.pathParams();
        if ("GET".equals(req.method())) return new ApiResponse(200, get(req, template, pathParams));
        var lock = req.data().writeLock();
        lock.lock();
        try {
            byte[] body = switch (req.method()) {
                case "POST" -> post(req, op, template, pathParams);
                case "DELETE" -> delete(req, template, pathParams);
                default -> throw ApiError.unrecognizedUrl(req.method(), req.path());
            };
            return new ApiResponse(200, body);
        } finally {
            lock.unlock();
        }
    }

    private void checkParameters(ApiRequest req, Operation op) {
        for (String required : op.requiredQuery()) {
            if (!req.query().tree().has(required) || req.query().text(required) != null && req.query().text(required).isEmpty())
                throw ApiError.missingParameter(required);
        }
        for (String name : req.query().topLevelNames()) {
            if (!op.queryParams().contains(name) && !("POST".equals(op.method()) && "expand".equals(name)))
                throw ApiError.unknownParameter(name);
        }
        if ("POST".equals(op.method()) && op.bodyParams() != null) {
            for (String name : req.form().topLevelNames()) if (!op.bodyParams().contains(name)) throw ApiError.unknownParameter(name);
        } else if (!"POST".equals(op.method()) && !req.form().isEmpty()) {
            throw ApiError.unknownParameter(req.form().topLevelNames().get(0));
        }
    }

    private byte[] get(ApiRequest req, String template, Map<String, String> pathParams) {
        if ("/v1/balance".equals(template)) return Json.bytes(Balances.render(req.data()));
        StripeSpec.ListEndpoint list = lists.get(template);
        if (list != null) return listHandler.list(req, list, pathParams);
        ResourceType searched = spec.searched(template);
        if (searched != null) return search.search(req, searched);
        ResourceType type = retrieves.get(template);
        if (type != null) return retrieve(req, type, lastParam(pathParams));
        if ("/v1/account".equals(template)) return Json.bytes(Balances.platformAccount(req.data()));
        ResourceType nested = nestedRetrieves.get(template);
        if (nested != null) return retrieveNested(req, nested, pathParams);
        throw unsupported(req);
    }

    byte[] retrieve(ApiRequest req, ResourceType type, String id) {
        StoredObject o = req.data().type(type).get(id);
        if (o == null) {
            byte[] deleted = keepsDeleted.contains(type.object()) ? req.data().tombstone(id) : null;
            if (deleted != null) return deleted;
            throw ApiError.noSuch(type.noun(), id, "id");
        }
        List<String> expand = req.query().expand();
        if (expand.isEmpty()) return o.json();
        ObjectNode node = Json.parse(o.json());
        expander.expand(node, expand, req.data());
        return Json.bytes(node);
    }

    /** The child must exist and belong to the parent the path names (a field named like the path parameter). */
    private byte[] retrieveNested(ApiRequest req, ResourceType type, Map<String, String> pathParams) {
        ObjectNode node = ownedChild(req, type, pathParams);
        List<String> expand = req.query().expand();
        if (!expand.isEmpty()) expander.expand(node, expand, req.data());
        return Json.bytes(node);
    }

    /** The object a nested path names, which must exist under the parent the path names; else 404 like Stripe. */
    private static ObjectNode ownedChild(ApiRequest req, ResourceType type, Map<String, String> pathParams) {
        String id = lastParam(pathParams);
        StoredObject o = req.data().type(type).get(id);
        if (o == null) throw ApiError.noSuch(type.noun(), id, "id");
        ObjectNode node = Json.parse(o.json());
        for (var e : pathParams.entrySet()) {
            if (e.getValue().equals(id) || !node.has(e.getKey())) continue;
            if (!e.getValue().equals(Json.idOf(node.get(e.getKey())))) throw ApiError.noSuch(type.noun(), id, "id");
        }
        return node;
    }

    private byte[] post(ApiRequest req, Operation op, String template, Map<String, String> pathParams) {
        ObjectNode result;
        ResourceType created = creates.get(template);
        ResourceType updated = retrieves.get(template);
        if (actions.handles(req.method(), template)) {
            result = actions.run(req, op, template, pathParams);
        } else if (created != null) {
            result = writes.create(req, created, op);
        } else if (updated != null && updated.updatable()) {
            result = writes.update(req, updated, op, lastParam(pathParams));
        } else if (nestedCreates.get(template) instanceof StripeSpec.ListEndpoint under) {
            Map<String, String> parents = under.parents(pathParams);
            parents.forEach((param, parent) -> listHandler.requireParent(req.data(), param, parent));
            result = writes.create(req, under.type(), op, parents);
        } else if (nestedItems.get(template) instanceof StripeSpec.ListEndpoint item && item.updates()) {
            ownedChild(req, item.type(), pathParams);
            result = writes.update(req, item.type(), op, lastParam(pathParams));
        } else {
            throw unsupported(req);
        }
        return render(req, result);
    }

    private byte[] delete(ApiRequest req, String template, Map<String, String> pathParams) {
        if (actions.handles(req.method(), template)) {
            return render(req, actions.run(req, null, template, pathParams));
        }
        ResourceType type = retrieves.get(template);
        if (type == null && nestedItems.get(template) instanceof StripeSpec.ListEndpoint item && item.deletes()) {
            ownedChild(req, item.type(), pathParams);
            return Json.bytes(writes.delete(req, item.type(), lastParam(pathParams)));
        }
        if (type == null || !type.deletable()) throw unsupported(req);
        return Json.bytes(writes.delete(req, type, lastParam(pathParams)));
    }

    private byte[] render(ApiRequest req, ObjectNode result) {
        List<String> expand = req.params().expand();
        if (!expand.isEmpty()) expander.expand(result, expand, req.data());
        return Json.bytes(result);
    }

    private static String lastParam(Map<String, String> pathParams) {
        String last = null;
        for (String v : pathParams.values()) last = v;
        return last;
    }

    private static ApiError unsupported(ApiRequest req) {
        return ApiError.invalid("emulator_unsupported",
                "The emulator knows " + req.method() + " " + req.path() + " from Stripe's spec but does not implement it.", null);
    }
}
