package io.wirewrap.stripe.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Percent-encoding for ids in paths and values in query strings; brackets in Stripe parameter names stay literal. */
public final class Encoding {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private Encoding() {}

    /** Encodes everything but RFC 3986 unreserved characters, so {@code ../x} cannot climb out of its path segment. */
    public static String pct(String s) {
        // "." and ".." alone are dot-segments that servers and proxies normalise away: encode those dots
        if (s.equals(".") || s.equals("..")) return s.replace(".", "%2E");
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~'
                    || c == '.') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Fills {@code {param}} placeholders of a spec path. */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PARAM.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) throw new IllegalStateException("no value for path parameter " + m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(pct(v)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The {@code {param}} names of a spec path, in path order. */
    public static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** {@code a=1&created[gte]=5}, values encoded, names as given (they are spec names, never user input). */
    public static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) sb.append('&');
            sb.append(k).append('=').append(pctQuery(v));
        });
        return sb.toString();
    }

    /** {@code url} with one {@code expand[]=value} per value appended (values are spec field paths, never user text). */
    public static String withExpand(String url, List<String> expand) {
        StringBuilder sb = new StringBuilder(url);
        for (String e : expand) sb.append(sb.indexOf("?") < 0 ? '?' : '&').append("expand[]=").append(pctQuery(e));
        return sb.toString();
    }

    private static String pctQuery(String v) {
        return v.equals(".") || v.equals("..") ? v : pct(v);
    }
}
