package io.wirewrap.sql.ddl;

/**
 * One lexical token of a DDL statement. {@code text} is the identifier folded to lower case (unquoted), the
 * identifier as written (quoted), the literal's value with quotes removed (string), or the symbol.
 * {@code position} is 1-based, as SQLSTATE error positions are.
 */
public record Token(Kind kind, String text, int position) {
    public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, PARAM, SYMBOL, END }

    /** True for an unquoted word equal to {@code keyword} (keywords are matched case-insensitively). */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equals(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }

    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case STRING -> "'...'"; // literals may hold secrets: never echoed
            case QUOTED_IDENT -> "\"" + text + "\"";
            default -> "\"" + text + "\"";
        };
    }
}
