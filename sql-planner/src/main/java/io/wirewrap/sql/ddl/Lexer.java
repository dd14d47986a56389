package io.wirewrap.sql.ddl;

import io.wirewrap.sql.api.SqlError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits one statement into tokens the way PostgreSQL's scanner does for the subset DDL needs: unquoted
 * identifiers fold to lower case, {@code "quoted"} identifiers keep their case and {@code ""} escapes, string
 * literals ({@code '...'}, {@code E'...'}, {@code $$...$$}) lose their quotes, comments ({@code --} and nested
 * {@code /* *}{@code /}) disappear.
 */
public final class Lexer {
    private final String sql;
    private int i;

    private Lexer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        while (true) {
            skipSpaceAndComments();
            if (i >= n) {
                out.add(new Token(Token.Kind.END, "", n + 1));
                return out;
            }
            char c = sql.charAt(i);
            int start = i;
            if (c == '\'') {
                out.add(new Token(Token.Kind.STRING, quoted('\'', false), start + 1));
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i++;
                out.add(new Token(Token.Kind.STRING, quoted('\'', true), start + 1));
            } else if (c == '"') {
                String ident = quoted('"', false);
                if (ident.isEmpty()) throw SqlError.syntax("zero-length delimited identifier at or near \"\"\"\"", start + 1);
                out.add(new Token(Token.Kind.QUOTED_IDENT, ident, start + 1));
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) i++;
                out.add(new Token(Token.Kind.PARAM, sql.substring(start + 1, i), start + 1));
            } else if (c == '$') {
                out.add(new Token(Token.Kind.STRING, dollarQuoted(), start + 1));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
                out.add(new Token(Token.Kind.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT), start + 1));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                out.add(new Token(Token.Kind.NUMBER, sql.substring(start, i), start + 1));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
                out.add(new Token(Token.Kind.SYMBOL, "::", start + 1));
            } else if ("(),.;=*-+[]".indexOf(c) >= 0) {
                i++;
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start + 1));
            } else {
                throw SqlError.syntax("syntax error at or near \"" + c + "\"", start + 1);
            }
        }
    }

    private void skipSpaceAndComments() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int start = i;
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
                if (depth > 0) throw SqlError.syntax("unterminated /* comment at or near \"/*\"", start + 1);
            } else {
                return;
            }
        }
    }

    /** Reads a quoted run starting at {@code i} (on the opening quote); a doubled quote is one quote. */
    private String quoted(char q, boolean escapes) {
        int start = i;
        StringBuilder sb = new StringBuilder();
        i++;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == q) {
                if (i + 1 < n && sql.charAt(i + 1) == q) {
                    sb.append(q);
                    i += 2;
                    continue;
                }
                i++;
                return sb.toString();
            }
            if (escapes && c == '\\' && i + 1 < n) {
                char e = sql.charAt(i + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        String what = q == '"' ? "unterminated quoted identifier" : "unterminated quoted string";
        throw SqlError.syntax(what + " at or near \"" + sql.substring(start, Math.min(n, start + 20)) + "\"", start + 1);
    }

    private String dollarQuoted() {
        int start = i;
        int close = sql.indexOf('$', i + 1);
        if (close < 0) throw SqlError.syntax("syntax error at or near \"$\"", start + 1);
        String tag = sql.substring(i, close + 1);
        for (int k = 1; k < tag.length() - 1; k++) {
            char c = tag.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) throw SqlError.syntax("syntax error at or near \"$\"", start + 1);
        }
        int end = sql.indexOf(tag, close + 1);
        if (end < 0) throw SqlError.syntax("unterminated dollar-quoted string at or near \"" + tag + "\"", start + 1);
        i = end + tag.length();
        return sql.substring(close + 1, end);
    }
}
