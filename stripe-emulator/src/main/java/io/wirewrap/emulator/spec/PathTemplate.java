package io.wirewrap.emulator.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** A spec path such as {@code /v1/customers/{customer}/payment_methods}, matched segment by segment. */
public record PathTemplate(String template, String[] segments) {

    public static PathTemplate of(String template) {
        return new PathTemplate(template, template.substring(1).split("/"));
    }

    /** Literal segments first, so {@code /v1/customers/search} beats {@code /v1/customers/{customer}}. */
    public int literalCount() {
        int n = 0;
        for (String s : segments) if (!s.startsWith("{")) n++;
        return n;
    }

    /** Path parameters by name, or null when the path does not match. */
    public Map<String, String> match(String[] pathSegments) {
        if (pathSegments.length != segments.length) return null;
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                if (pathSegments[i].isEmpty()) return null;
                if (params == null) params = new LinkedHashMap<>();
                params.put(s.substring(1, s.length() - 1), pathSegments[i]);
            } else if (!s.equals(pathSegments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
