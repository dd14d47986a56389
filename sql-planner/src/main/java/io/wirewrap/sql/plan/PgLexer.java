package io.wirewrap.sql.plan;

import io.wirewrap.sql.api.SqlError;

/**
 * Rewrites the few PostgreSQL tokens JSqlParser cannot parse into forms it can, before parsing, while leaving
 * string literals, quoted identifiers and comments untouched:
 * <ul>
 *   <li>{@code x #> '{a,b}'} / {@code x #>> '{a,b}'} become {@code x -> '<PATH>{a,b}'} / {@code ->>}: the
 *       rewriter and the qual extractor recognise the marked literal as a whole path;</li>
 *   <li>{@code OPERATOR(pg_catalog.~)} (psql sends it) becomes the bare operator;</li>
 *   <li>the LIKE operators {@code ~~ ~~* !~~ !~~*} (postgres_fdw deparses LIKE as them) become
 *       {@code LIKE ILIKE NOT LIKE NOT ILIKE};</li>
 *   <li>{@code COLLATE pg_catalog.default} / {@code COLLATE "C"} disappear (DuckDB has other collations, and
 *       the default is what these mean here);</li>
 *   <li>dollar-quoted strings become ordinary literals.</li>
 * </ul>
 */
public final class PgLexer {
    /** Prefix of a string literal that came from a {@code #>} path; never occurs in SQL text users write. */
    public static final char PATH_MARK = '\u0001';

    private PgLexer() {}

    /** Longest first, so {@code !~~*} is not read as {@code !~~} followed by {@code *}. */
    private static final java.util.List<java.util.Map.Entry<String, String>> LIKE_OPERATORS = java.util.List.of(
            java.util.Map.entry("!~~*", "NOT ILIKE"), java.util.Map.entry("~~*", "ILIKE"),
            java.util.Map.entry("!~~", "NOT LIKE"), java.util.Map.entry("~~", "LIKE"));

    private static String likeOperator(String sql, int i) {
        for (var e : LIKE_OPERATORS) if (sql.startsWith(e.getKey(), i)) return e.getKey();
        return null;
    }

    public static String prepare(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
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
                i = end < 0 ? n : end; // drop the comment; the newline stays
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))
                    && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) throw SqlError.syntax("unterminated dollar-quoted string", i + 1);
                out.append('\'').append(sql.substring(i + tag.length(), end).replace("'", "''")).append('\'');
                i = end + tag.length();
            } else if (c == '?' && (i + 1 >= n || (sql.charAt(i + 1) != '|' && sql.charAt(i + 1) != '&'))
                    && skipSpace(sql, i + 1) < n && sql.charAt(skipSpace(sql, i + 1)) == '\'') {
                // jsonb key existence "j ? 'k'": JSqlParser reads a lone ? as a JDBC parameter; ?| with one key is the same test
                int j = skipSpace(sql, i + 1);
                int end = endOfString(sql, j);
                out.append("?| ARRAY[").append(sql, j, end).append(']');
                i = end;
            } else if (c == '#' && i + 1 < n && sql.charAt(i + 1) == '>') {
                boolean text = i + 2 < n && sql.charAt(i + 2) == '>';
                int j = skipSpace(sql, i + (text ? 3 : 2));
                if (j >= n || sql.charAt(j) != '\'') {
                    throw SqlError.unsupported((text ? "#>>" : "#>") + " with a path that is not a literal");
                }
                int end = endOfString(sql, j);
                out.append(text ? " ->> '" : " -> '").append(PATH_MARK).append(sql, j + 1, end);
                i = end;
            } else if (startsWithWord(sql, i, "operator") && skipSpace(sql, i + 8) < n && sql.charAt(skipSpace(sql, i + 8)) == '(') {
                int open = skipSpace(sql, i + 8);
                int close = sql.indexOf(')', open);
                if (close < 0) throw SqlError.syntax("syntax error at or near \"OPERATOR\"", i + 1);
                String op = sql.substring(open + 1, close).trim();
                int dot = op.lastIndexOf('.');
                String bare = dot < 0 ? op : op.substring(dot + 1);
                String like = likeOperator(bare, 0);
                out.append(' ').append(like != null && like.equals(bare) ? likeWord(like) : bare).append(' ');
                i = close + 1;
            } else if ((c == '~' || c == '!') && likeOperator(sql, i) != null) {
                String like = likeOperator(sql, i);
                out.append(' ').append(likeWord(like)).append(' ');
                i += like.length();
            } else if (startsWithWord(sql, i, "collate")) {
                int j = skipSpace(sql, i + 7);
                int k = j;
                while (k < n && (Character.isLetterOrDigit(sql.charAt(k)) || "_.\"".indexOf(sql.charAt(k)) >= 0)) k++;
                i = k;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        String s = out.toString().strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    private static String likeWord(String operator) {
        for (var e : LIKE_OPERATORS) if (e.getKey().equals(operator)) return e.getValue();
        throw new IllegalArgumentException(operator);
    }

    private static int endOfString(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw SqlError.syntax("unterminated quoted string", start + 1);
    }

    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    private static int skipSpace(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return i;
    }

    private static boolean startsWithWord(String sql, int i, String word) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_' || sql.charAt(i - 1) == '.')) return false;
        if (!sql.regionMatches(true, i, word, 0, word.length())) return false;
        int e = i + word.length();
        return e >= sql.length() || !(Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_');
    }

    /** Splits a {@code #>} path literal ({@code {a,b,"c d"}}) into its elements. */
    public static java.util.List<String> pathElements(String literal) {
        String s = literal.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) throw new SqlError("22P02", "malformed array literal: \"" + literal + "\"");
        var parts = new java.util.ArrayList<String>();
        String body = s.substring(1, s.length() - 1);
        if (body.isBlank()) return parts;
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '\\' && i + 1 < body.length()) cur.append(body.charAt(++i));
            else if (c == ',' && !quoted) {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else cur.append(c);
        }
        parts.add(cur.toString().strip());
        return parts;
    }
}
