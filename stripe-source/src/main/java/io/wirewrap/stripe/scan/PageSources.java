package io.wirewrap.stripe.scan;

import io.wirewrap.stripe.http.StripeClient;

import java.util.List;
import java.util.Map;

/** Public factory for {@link PageSource}, which stays package-private. */
public final class PageSources {
    private PageSources() {}

    /** Pages of one list, sending {@code expand[]} for each of {@code expand} ({@code data.customer}). */
    public static PageSource of(StripeClient client, String pathTemplate, Map<String, String> filters, ScanHistory history,
                                List<String> expand) {
        return new PageSource(client, pathTemplate, filters, history, expand);
    }
}
