package io.wirewrap.fdw;

import java.util.Map;
import java.util.Optional;

/**
 * The effective options of a server for the current user: server options overlaid with the user mapping's,
 * with vault references ({@code api_key_id}, {@code api_key_name}) already resolved into {@code api_key}.
 * {@link #toString()} masks secrets so it is safe to log.
 */
public record SourceOptions(Map<String, String> values) {
    public static final String API_KEY = "api_key";

    public SourceOptions {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new FdwException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "option \"" + key + "\" is required");
        }
        return v;
    }

    @Override
    public String toString() {
        var masked = new java.util.TreeMap<String, String>();
        values.forEach((k, v) -> masked.put(k, k.contains("key") || k.contains("secret") || k.contains("headers") ? "********" : v));
        return "SourceOptions" + masked;
    }
}
