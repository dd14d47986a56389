package io.wirewrap.stripe.registry;

import java.util.List;

/**
 * A query parameter a list endpoint filters by. {@code range} params take {@code name[gt|gte|lt|lte]} (deepObject)
 * besides plain equality; {@code enumValues} is empty unless the spec restricts the value.
 */
public record FilterParam(String name, Kind kind, boolean range, boolean required, List<String> enumValues) {
    public enum Kind { STRING, BOOL, INTEGER, UNIX_TIME, ENUM, ARRAY, OBJECT }

    public FilterParam {
        enumValues = List.copyOf(enumValues);
    }
}
