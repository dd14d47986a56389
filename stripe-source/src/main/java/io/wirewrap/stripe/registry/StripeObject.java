package io.wirewrap.stripe.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One queryable Stripe object (a foreign-table {@code object} option value) as derived from the OpenAPI spec.
 *
 * @param name         the {@code object} option value, wrappers spelling ({@code customers}, {@code checkout/sessions})
 * @param schema       the component schema of one item ({@code customer})
 * @param listPath     GET path returning a list, null for retrieve-only objects ({@code mandates}, {@code tokens})
 * @param parents      path parameters of the list path, each filled from an equality qual on a column
 * @param retrievePath GET path of one object (last {@code {param}} is the id), null when there is none
 * @param singleton    true for {@code balance}: one GET, no id, no pagination
 * @param filters      list query parameters (without pagination and expand)
 * @param searchPath   {@code /v1/x/search} when the Search API covers the object
 * @param create       POST endpoint creating an object, or null
 * @param update       POST endpoint updating one, or null
 * @param deletePath   DELETE endpoint, or null
 * @param fields       every top-level field of the item schema with its shape, in spec order
 */
public record StripeObject(String name, String schema, String listPath, List<PathParam> parents, String retrievePath,
                           boolean singleton, List<FilterParam> filters, String searchPath, WriteEndpoint create,
                           WriteEndpoint update, String deletePath, Map<String, FieldType> fields) {
    public StripeObject {
        parents = List.copyOf(parents);
        filters = List.copyOf(filters);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The table name IMPORT FOREIGN SCHEMA gives this object: '/' becomes '_'. */
    public String tableName() {
        return name.replace('/', '_');
    }

    public Optional<FilterParam> filter(String param) {
        return filters.stream().filter(f -> f.name().equals(param)).findFirst();
    }

    public Optional<PathParam> parentFor(String column) {
        return parents.stream().filter(p -> p.column().equals(column)).findFirst();
    }

    public boolean readOnly() {
        return create == null && update == null && deletePath == null;
    }
}
