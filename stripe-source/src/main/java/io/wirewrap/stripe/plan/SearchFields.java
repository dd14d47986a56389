package io.wirewrap.stripe.plan;

import java.util.Map;
import java.util.Set;

/**
 * Which fields Stripe's Search query language supports per object (from Stripe's "Search query language" docs; the
 * OpenAPI spec does not describe the query grammar). Text fields marked substring accept {@code field~'abc'}.
 */
final class SearchFields {
    enum Kind { TEXT, SUBSTRING_TEXT, NUMBER, BOOL, TIME }

    private static final Map<String, Map<String, Kind>> FIELDS = Map.of(
            "customers", Map.of("created", Kind.TIME, "email", Kind.SUBSTRING_TEXT, "name", Kind.SUBSTRING_TEXT,
                    "phone", Kind.SUBSTRING_TEXT),
            "charges", Map.of("amount", Kind.NUMBER, "created", Kind.TIME, "currency", Kind.TEXT, "customer", Kind.TEXT,
                    "disputed", Kind.BOOL, "refunded", Kind.BOOL, "status", Kind.TEXT, "payment_intent", Kind.TEXT),
            "invoices", Map.of("created", Kind.TIME, "currency", Kind.TEXT, "customer", Kind.TEXT, "number", Kind.TEXT,
                    "receipt_number", Kind.TEXT, "status", Kind.TEXT, "subscription", Kind.TEXT, "total", Kind.NUMBER),
            "payment_intents", Map.of("amount", Kind.NUMBER, "created", Kind.TIME, "currency", Kind.TEXT,
                    "customer", Kind.TEXT, "status", Kind.TEXT),
            "prices", Map.of("active", Kind.BOOL, "currency", Kind.TEXT, "lookup_key", Kind.TEXT, "product", Kind.TEXT,
                    "type", Kind.TEXT),
            "products", Map.of("active", Kind.BOOL, "description", Kind.SUBSTRING_TEXT, "name", Kind.SUBSTRING_TEXT,
                    "shippable", Kind.BOOL, "url", Kind.SUBSTRING_TEXT),
            "subscriptions", Map.of("created", Kind.TIME, "status", Kind.TEXT));

    private SearchFields() {}

    static Kind kind(String object, String field) {
        return FIELDS.getOrDefault(object, Map.of()).get(field);
    }

    static boolean supportsMetadata(String object) {
        return FIELDS.containsKey(object);
    }

    static Set<String> objects() {
        return FIELDS.keySet();
    }

    /** A string literal of the search language: single quotes, backslash escapes. */
    static String literal(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
