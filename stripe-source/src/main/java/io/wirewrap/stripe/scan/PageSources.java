package io.wirewrap.stripe.scan;

import io.wirewrap.stripe.http.StripeClient;

import java.util.Map;

/** Public factory for {@link PageSource}, which stays package-private. */
public final class PageSources {
    private PageSources() {}

    public static PageSource of(StripeClient client, String pathTemplate, Map<String, String> filters, ScanHistory history) {
        return new PageSource(client, pathTemplate, filters, history);
    }
}
