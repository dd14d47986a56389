package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Search API ({@code /v1/customers/search?query=...}): a {@code search_result} in created-desc order with
 * opaque {@code page} tokens, {@code next_page}, and {@code total_count} only when {@code expand[]=total_count}.
 */
final class Search {
    /** Searchable fields per object, from Stripe's search documentation. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "charge", Set.of("amount", "billing_details.address.postal_code", "created", "currency", "customer", "disputed",
                    "metadata", "payment_method_details.card.last4", "payment_method_details.card.brand",
                    "payment_method_details.card.exp_month", "payment_method_details.card.exp_year", "refunded", "status",
                    "payment_intent"),
            "customer", Set.of("created", "email", "metadata", "name", "phone"),
            "invoice", Set.of("created", "currency", "customer", "metadata", "number", "receipt_number", "status",
                    "subscription", "total"),
            "payment_intent", Set.of("amount", "created", "currency", "customer", "metadata", "status"),
            "price", Set.of("active", "currency", "lookup_key", "metadata", "product", "type"),
            "product", Set.of("active", "description", "metadata", "name", "shipping", "url"),
            "subscription", Set.of("created", "metadata", "status"));

    private final StripeSpec spec;
    private final Expander expander;

    Search(StripeSpec spec, Expander expander) {
        this.spec = spec;
        this.expander = expander;
    }

    byte[] search(ApiRequest req, ResourceType type) {
        ListQuery limits = ListQuery.from(req.query());
        String q = req.query().text("query");
        SearchQuery query = SearchQuery.parse(q, FIELDS.getOrDefault(type.object(), Set.of()));
        int offset = decodePage(req.query().text("page"));
        List<String> expand = req.query().expand();
        boolean wantTotal = expand.contains("total_count");
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        ArrayNode data = result.putArray("data");
        int matched = 0;
        boolean more = false;
        TypeStore store = req.data().type(type);
        for (StoredObject o : store.ordered().values()) {
            ObjectNode node = Json.parse(o.json());
            if (!query.matches(node)) continue;
            if (matched >= offset && data.size() < limits.limit()) data.add(node);
            else if (matched >= offset + limits.limit()) {
                more = true;
                if (!wantTotal) {
                    matched++;
                    break;
                }
            }
            matched++;
        }
        more = more || req.hasMoreForever();
        result.put("has_more", more);
        if (more) result.put("next_page", encodePage(offset + limits.limit()));
        else result.putNull("next_page");
        result.put("url", req.path());
        if (wantTotal) result.put("total_count", matched);
        expander.expand(result, expand, req.data());
        return Json.bytes(result);
    }

    private static String encodePage(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("emu:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decodePage(String page) {
        if (page == null || page.isEmpty()) return 0;
        try {
            String s = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.US_ASCII);
            if (!s.startsWith("emu:")) throw new IllegalArgumentException();
            return Integer.parseInt(s.substring(4));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("parameter_invalid_string", "Invalid page: " + page, "page");
        }
    }
}
