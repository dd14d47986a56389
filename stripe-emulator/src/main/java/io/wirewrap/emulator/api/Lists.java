package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** GET list endpoints: filters, cursor pagination in created-desc order, has_more, expand. */
final class Lists {
    /** Sorts after every real id in list order, so a created bound includes all ids of that second. */
    private static final String HIGHEST_ID = "\uffff";
    /** Nested list paths whose items live inside the parent object, and the parent field holding them. */
    private static final Map<String, String> EMBEDDED = Map.of(
            "/v1/invoices/{invoice}/lines", "lines",
            "/v1/credit_notes/{credit_note}/lines", "lines",
            "/v1/checkout/sessions/{session}/line_items", "line_items",
            "/v1/quotes/{quote}/line_items", "line_items");
    /** Path parameters that name a parent object, and the parent's object type. */
    private static final Map<String, String> PARENT_TYPES = Map.ofEntries(Map.entry("customer", "customer"),
            Map.entry("charge", "charge"), Map.entry("invoice", "invoice"), Map.entry("credit_note", "credit_note"),
            Map.entry("session", "checkout.session"), Map.entry("quote", "quote"), Map.entry("subscription_item", "subscription_item"),
            Map.entry("payment_link", "payment_link"), Map.entry("account", "account"), Map.entry("transfer", "transfer"),
            Map.entry("fee", "application_fee"));

    /** Nested lists under parents the emulator keeps no children for: they answer empty. */
    private static final java.util.Set<String> UNPOPULATED_PARENTS = java.util.Set.of("account", "id", "source",
            "calculation", "transaction", "subscription_item", "payment_link");

    private final StripeSpec spec;
    private final Expander expander;

    Lists(StripeSpec spec, Expander expander) {
        this.spec = spec;
        this.expander = expander;
    }

    byte[] list(ApiRequest req, StripeSpec.ListEndpoint endpoint, Map<String, String> listPathParams) {
        Map<String, String> pathParams = endpoint.parents(listPathParams);
        ListQuery q = ListQuery.from(req.query());
        AccountData data = req.data();
        for (var e : pathParams.entrySet()) requireParent(data, e.getKey(), e.getValue());
        String template = endpoint.path().template();
        if (EMBEDDED.containsKey(template)) {
            String parentId = pathParams.values().iterator().next();
            return embedded(req, q, data.find(parentId), EMBEDDED.get(template));
        }
        TypeStore store = data.type(endpoint.type());
        Map<String, String> parentFilters = new java.util.LinkedHashMap<>();
        pathParams.forEach((name, value) -> parentFilters.put(name, value));
        for (String name : pathParams.keySet())
            if (UNPOPULATED_PARENTS.contains(name)) return render(req, List.of(), false);
        Filters filters = Filters.from(subscriptionStatusDefault(req, endpoint), store, parentFilters);
        Page page = walk(store, filters, q, req.repeatCursor());
        return render(req, page.items, page.hasMore || req.hasMoreForever());
    }

    record Page(List<StoredObject> items, boolean hasMore) {}

    /**
     * Stripe lists subscriptions that are not canceled unless asked: no {@code status} means "not canceled",
     * {@code status=all} means everything, {@code status=ended} means canceled or incomplete_expired.
     */
    private static Params subscriptionStatusDefault(ApiRequest req, StripeSpec.ListEndpoint endpoint) {
        if (!"subscription".equals(endpoint.type().object())) return req.query();
        String status = req.query().text("status");
        if (status != null && !"all".equals(status) && !"ended".equals(status)) return req.query();
        return req.query().withStatusRule(status == null ? Params.StatusRule.NOT_CANCELED
                : "all".equals(status) ? Params.StatusRule.ALL : Params.StatusRule.ENDED);
    }

