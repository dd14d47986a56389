package io.wirewrap.sql.ddl;

import java.util.Locale;
import java.util.Set;

/**
 * Masks the string literals of a statement that may carry a secret, so the statement text can be logged or
 * echoed in an error: every literal of a statement that touches {@code vault.} (the secret may be any argument
 * position of {@code create_secret} or any VALUES column), and the literal that follows a credential-like
 * option or keyword ({@code api_key '...'}, {@code password '...'}) anywhere else. Everything else is kept as
 * written so the log stays useful.
 */
public final class SecretMasker {
    public static final String MASK = "'********'";
    private static final Set<String> SECRET_WORDS = Set.of("api_key", "password", "secret", "secret_key", "token",
            "access_token", "client_secret", "headers");

    private SecretMasker() {}

    public static String mask(String sql) {
        return sql == null ? null : process(sql, new java.util.ArrayList<>());
    }

    /** The values of the literals {@link #mask} hides (quotes removed), to scrub them from error messages. */
    public static java.util.List<String> secretsIn(String sql) {
        java.util.List<String> found = new java.util.ArrayList<>();
        if (sql != null) process(sql, found);
        return found;
    }

    /** Replaces every occurrence of any of {@code secrets} in {@code text} (an error message, a detail). */
    public static String scrub(String text, java.util.Collection<String> secrets) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) if (s != null && s.length() >= 4) out = out.replace(s, "********");
        return out;
    }

    private static String process(String sql, java.util.List<String> found) {
        boolean vault = sql.toLowerCase(Locale.ROOT).contains("vault");
        StringBuilder out = new StringBuilder(sql.length());
        String lastWord = "";
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1))))) {
                int start = c == '\'' ? i : i + 1;
                int end = endOfLiteral(sql, start, c != '\'');
                if (vault || SECRET_WORDS.contains(lastWord) || lastWord.endsWith("_key") || lastWord.endsWith("secret")) {
                    out.append(MASK);
                    found.add(sql.substring(start + 1, Math.max(start + 1, end - 1)).replace("''", "'"));
                } else {
                    out.append(sql, i, end);
                }
                i = end;
                lastWord = "";
            } else if (c == '$' && i + 1 < n && !Character.isDigit(sql.charAt(i + 1))) {
                int close = sql.indexOf('$', i + 1);
                String tag = close < 0 ? null : sql.substring(i, close + 1);
                int end = tag == null || !tag.substring(1, tag.length() - 1).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        ? -1 : sql.indexOf(tag, close + 1);
                if (end < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                out.append(MASK);
                found.add(sql.substring(close + 1, end));
                i = end + tag.length();
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(sql, i, end);
                lastWord = sql.substring(i + 1, Math.max(i + 1, end - 1)).toLowerCase(Locale.ROOT);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
                lastWord = sql.substring(start, i).toLowerCase(Locale.ROOT);
                out.append(sql, start, i);
            } else {
                // "=" keeps the pending keyword (update ... set secret = '...'); other punctuation ends it
                if (!Character.isWhitespace(c) && c != '=') lastWord = "";
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String sql, int quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = quote + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') i += 2;
                else return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }
}
