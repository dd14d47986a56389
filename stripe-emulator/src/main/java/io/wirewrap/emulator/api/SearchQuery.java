package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's search query language: clauses {@code field:'value'} (exact, case-insensitive), {@code field~'sub'}
 * (substring, at least 3 characters), {@code field>n} / {@code <} / {@code >=} / {@code <=}, {@code field:null},
 * {@code metadata['key']:'value'}, a leading {@code -} to negate, joined by {@code AND} / {@code OR} (or a space,
 * meaning AND) but never both in one query.
 */
public record SearchQuery(List<Clause> clauses, boolean or) {

    /** One comparison; {@code path} is dotted ({@code metadata.plan}, {@code billing_details.address.postal_code}). */
    public record Clause(List<String> path, String op, String value, boolean quoted, boolean negated) {}

    public static SearchQuery parse(String q, Set<String> allowedFields) {
        if (q == null || q.isBlank()) throw ApiError.missingParameter("query");
        Parser p = new Parser(q);
        List<Clause> clauses = new ArrayList<>();
        Boolean or = null;
        clauses.add(p.clause(allowedFields));
        while (p.skipSpaces()) {
            String word = p.peekWord();
            boolean thisOr;
            if ("OR".equalsIgnoreCase(word)) {
                p.pos += 2;
                thisOr = true;
            } else if ("AND".equalsIgnoreCase(word)) {
                p.pos += 3;
                thisOr = false;
            } else {
                thisOr = false;
            }
            if (or != null && or != thisOr) throw p.error("Query cannot mix AND and OR.");
            or = thisOr;
            p.skipSpaces();
            clauses.add(p.clause(allowedFields));
        }
        if (clauses.size() > 10) throw p.error("Query can contain at most 10 clauses.");
        return new SearchQuery(clauses, or != null && or);
    }

    public boolean matches(JsonNode object) {
        for (Clause c : clauses) {
            boolean m = matches(object, c) != c.negated();
            if (or && m) return true;
            if (!or && !m) return false;
        }
        return !or;
    }

    private static boolean matches(JsonNode object, Clause c) {
        JsonNode v = object;
        for (String part : c.path()) {
            v = v == null ? null : v.get(part);
            if (v != null && v.isObject() && v.has("id") && !part.equals("metadata") && c.path().indexOf(part) == c.path().size() - 1) v = v.get("id");
        }
        if ("null".equals(c.value()) && !c.quoted()) return v == null || v.isNull();
        if (v == null || v.isNull() || v.isMissingNode()) return false;
        switch (c.op()) {
            case ":" -> {
                if (v.isNumber()) return numberEquals(v, c.value());
                return v.asText().toLowerCase(Locale.ROOT).equals(c.value().toLowerCase(Locale.ROOT));
            }
            case "~" -> {
                return v.asText().toLowerCase(Locale.ROOT).contains(c.value().toLowerCase(Locale.ROOT));
            }
            default -> {
                if (!v.isNumber()) return false;
                int cmp = v.decimalValue().compareTo(new BigDecimal(c.value()));
                return switch (c.op()) {
                    case ">" -> cmp > 0;
                    case "<" -> cmp < 0;
                    case ">=" -> cmp >= 0;
                    default -> cmp <= 0;
                };
            }
        }
    }

    private static boolean numberEquals(JsonNode v, String text) {
        try {
            return v.decimalValue().compareTo(new BigDecimal(text)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) { this.s = s.trim(); }

        ApiError error(String why) {
            return ApiError.invalid("parameter_invalid_string", "Invalid query: " + why + " (query: " + s + ")", "query");
        }

        boolean skipSpaces() {
            int start = pos;
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
            return pos < s.length() && (pos > start || pos == start) && pos < s.length();
        }

        String peekWord() {
            int e = pos;
            while (e < s.length() && Character.isLetter(s.charAt(e))) e++;
            String w = s.substring(pos, e);
            return e < s.length() && Character.isWhitespace(s.charAt(e)) ? w : "";
        }

        Clause clause(Set<String> allowed) {
            boolean negated = false;
            if (pos < s.length() && s.charAt(pos) == '-') {
                negated = true;
                pos++;
            }
            List<String> path = new ArrayList<>();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) pos++;
            String field = s.substring(start, pos);
            if (field.isEmpty()) throw error("expected a field name at position " + start);
            for (String part : field.split("\\.")) path.add(part);
            if (pos < s.length() && s.charAt(pos) == '[') {
                pos++;
                String key = quoted();
                if (pos >= s.length() || s.charAt(pos) != ']') throw error("expected ] after metadata key");
                pos++;
                path.add(key);
            }
            if (!allowed.contains(field) && !(field.equals("metadata") && path.size() == 2)) {
                throw ApiError.invalid("parameter_invalid_string", "Field '" + field + "' is an unsupported search field for this resource. "
                        + "See https://stripe.com/docs/search#query-fields-for-" + "resources for a list of supported fields.", "query");
            }
            String op;
            if (s.startsWith(">=", pos) || s.startsWith("<=", pos)) op = s.substring(pos, pos + 2);
            else if (pos < s.length() && ":~<>".indexOf(s.charAt(pos)) >= 0) op = String.valueOf(s.charAt(pos));
            else throw error("expected one of : ~ > < >= <= after " + field);
            pos += op.length();
            boolean isQuoted = pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"');
            String value;
            if (isQuoted) {
                value = quoted();
            } else {
                int vs = pos;
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) pos++;
                value = s.substring(vs, pos);
                if (!"null".equals(value)) {
                    try {
                        new BigDecimal(value);
                    } catch (NumberFormatException e) {
                        throw error("string values must be quoted: " + value);
                    }
                }
            }
            if ("~".equals(op) && value.length() < 3) throw error("substring search needs at least 3 characters");
            if (op.startsWith("<") || op.startsWith(">")) {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw error("range operators need a number: " + value);
                }
            }
            return new Clause(path, op, value, isQuoted, negated);
        }

        String quoted() {
            if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) throw error("expected a quoted string at position " + pos);
            char q = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != q) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) c = s.charAt(pos++);
                sb.append(c);
            }
            if (pos >= s.length()) throw error("unterminated string");
            pos++;
            return sb.toString();
        }
    }
}
