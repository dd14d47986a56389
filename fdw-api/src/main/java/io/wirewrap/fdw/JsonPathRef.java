package io.wirewrap.fdw;

import java.util.List;

/**
 * A path the query reads inside a JSON column: {@code attrs->'customer'->>'email'} and
 * {@code attrs #>> '{customer,email}'} are both {@code JsonPathRef("attrs", ["customer", "email"])}. Only the
 * leading literal object keys are kept ({@code attrs->'lines'->0->'x'} is {@code ["lines"]}).
 */
public record JsonPathRef(String column, List<String> path) {
    public JsonPathRef {
        path = List.copyOf(path);
    }
}
