package io.wirewrap.sql.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites PostgreSQL's path operators, which JSqlParser splits into {@code #} and {@code >}, into the
 * equivalent chain of single-step operators it parses: {@code attrs #> '{lines,data}'} becomes
 * {@code attrs -> 'lines' -> 'data'} and {@code attrs #>> '{items,0,price}'} becomes
 * {@code attrs -> 'items' -> 0 ->> 'price'}. The chain is exact for a literal path: all these operators share
 * one precedence level and associate left, and a numeric path element is an array index (as {@code #>} treats
 * it on arrays). String literals, quoted identifiers and comments are left untouched; a path that is not a
 * literal (a parameter, a column) is left as written.
 */
public final class JsonOperatorFix {
    private JsonOperatorFix() {}

    public static String rewrite(String sql) {
        if (sql.indexOf('#') < 0) return sql;
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = endOfString(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '#' && i + 1 < n && sql.charAt(i + 1) == '>') {
                boolean asText = i + 2 < n && sql.charAt(i + 2) == '>';
                int j = i + (asText ? 3 : 2);
                while (j < n && Character.isWhitespace(sql.charAt(j))) j++;
                List<String> path = j < n && sql.charAt(j) == '\'' ? literalPath(sql, j) : null;
                if (path == null || path.isEmpty()) {
                    out.append(sql, i, j);
                    i = j;
                    continue;
                }
                for (int k = 0; k < path.size(); k++) {
                    boolean last = k == path.size() - 1;
                    String elem = path.get(k);
                    boolean spaced = !out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1));
                    out.append(spaced ? "" : " ").append(last && asText ? "->> " : "-> ");
                    out.append(elem.matches("-?\\d+") ? elem : "'" + elem.replace("'", "''") + "'");
                }
                out.append(' ');
                i = endOfString(sql, j);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The elements of a {@code '{a,b,"c d"}'} text-array literal, or null when it is not one we can split. */
    private static List<String> literalPath(String sql, int quote) {
        int end = endOfString(sql, quote);
        String body = sql.substring(quote + 1, end - 1).replace("''", "'").trim();
        if (body.length() < 2 || body.charAt(0) != '{' || body.charAt(body.length() - 1) != '}') return null;
        String inner = body.substring(1, body.length() - 1);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean quotedElem = false;
        for (int k = 0; k < inner.length(); k++) {
            char ch = inner.charAt(k);
            if (ch == '"') {
                inQuotes = !inQuotes;
                quotedElem = true;
            } else if (ch == '\\' && k + 1 < inner.length()) {
                cur.append(inner.charAt(++k));
            } else if (ch == ',' && !inQuotes) {
                out.add(quotedElem ? cur.toString() : cur.toString().trim());
                cur.setLength(0);
                quotedElem = false;
            } else {
                cur.append(ch);
            }
        }
        if (inQuotes) return null;
        if (!inner.isBlank()) out.add(quotedElem ? cur.toString() : cur.toString().trim());
        return out;
    }

    private static int endOfString(String sql, int quote) {
        int n = sql.length();
        int i = quote + 1;
        while (i < n) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') i += 2;
                else return i + 1;
            } else i++;
        }
        return n;
    }
}
