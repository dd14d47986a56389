package io.wirewrap.sql.vault;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.ddl.Lexer;
import io.wirewrap.sql.ddl.Token;
import io.wirewrap.sql.vault.VaultStatement.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises INSERT/UPDATE/DELETE on {@code vault.secrets} and {@code select vault.create_secret(...)} /
 * {@code vault.update_secret(...)}. Reads of {@code vault.secrets} are ordinary queries and are not taken here.
 */
public final class VaultSqlParser {
    private final List<Token> t;
    private int p;

    private VaultSqlParser(List<Token> tokens) {
        this.t = tokens;
    }

    public static Optional<VaultStatement> parse(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (!lower.contains("vault")) return Optional.empty();
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (SqlError e) {
            return Optional.empty(); // not ours to judge: the query engine reports its own syntax errors
        }
        VaultSqlParser parser = new VaultSqlParser(tokens);
        Token first = tokens.get(0);
        VaultStatement s;
        if (first.is("insert") && parser.at(1, "into") && parser.isSecretsAt(2)) s = parser.insert();
        else if (first.is("update") && parser.isSecretsAt(1)) s = parser.update();
        else if (first.is("delete") && parser.at(1, "from") && parser.isSecretsAt(2)) s = parser.delete();
        else if (first.is("select") && parser.isVaultFunctionCall()) s = parser.call();
        else return Optional.empty();
        parser.accept(";");
        if (parser.peek().kind() != Token.Kind.END) throw parser.error();
        return Optional.of(s);
    }

    private boolean at(int i, String word) {
        return i < t.size() && t.get(i).is(word);
    }

    private boolean isSecretsAt(int i) {
        return at(i, "vault") && i + 2 < t.size() && t.get(i + 1).isSymbol(".") && t.get(i + 2).is("secrets");
    }

    /** {@code select vault.f(...)} or {@code select * from vault.f(...)}, f being a writing function. */
    private boolean isVaultFunctionCall() {
        int i = 1;
        if (t.get(1).isSymbol("*") && at(2, "from")) i = 3;
        return at(i, "vault") && t.get(i + 1).isSymbol(".")
                && (at(i + 2, "create_secret") || at(i + 2, "update_secret")) && t.get(i + 3).isSymbol("(");
    }

    private Insert insert() {
        p = 5; // insert into vault . secrets
        List<String> columns = new ArrayList<>();
        if (accept("(")) {
            do columns.add(ident()); while (accept(","));
            expect(")");
        } else {
            columns.addAll(List.of("id", "name", "description", "secret"));
        }
        expect("values");
        List<List<Value>> rows = new ArrayList<>();
        do {
            expect("(");
            List<Value> row = new ArrayList<>();
            do row.add(value()); while (accept(","));
            expect(")");
            if (row.size() != columns.size()) {
                throw new SqlError("42601", row.size() > columns.size() ? "INSERT has more expressions than target columns"
                        : "INSERT has more target columns than expressions");
            }
            rows.add(row);
        } while (accept(","));
        return new Insert(columns, rows, returning());
    }

    private Update update() {
        p = 4; // update vault . secrets
        if (peek().isIdentifier() && !peek().is("set")) ident(); // alias
        expect("set");
        Map<String, Value> assignments = new LinkedHashMap<>();
        do {
            String col = ident();
            expect("=");
            assignments.put(col, value());
        } while (accept(","));
        return new Update(assignments, where(), returning());
    }

    private Delete delete() {
        p = 5; // delete from vault . secrets
        return new Delete(where(), returning());
    }

    private Call call() {
        p = 1;
        boolean from = false;
        if (accept("*")) {
            expect("from");
            from = true;
        }
        expect("vault");
        expect(".");
        String fn = ident();
        expect("(");
        List<Value> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do args.add(value()); while (accept(","));
        }
        expect(")");
        String label = fn;
        if (accept("as")) label = ident();
        else if (peek().isIdentifier()) label = ident();
        if (from && peek().isSymbol("(")) { // column alias list: as t(id)
            expect("(");
            label = ident();
            expect(")");
        }
        return new Call(fn, args, label);
    }

    private List<Condition> where() {
        List<Condition> out = new ArrayList<>();
        if (!accept("where")) return out;
        do {
            String col = ident();
            if (accept(".")) col = ident(); // secrets.name
            expect("=");
            out.add(new Condition(col, value()));
        } while (accept("and"));
        return out;
    }

    private List<String> returning() {
        List<String> out = new ArrayList<>();
        if (!accept("returning")) return out;
        do {
            if (accept("*")) out.add("*");
            else {
                String col = ident();
                if (accept("as")) col = col + " as " + ident();
                out.add(col);
            }
        } while (accept(","));
        return out;
    }

    private Value value() {
        Token tok = peek();
        Value v;
        if (tok.kind() == Token.Kind.STRING) {
            p++;
            v = new Literal(tok.text());
        } else if (tok.kind() == Token.Kind.PARAM) {
            p++;
            v = new Param(Integer.parseInt(tok.text()));
        } else if (tok.is("null")) {
            p++;
            v = new Literal(null);
        } else if (tok.is("default")) {
            p++;
            v = new Literal(null);
        } else {
            throw error();
        }
        while (accept("::")) ident(); // '...'::uuid, $1::text
        return v;
    }

    private String ident() {
        Token tok = peek();
        if (!tok.isIdentifier()) throw error();
        p++;
        return tok.text();
    }

    private Token peek() {
        return t.get(Math.min(p, t.size() - 1));
    }

    private boolean accept(String s) {
        Token tok = peek();
        if (tok.is(s) || tok.isSymbol(s)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!accept(s)) throw error();
    }

    private SqlError error() {
        Token tok = peek();
        return SqlError.syntax(tok.kind() == Token.Kind.END ? "syntax error at end of input"
                : "syntax error at or near \"" + (tok.kind() == Token.Kind.STRING ? "'...'" : tok.text()) + "\"", tok.position());
    }
}
