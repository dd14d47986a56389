package io.wirewrap.sql.session;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The session's run-time parameters (GUCs) as SET/SHOW/current_setting see them. Names are case-insensitive
 * and stored lower-case; the session package owns defaults, validation and which are reported.
 */
public final class Settings {
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private long version; // bumped on every change, so reported values are recomputed only when needed

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String getOrDefault(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public void set(String name, String value) {
        values.put(name, value);
        version++;
    }

    public void remove(String name) {
        values.remove(name);
        version++;
    }

    /** Replaces every value (RESET ALL, end of a transaction that had SET LOCAL, ROLLBACK). */
    public void replaceAll(Map<String, String> newValues) {
        values.clear();
        values.putAll(newValues);
        version++;
    }

    /** Changes whenever a value changes. */
    public long version() {
        return version;
    }

    public Map<String, String> snapshot() {
        return new TreeMap<>(values);
    }
}
