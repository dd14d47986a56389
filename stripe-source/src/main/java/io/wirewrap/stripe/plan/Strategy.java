package io.wirewrap.stripe.plan;

import java.util.List;
import java.util.Map;

/**
 * How a scan reaches Stripe, cheapest first. {@code expand} are the {@code expand[]} values each request sends
 * (see {@link ExpandPaths}), already prefixed with {@code data.} for lists and searches.
 */
public sealed interface Strategy {
    /** The quals cannot match anything (contradiction, empty range): no request at all. */
    record Empty(String why) implements Strategy {}

    /** One GET of a singleton object ({@code /v1/balance}). */
    record Singleton(String path) implements Strategy {}

    /** GET one object per id ({@code id = x}, {@code id in (...)}), in parallel; 404 means "no such row". */
    record Retrieve(String pathTemplate, String idParam, Map<String, String> parents, List<String> ids,
                    List<String> expand) implements Strategy {
        public Retrieve {
            parents = Map.copyOf(parents);
            ids = List.copyOf(ids);
            expand = List.copyOf(expand);
        }
    }

    /**
     * Paginated list requests. Each variant (one per value of an IN qual on a filter or parent column, else one)
     * holds its path parameters and query filters; {@code created} is split across workers when {@code splittable}.
     */
    record ListScan(String pathTemplate, List<Map<String, String>> variants, Map<String, String> filters, Range created,
                    boolean splittable, long limit, List<String> expand) implements Strategy {
        public ListScan {
            variants = List.copyOf(variants);
            expand = List.copyOf(expand);
        }
    }

    /** The Search API: {@code query} in Stripe's search language, paged with {@code page}. */
    record Search(String path, String query, long limit, List<String> expand) implements Strategy {
        public Search {
            expand = List.copyOf(expand);
        }
    }
}
