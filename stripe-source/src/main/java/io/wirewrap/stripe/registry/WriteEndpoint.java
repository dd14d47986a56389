package io.wirewrap.stripe.registry;

import java.util.List;

/** A create or update endpoint and the top-level form fields its request body accepts. */
public record WriteEndpoint(String path, List<String> fields) {
    public WriteEndpoint {
        fields = List.copyOf(fields);
    }

    public boolean accepts(String field) {
        return fields.contains(field);
    }
}