    /** The page after/before a cursor, honouring created bounds to skip most of a large store. */
    Page walk(TypeStore store, Filters filters, ListQuery q, boolean repeatCursor) {
        NavigableMap<TypeStore.Key, StoredObject> view = store.ordered();
        boolean backwards = false;
        // forward walks start at the later of the cursor and the created upper bound
        TypeStore.Key bound = filters.createdMax == Long.MAX_VALUE ? null : new TypeStore.Key(filters.createdMax, HIGHEST_ID);
        if (q.startingAfter() != null) {
            TypeStore.Key cursor = TypeStore.keyOf(cursor(store, q.startingAfter(), "starting_after"));
            view = bound != null && TypeStore.LIST_ORDER.compare(bound, cursor) > 0
                    ? view.tailMap(bound, true) : view.tailMap(cursor, repeatCursor);
        } else if (q.endingBefore() != null) {
            view = view.headMap(TypeStore.keyOf(cursor(store, q.endingBefore(), "ending_before")), false).descendingMap();
            backwards = true;
        } else if (bound != null) {
            view = view.tailMap(bound, true);
        }
        List<StoredObject> out = new ArrayList<>(Math.min(q.limit() + 1, 101));
        Filters.Parsed parsed = new Filters.Parsed();
        for (StoredObject o : view.values()) {
            if (!backwards && o.created() < filters.createdMin) break;
            if (backwards && o.created() > filters.createdMax) break;
            if (!filters.test(o, parsed)) continue;
            out.add(o);
            if (out.size() > q.limit()) break;
        }
        boolean hasMore = out.size() > q.limit();
        if (hasMore) out.remove(out.size() - 1);
        if (backwards) Collections.reverse(out);
        return new Page(out, hasMore);
    }

    private StoredObject cursor(TypeStore store, String id, String param) {
        StoredObject o = store.get(id);
        if (o == null) throw new ApiError(400, "invalid_request_error", "resource_missing",
                "No such " + store.type().noun() + ": '" + id + "'", param);
        return o;
    }

    /** 404 when the parent a nested path names does not exist (for the parent types the emulator keeps). */
    void requireParent(AccountData data, String param, String id) {
        String parentType = PARENT_TYPES.get(param);
        if (parentType == null || spec.byObject(parentType) == null) return;
        if ("account".equals(parentType)) return;
        if (data.type(parentType).get(id) == null) throw ApiError.noSuch(parentType, id, param);
    }

    private byte[] render(ApiRequest req, List<StoredObject> items, boolean hasMore) {
        List<String> expand = req.query().expand();
        if (expand.isEmpty()) return ListPage.render(items, hasMore, req.path());
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode arr = list.putArray("data");
        for (StoredObject o : items) arr.add(Json.parse(o.json()));
        list.put("has_more", hasMore);
        list.put("url", req.path());
        expander.expand(list, expand, req.data());
        return Json.bytes(list);
    }

    /** Lists held inside their parent (invoice lines): paginated by position, the parent's own order. */
    private byte[] embedded(ApiRequest req, ListQuery q, StoredObject parent, String field) {
        List<JsonNode> all = new ArrayList<>();
        if (parent != null) Json.parse(parent.json()).path(field).path("data").forEach(all::add);
        int from = 0, to = all.size();
        if (q.startingAfter() != null) from = indexOf(all, q.startingAfter(), "starting_after") + 1;
        if (q.endingBefore() != null) to = indexOf(all, q.endingBefore(), "ending_before");
        int start = q.endingBefore() != null ? Math.max(from, to - q.limit()) : from;
        int end = q.endingBefore() != null ? to : Math.min(to, from + q.limit());
        boolean hasMore = q.endingBefore() != null ? start > 0 : end < all.size();
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode arr = list.putArray("data");
        for (int i = start; i < end; i++) arr.add(all.get(i));
        list.put("has_more", hasMore || req.hasMoreForever());
        list.put("url", req.path());
        expander.expand(list, req.query().expand(), req.data());
        return Json.bytes(list);
    }

    private static int indexOf(List<JsonNode> items, String id, String param) {
        for (int i = 0; i < items.size(); i++) if (id.equals(items.get(i).path("id").asText())) return i;
        throw new ApiError(400, "invalid_request_error", "resource_missing", "No such line item: '" + id + "'", param);
    }
}
