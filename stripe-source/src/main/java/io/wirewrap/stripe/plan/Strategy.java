package io.wirewrap.stripe.plan;

import java.util.List;
import java.util.Map;

/** How a scan reaches Stripe, cheapest first. */
public sealed interface Strategy {
    /** The quals cannot match anything (contradiction, empty range): no request at all. */
    record Empty(String why) implements Strategy {}

    /** One GET of a singleton object ({@code /v1/balance}). */
    record Singleton(String path) implements Strategy {}

    /** GET one object per id ({@code id = x}, {@code id in (...)}), in parallel; 404 means "no such row". */
    record Retrieve(String pathTemplate, String idParam, Map<String, String> parents, List<String> ids) implements Strategy {
        public Retrieve {
            parents = Map.copyOf(parents);
            ids = List.copyOf(ids);
        }
    }

    /**
     * Paginated list requests. Each variant (one per value of an IN qual on a filter or parent column, else one)
     * holds its path parameters and query filters; {@code created} is split across workers when {@code splittable}.
     */
    record ListScan(String pathTemplate, List<Map<String, String>> variants, Map<String, String> filters, Range created,
                    boolean splittable, long limit) implements Strategy {
        public ListScan {
            variants = List.copyOf(variants);
        }
    }

    /** The Search API: {@code query} in Stripe's search language, paged with {@code page}. */
    record Search(String path, String query, long limit) implements Strategy {}
}
