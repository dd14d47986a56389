package io.wirewrap.emulator.api;

import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.spec.StripeSpec;

/** The Search API. */
final class Search {
    private final StripeSpec spec;
    private final Expander expander;

    Search(StripeSpec spec, Expander expander) {
        this.spec = spec;
        this.expander = expander;
    }

    byte[] search(ApiRequest req, ResourceType type) {
        throw ApiError.invalid(null, "search is not implemented yet", "query");
    }
}
