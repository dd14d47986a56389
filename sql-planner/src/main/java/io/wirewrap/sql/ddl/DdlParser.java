package io.wirewrap.sql.ddl;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser for the DDL JSqlParser does not know. {@link #parse} answers empty for statements
 * that are not this parser's (a SELECT, CREATE TABLE, SET ...), so callers can offer the statement elsewhere,
 * and raises {@code 42601} with the 1-based position of the offending token for its own statements.
 */
public final class DdlParser {
    private final List<Token> tokens;
    private int p;

    private DdlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Optional<DdlStatement> parse(String sql) {
        if (!mayBeDdl(sql)) return Optional.empty();
        List<Token> tokens = Lexer.tokenize(sql);
        DdlParser parser = new DdlParser(tokens);
        if (!parser.isOurs()) return Optional.empty();
        DdlStatement statement = parser.statement();
        parser.accept(";");
        if (parser.peek().kind() != Token.Kind.END) throw parser.error();
        return Optional.of(statement);
    }

    /** Cheap first-word check so SELECTs never reach the tokenizer. */
    private static boolean mayBeDdl(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) i++;
            else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (sql.startsWith("/*", i)) {
                int e = sql.indexOf("*/", i);
                i = e < 0 ? n : e + 2;
            } else break;
        }
        int j = i;
        while (j < n && Character.isLetter(sql.charAt(j))) j++;
        String first = sql.substring(i, j).toLowerCase(java.util.Locale.ROOT);
        return switch (first) {
            case "create", "alter", "drop", "import", "comment", "grant", "revoke" -> true;
            default -> false;
        };
    }

    /** Whether the statement's leading keywords name one of our object kinds. */
    private boolean isOurs() {
        Token a = peek(0);
        Token b = peek(1);
        Token c = peek(2);
        if (a.is("import") || a.is("comment") || a.is("grant") || a.is("revoke")) return true;
        if (a.is("create") || a.is("alter") || a.is("drop")) {
            if (b.is("or") || b.is("temp") || b.is("temporary") || b.is("unlogged")) return false;
            if (b.is("foreign")) return c.is("data") || c.is("table");
            if (b.is("extension") || b.is("server") || b.is("schema") || b.is("role") || b.is("user") || b.is("group")) {
                return true;
            }
        }
        return false;
    }

    private DdlStatement statement() {
        if (accept("create")) return create();
        if (accept("alter")) return alter();
        if (accept("drop")) return drop();
        if (accept("import")) return importSchema();
        if (accept("comment")) return comment();
        if (accept("grant")) return grant(true);
        if (accept("revoke")) return grant(false);
        throw error();
    }

    // ---------------------------------------------------------------- CREATE

    private DdlStatement create() {
        if (accept("extension")) {
            boolean ine = ifNotExists();
            String name = ident();
            accept("with");
            String schema = null;
            String version = null;
            boolean cascade = false;
            while (true) {
                if (accept("schema")) schema = ident();
                else if (accept("version")) version = identOrString();
                else if (accept("cascade")) cascade = true;
                else break;
            }
            return new CreateExtension(name, ine, schema, version, cascade);
        }
        if (accept("foreign")) {
            if (accept("data")) {
                expect("wrapper");
                String name = ident();
                String handler = null;
                String validator = null;
                while (true) {
                    if (accept("handler")) handler = qualifiedFunction();
                    else if (accept("no") && expectAny("handler", "validator")) continue;
                    else if (accept("validator")) validator = qualifiedFunction();
                    else break;
                }
                List<Option> options = optionalOptions();
                return new CreateWrapper(name, handler, validator, options);
            }
            expect("table");
            return createForeignTable();
        }
        if (accept("server")) {
            boolean ine = ifNotExists();
            String name = ident();
            String type = null;
            String version = null;
            if (accept("type")) type = string();
            if (accept("version")) version = string();
            expect("foreign");
            expect("data");
            expect("wrapper");
            String wrapper = ident();
            return new CreateServer(name, ine, type, version, wrapper, optionalOptions());
        }
        if (peek().is("user") && peek(1).is("mapping")) {
            p += 2;
            boolean ine = ifNotExists();
            expect("for");
            String role = mappingRole();
            expect("server");
            String server = ident();
            return new CreateUserMapping(role, ine, server, optionalOptions());
        }
        if (accept("schema")) {
            boolean ine = ifNotExists();
            String name = null;
            String auth = null;
            if (accept("authorization")) {
                auth = ident();
            } else {
                name = ident();
                if (accept("authorization")) auth = ident();
            }
            return new CreateSchema(name == null ? auth : name, ine, auth);
        }
        if (accept("role") || accept("group")) {
            boolean ine = ifNotExists();
            String name = ident();
            return new CreateRole(name, ine, roleAttributes(false));
        }
        if (accept("user")) {
            boolean ine = ifNotExists();
            String name = ident();
            return new CreateRole(name, ine, roleAttributes(true));
        }
        throw error();
    }

    private DdlStatement createForeignTable() {
        boolean ine = ifNotExists();
        QualifiedName name = qualifiedName();
        expect("(");
        List<ColumnSpec> columns = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do {
                columns.add(columnSpec());
            } while (accept(","));
        }
        expect(")");
        expect("server");
        String server = ident();
        return new CreateForeignTable(name, ine, columns, server, optionalOptions());
    }

    private ColumnSpec columnSpec() {
        int pos = peek().position();
        String name = ident();
        String type = typeName();
        boolean notNull = false;
        List<Option> options = List.of();
        while (true) {
            if (accept("not")) {
                expect("null");
                notNull = true;
            } else if (accept("null")) {
                notNull = false;
            } else if (peek().is("options")) {
                options = optionalOptions();
            } else break;
        }
        return new ColumnSpec(name, type, notNull, options, pos);
    }

    /** A type as written, up to the next column constraint, comma or closing parenthesis. */
    private String typeName() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.END) break;
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.is("not") || t.is("null") || t.is("options")
                    || t.is("default") || t.is("collate") || t.is("constraint") || t.is("generated"))) break;
            if (t.isSymbol("(")) depth++;
            if (t.isSymbol(")")) depth--;
            if (!sb.isEmpty() && t.kind() != Token.Kind.SYMBOL && !sb.toString().endsWith("(")
                    && !sb.toString().endsWith(".") && !sb.toString().endsWith(",")) sb.append(' ');
            sb.append(t.kind() == Token.Kind.QUOTED_IDENT ? t.text() : t.text());
            p++;
        }
        if (sb.isEmpty()) throw error();
        return sb.toString().replace(" (", "(");
    }

    private RoleAttributes roleAttributes(boolean isUser) {
        accept("with");
        Boolean login = isUser ? Boolean.TRUE : null;
        Boolean superuser = null, createdb = null, createrole = null, inherit = null, replication = null, bypass = null;
        Integer limit = null;
        boolean passwordGiven = false;
        String password = null;
        String validUntil = null;
        List<String> inRoles = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() != Token.Kind.WORD) break;
            switch (t.text()) {
                case "login" -> login = true;
                case "nologin" -> login = false;
                case "superuser" -> superuser = true;
                case "nosuperuser" -> superuser = false;
                case "createdb" -> createdb = true;
                case "nocreatedb" -> createdb = false;
                case "createrole" -> createrole = true;
                case "nocreaterole" -> createrole = false;
                case "inherit" -> inherit = true;
                case "noinherit" -> inherit = false;
                case "replication" -> replication = true;
                case "noreplication" -> replication = false;
                case "bypassrls" -> bypass = true;
                case "nobypassrls" -> bypass = false;
                case "encrypted", "unencrypted" -> {
                    p++;
                    if (!peek().is("password")) throw error();
                    continue;
                }
                case "password" -> {
                    p++;
                    passwordGiven = true;
                    password = accept("null") ? null : string();
                    continue;
                }
                case "connection" -> {
                    p++;
                    expect("limit");
                    boolean neg = accept("-");
                    limit = Integer.parseInt(number()) * (neg ? -1 : 1);
                    continue;
                }
                case "valid" -> {
                    p++;
                    expect("until");
                    validUntil = string();
                    continue;
                }
                case "in" -> {
                    p++;
                    expectAny("role", "group");
                    do inRoles.add(ident()); while (accept(","));
                    continue;
                }
                default -> {
                    return new RoleAttributes(login, superuser, createdb, createrole, inherit, replication, bypass,
                            limit, passwordGiven, password, validUntil, inRoles);
                }
            }
            p++;
        }
        return new RoleAttributes(login, superuser, createdb, createrole, inherit, replication, bypass, limit,
                passwordGiven, password, validUntil, inRoles);
    }

    // ---------------------------------------------------------------- ALTER

    private DdlStatement alter() {
        if (accept("server")) {
            String name = ident();
            if (accept("rename")) {
                expect("to");
                return new AlterServer(name, null, List.of(), null, ident());
            }
            if (accept("owner")) {
                expect("to");
                return new AlterServer(name, null, List.of(), ident(), null);
            }
            String version = accept("version") ? string() : null;
            List<OptionAction> actions = optionActions();
            if (version == null && actions.isEmpty()) throw error();
            return new AlterServer(name, version, actions, null, null);
        }
        if (accept("foreign")) {
            if (accept("data")) {
                expect("wrapper");
                String name = ident();
                String handler = null;
                String validator = null;
                while (true) {
                    if (accept("handler")) handler = qualifiedFunction();
                    else if (accept("validator")) validator = qualifiedFunction();
                    else break;
                }
                return new AlterWrapper(name, handler, validator, optionActions());
            }
            expect("table");
            boolean ifExists = ifExists();
            accept("only");
            QualifiedName name = qualifiedName();
            List<TableAction> actions = new ArrayList<>();
            do {
                actions.add(tableAction());
            } while (accept(","));
            return new AlterForeignTable(name, ifExists, actions);
        }
        if (peek().is("user") && peek(1).is("mapping")) {
            p += 2;
            expect("for");
            String role = mappingRole();
            expect("server");
            String server = ident();
            return new AlterUserMapping(role, server, optionActions());
        }
        if (accept("role") || accept("user") || accept("group")) {
            String name = roleName();
            if (accept("rename")) {
                expect("to");
                return new AlterRole(name, roleAttributes(false), ident());
            }
            return new AlterRole(name, roleAttributes(false), null);
        }
        if (accept("schema")) {
            throw SqlError.unsupported("ALTER SCHEMA");
        }
        if (accept("extension")) {
            throw SqlError.unsupported("ALTER EXTENSION");
        }
        throw error();
    }

    private TableAction tableAction() {
        if (accept("add")) {
            accept("column");
            boolean ine = ifNotExists();
            return new AddColumn(columnSpec(), ine);
        }
        if (accept("drop")) {
            accept("column");
            boolean ie = ifExists();
            String col = ident();
            if (!accept("cascade")) accept("restrict");
            return new DropColumn(col, ie);
        }
        if (accept("alter")) {
            accept("column");
            String col = ident();
            List<OptionAction> opts = optionActions();
            if (opts.isEmpty()) throw error();
            return new AlterColumnOptions(col, opts);
        }
        if (accept("rename")) {
            if (accept("to")) return new RenameTable(ident());
            accept("column");
            String col = ident();
            expect("to");
            return new RenameColumn(col, ident());
        }
        if (peek().is("options")) return new AlterTableOptions(optionActions());
        throw error();
    }

    // ---------------------------------------------------------------- DROP

    private DdlStatement drop() {
        if (accept("extension")) {
            boolean ie = ifExists();
            List<String> names = identList();
            return new DropExtension(names, ie, dropBehaviour());
        }
        if (accept("foreign")) {
            if (accept("data")) {
                expect("wrapper");
                boolean ie = ifExists();
                List<String> names = identList();
                return new DropWrapper(names, ie, dropBehaviour());
            }
            expect("table");
            boolean ie = ifExists();
            List<QualifiedName> names = new ArrayList<>();
            do names.add(qualifiedName()); while (accept(","));
            return new DropForeignTable(names, ie, dropBehaviour());
        }
        if (accept("server")) {
            boolean ie = ifExists();
            List<String> names = identList();
            return new DropServer(names, ie, dropBehaviour());
        }
        if (peek().is("user") && peek(1).is("mapping")) {
            p += 2;
            boolean ie = ifExists();
            expect("for");
            String role = mappingRole();
            expect("server");
            return new DropUserMapping(role, ie, ident());
        }
        if (accept("schema")) {
            boolean ie = ifExists();
            List<String> names = identList();
            return new DropSchema(names, ie, dropBehaviour());
        }
        if (accept("role") || accept("user") || accept("group")) {
            boolean ie = ifExists();
            return new DropRole(identList(), ie);
        }
        throw error();
    }

    private boolean dropBehaviour() {
        if (accept("cascade")) return true;
        accept("restrict");
        return false;
    }

    // ---------------------------------------------------------------- IMPORT, COMMENT, GRANT

    private DdlStatement importSchema() {
        expect("foreign");
        expect("schema");
        String remote = ident();
        ImportFilter filter = ImportFilter.ALL;
        List<String> tables = new ArrayList<>();
        if (accept("limit")) {
            expect("to");
            filter = ImportFilter.LIMIT_TO;
        } else if (accept("except")) {
            filter = ImportFilter.EXCEPT;
        }
        if (filter != ImportFilter.ALL) {
            expect("(");
            do tables.add(ident()); while (accept(","));
            expect(")");
        }
        expect("from");
        expect("server");
        String server = ident();
        expect("into");
        String local = ident();
        return new ImportForeignSchema(remote, filter, tables, server, local, optionalOptions());
    }

    private DdlStatement comment() {
        expect("on");
        CommentTarget target;
        List<String> name = new ArrayList<>();
        if (accept("foreign")) {
            if (accept("data")) {
                expect("wrapper");
                target = CommentTarget.FOREIGN_DATA_WRAPPER;
                name.add(ident());
            } else {
                expect("table");
                target = CommentTarget.FOREIGN_TABLE;
                name.addAll(dottedName(2));
            }
        } else if (accept("table")) {
            target = CommentTarget.FOREIGN_TABLE;
            name.addAll(dottedName(2));
        } else if (accept("column")) {
            target = CommentTarget.COLUMN;
            name.addAll(dottedName(3));
            if (name.size() < 2) throw error();
        } else if (accept("server")) {
            target = CommentTarget.SERVER;
            name.add(ident());
        } else if (accept("schema")) {
            target = CommentTarget.SCHEMA;
            name.add(ident());
        } else if (accept("extension")) {
            target = CommentTarget.EXTENSION;
            name.add(ident());
        } else if (accept("role")) {
            target = CommentTarget.ROLE;
            name.add(ident());
        } else if (peek().kind() == Token.Kind.WORD && !peek(1).isSymbol("(") && peek(1).kind() != Token.Kind.END) {
            // COMMENT ON FUNCTION/VIEW/INDEX/...: valid SQL naming objects wirewrap does not have
            throw SqlError.unsupported("COMMENT ON " + peek().text().toUpperCase(java.util.Locale.ROOT));
        } else {
            throw error();
        }
        expect("is");
        String text = accept("null") ? null : string();
        return new CommentOn(target, name, text);
    }

    private DdlStatement grant(boolean grant) {
        boolean grantOptionFor = false;
        if (!grant && peek().is("grant") && peek(1).is("option")) {
            p += 2;
            expect("for");
            grantOptionFor = true;
        }
        List<String> privileges = new ArrayList<>();
        do {
            StringBuilder priv = new StringBuilder(identOrKeyword());
            while (peek().kind() == Token.Kind.WORD && !peek().is("on") && !peek().is("to") && !peek().is("from")) {
                priv.append(' ').append(identOrKeyword());
            }
            if (accept("(")) { // column list: privilege on columns; recorded at table level
                do ident(); while (accept(","));
                expect(")");
            }
            privileges.add(priv.toString());
        } while (accept(","));
        String kind = null;
        List<String> objects = new ArrayList<>();
        if (accept("on")) {
            if (accept("foreign")) {
                if (accept("server")) kind = "foreign server";
                else if (accept("data")) {
                    expect("wrapper");
                    kind = "foreign data wrapper";
                } else {
                    expect("table");
                    kind = "table";
                }
            } else if (accept("all")) {
                expectAny("tables", "functions", "sequences");
                expect("in");
                expect("schema");
                kind = "all tables in schema";
            } else if (accept("schema")) kind = "schema";
            else if (accept("table")) kind = "table";
            else if (accept("function")) kind = "function";
            else if (accept("database")) kind = "database";
            else kind = "table";
            do {
                List<String> parts = dottedName(2);
                objects.add(String.join(".", parts));
                if (accept("(")) { // function signature
                    while (!peek().isSymbol(")") && peek().kind() != Token.Kind.END) p++;
                    expect(")");
                }
            } while (accept(","));
        }
        if (grant) expect("to");
        else expect("from");
        List<String> grantees = new ArrayList<>();
        do {
            accept("group");
            grantees.add(roleName());
        } while (accept(","));
        boolean withGrant = false;
        if (grant && accept("with")) {
            if (accept("grant") || accept("admin")) expect("option");
            else throw error();
            withGrant = true;
        }
        if (accept("granted")) {
            expect("by");
            roleName();
        }
        if (!grant) dropBehaviour();
        return new Grant(grant, privileges, kind, objects, grantees, withGrant || grantOptionFor);
    }

    // ---------------------------------------------------------------- pieces

    private List<Option> optionalOptions() {
        List<Option> out = new ArrayList<>();
        if (!accept("options")) return out;
        expect("(");
        do {
            String key = identOrKeyword();
            out.add(new Option(key, string()));
        } while (accept(","));
        expect(")");
        return out;
    }

    private List<OptionAction> optionActions() {
        List<OptionAction> out = new ArrayList<>();
        if (!accept("options")) return out;
        expect("(");
        do {
            OptionAction.Action action = OptionAction.Action.ADD;
            // "set"/"add"/"drop" are actions only when followed by a key; "set 'v'" would be an option named set
            if ((peek().is("set") || peek().is("add") || peek().is("drop")) && peek(1).isIdentifier()) {
                action = OptionAction.Action.valueOf(next().text().toUpperCase(java.util.Locale.ROOT));
            }
            String key = identOrKeyword();
            String value = action == OptionAction.Action.DROP ? null : string();
            out.add(new OptionAction(action, key, value));
        } while (accept(","));
        expect(")");
        return out;
    }

    private String mappingRole() {
        if (accept("current_user") || accept("current_role") || accept("user")) return "current_user";
        if (accept("session_user")) return "session_user";
        if (accept("public")) return "public";
        return ident();
    }

    private String roleName() {
        if (accept("current_user") || accept("current_role")) return "current_user";
        if (accept("session_user")) return "session_user";
        return ident();
    }

    /** A function name, possibly schema-qualified ({@code wrappers.stripe_fdw_handler}): the last part counts. */
    private String qualifiedFunction() {
        String name = ident();
        while (accept(".")) name = ident();
        return name;
    }

    private QualifiedName qualifiedName() {
        List<String> parts = dottedName(2);
        return parts.size() == 1 ? new QualifiedName(null, parts.get(0)) : new QualifiedName(parts.get(0), parts.get(1));
    }

    private List<String> dottedName(int max) {
        List<String> parts = new ArrayList<>();
        parts.add(ident());
        while (parts.size() < max && accept(".")) parts.add(ident());
        return parts;
    }

    private List<String> identList() {
        List<String> names = new ArrayList<>();
        do names.add(ident()); while (accept(","));
        return names;
    }

    private boolean ifNotExists() {
        if (peek().is("if") && peek(1).is("not") && peek(2).is("exists")) {
            p += 3;
            return true;
        }
        return false;
    }

    private boolean ifExists() {
        if (peek().is("if") && peek(1).is("exists")) {
            p += 2;
            return true;
        }
        return false;
    }

    private String ident() {
        Token t = peek();
        if (!t.isIdentifier()) throw error();
        p++;
        return t.text();
    }

    /** Option keys and privileges may be reserved words ({@code all}, {@code select}, {@code references}). */
    private String identOrKeyword() {
        return ident();
    }

    private String identOrString() {
        Token t = peek();
        if (t.isIdentifier() || t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.NUMBER) {
            p++;
            return t.text();
        }
        throw error();
    }

    private String string() {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING) throw error();
        p++;
        return t.text();
    }

    private String number() {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER) throw error();
        p++;
        return t.text();
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(p++);
    }

    /** Consumes the keyword or symbol when it is next. */
    private boolean accept(String keywordOrSymbol) {
        Token t = peek();
        if (t.is(keywordOrSymbol) || t.isSymbol(keywordOrSymbol)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String keywordOrSymbol) {
        if (!accept(keywordOrSymbol)) throw error();
    }

    private boolean expectAny(String... keywords) {
        for (String k : keywords) if (accept(k)) return true;
        throw error();
    }

    private SqlError error() {
        Token t = peek();
        if (t.kind() == Token.Kind.END) return SqlError.syntax("syntax error at end of input", t.position());
        return SqlError.syntax("syntax error at or near " + t.describe(), t.position());
    }
}
