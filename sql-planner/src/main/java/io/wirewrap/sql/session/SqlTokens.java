package io.wirewrap.sql.session;

import io.wirewrap.sql.api.SqlError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small PostgreSQL lexer for the statements the session answers itself (SET, SHOW, BEGIN, constant
 * SELECTs): words lower-cased, "quoted identifiers" kept, 'strings' and E'strings' decoded, comments skipped.
 */
final class SqlTokens {
    enum Kind { WORD, IDENT, STRING, NUMBER, SYMBOL, PARAM }

    /** {@code pos} is 0-based in the statement, for error positions. */
    record Tok(Kind kind, String text, int pos) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(word);
        }

        /** A name: an unquoted word (lower-cased) or a quoted identifier (as written). */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.IDENT;
        }
    }

    private final List<Tok> toks;
    private int at;

    private SqlTokens(List<Tok> toks) {
        this.toks = toks;
    }

    static SqlTokens of(String sql) {
        return new SqlTokens(lex(sql));
    }

    boolean atEnd() {
        return at >= toks.size();
    }

    Tok peek() {
        return atEnd() ? null : toks.get(at);
    }

    Tok peek(int ahead) {
        return at + ahead < toks.size() ? toks.get(at + ahead) : null;
    }

    Tok next() {
        return atEnd() ? null : toks.get(at++);
    }

    boolean accept(String word) {
        Tok t = peek();
        if (t != null && t.is(word)) {
            at++;
            return true;
        }
        return false;
    }

    /** Accepts a sequence of words only if all match. */
    boolean acceptAll(String... words) {
        for (int i = 0; i < words.length; i++) {
            Tok t = peek(i);
            if (t == null || !t.is(words[i])) return false;
        }
        at += words.length;
        return true;
    }

    int mark() {
        return at;
    }

    void reset(int mark) {
        at = mark;
    }

    /** The remaining tokens' source text, from the current token to the end. */
    String rest(String sql) {
        return atEnd() ? "" : sql.substring(peek().pos()).trim();
    }

    static List<Tok> lex(String sql) {
        List<Tok> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                int j = i;
                while (j < n) {
                    if (sql.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (sql.startsWith("*/", j)) {
                        j += 2;
                        if (--depth == 0) break;
                    } else {
                        j++;
                    }
                }
                i = j;
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = string(sql, i + 1, true, out, i);
            } else if (c == '\'') {
                i = string(sql, i, false, out, i);
            } else if (c == '"') {
                var sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) throw SqlError.syntax("unterminated quoted identifier at or near \"" + sql.substring(i) + "\"", i + 1);
                    char d = sql.charAt(j);
                    if (d == '"') {
                        if (j + 1 < n && sql.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(new Tok(Kind.IDENT, sb.toString(), i));
                i = j + 1;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isDigit(sql.charAt(j))) j++;
                out.add(new Tok(Kind.PARAM, sql.substring(i + 1, j), i));
                i = j;
            } else if (c == '$') {
                int end = StatementSplitter.dollarTagEnd(sql, i);
                if (end < 0) {
                    out.add(new Tok(Kind.SYMBOL, "$", i));
                    i++;
                } else {
                    String tag = sql.substring(i, end);
                    int close = sql.indexOf(tag, end);
                    if (close < 0) throw SqlError.syntax("unterminated dollar-quoted string at or near \"" + sql.substring(i) + "\"", i + 1);
                    out.add(new Tok(Kind.STRING, sql.substring(end, close), i));
                    i = close + tag.length();
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i;
                while (j < n && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) j++;
                if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) k++;
                    if (k < n && Character.isDigit(sql.charAt(k))) {
                        j = k;
                        while (j < n && Character.isDigit(sql.charAt(j))) j++;
                    }
                }
                out.add(new Tok(Kind.NUMBER, sql.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) j++;
                out.add(new Tok(Kind.WORD, sql.substring(i, j).toLowerCase(Locale.ROOT), i));
                i = j;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.add(new Tok(Kind.SYMBOL, "::", i));
                i += 2;
            } else {
                out.add(new Tok(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        return out;
    }

    private static int string(String sql, int open, boolean escapes, List<Tok> out, int tokPos) {
        int n = sql.length();
        var sb = new StringBuilder();
        int j = open + 1;
        while (true) {
            if (j >= n) throw SqlError.syntax("unterminated quoted string at or near \"" + sql.substring(tokPos) + "\"", tokPos + 1);
            char d = sql.charAt(j);
            if (escapes && d == '\\' && j + 1 < n) {
                char e = sql.charAt(j + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
                j += 2;
            } else if (d == '\'') {
                if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                    sb.append('\'');
                    j += 2;
                } else {
                    break;
                }
            } else {
                sb.append(d);
                j++;
            }
        }
        out.add(new Tok(Kind.STRING, sb.toString(), tokPos));
        return j + 1;
    }
}
