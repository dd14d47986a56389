package io.wirewrap.sql.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-Query string into statements at top-level semicolons, the way PostgreSQL's scanner sees
 * them: semicolons inside 'strings' (with '' escapes), E'strings' (with backslash escapes), "identifiers",
 * $tag$dollar quotes$tag$, -- line comments and nested block comments do not split. Statements that are
 * empty or only comments are dropped; a trailing semicolon is not part of a statement.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    /** One statement: its text (trimmed, no trailing semicolon) and its 0-based offset in the whole string. */
    public record Piece(String sql, int offset) {}

    public static List<Piece> split(String sql) {
        List<Piece> out = new ArrayList<>();
        int n = sql.length();
        int start = 0;
        boolean meaningful = false; // has this statement anything but whitespace and comments?
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                if (meaningful) add(out, sql, start, i);
                start = i + 1;
                meaningful = false;
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipLineComment(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                meaningful = true;
                i = skipToken(sql, i);
            }
        }
        if (meaningful) add(out, sql, start, n);
        return out;
    }

    /** True when the string holds no statement (empty, blanks, comments, semicolons). */
    public static boolean isEmpty(String sql) {
        return split(sql).isEmpty();
    }

    private static void add(List<Piece> out, String sql, int from, int to) {
        int s = from;
        int e = to;
        while (s < e && Character.isWhitespace(sql.charAt(s))) s++;
        while (e > s && Character.isWhitespace(sql.charAt(e - 1))) e--;
        out.add(new Piece(sql.substring(s, e), s));
    }

    /** Skips one token starting at a non-blank, non-comment character; returns the index after it. */
    private static int skipToken(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
            return skipQuoted(sql, i + 1, '\'', true);
        }
        if (c == '\'') return skipQuoted(sql, i, '\'', false);
        if (c == '"') return skipQuoted(sql, i, '"', false);
        if (c == '$') {
            int end = dollarTagEnd(sql, i);
            if (end > 0 && !identifierBefore(sql, i)) {
                String tag = sql.substring(i, end);
                int close = sql.indexOf(tag, end);
                return close < 0 ? n : close + tag.length();
            }
            return i + 1;
        }
        if (isIdentChar(c)) {
            int j = i + 1;
            while (j < n && isIdentChar(sql.charAt(j))) j++;
            return j;
        }
        return i + 1;
    }

    private static boolean identifierBefore(String sql, int i) {
        return i > 0 && isIdentChar(sql.charAt(i - 1));
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** For $tag$ or $$ at i, the index after the closing $ of the opening tag; -1 when it is not a dollar quote ($1). */
    static int dollarTagEnd(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        if (j < n && Character.isDigit(sql.charAt(j))) return -1; // positional parameter $1
        while (j < n) {
            char c = sql.charAt(j);
            if (c == '$') return j + 1;
            if (!(Character.isLetterOrDigit(c) || c == '_')) return -1;
            j++;
        }
        return -1;
    }

    private static int skipQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int j = open + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2; // doubled quote
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n; // unterminated: the rest belongs to this statement, the parser reports it
    }

    private static int skipLineComment(String sql, int i) {
        int nl = sql.indexOf('\n', i);
        return nl < 0 ? sql.length() : nl + 1;
    }

    private static int skipBlockComment(String sql, int i) {
        int n = sql.length();
        int depth = 0;
        int j = i;
        while (j < n) {
            if (sql.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (sql.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) return j;
            } else {
                j++;
            }
        }
        return n;
    }
}
