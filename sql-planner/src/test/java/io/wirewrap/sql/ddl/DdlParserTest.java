package io.wirewrap.sql.ddl;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.ddl.DdlStatement.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlParserTest {
    private static DdlStatement parse(String sql) {
        return DdlParser.parse(sql).orElseThrow(() -> new AssertionError("not parsed as DDL: " + sql));
    }

    private static SqlError syntaxError(String sql) {
        SqlError e = assertThrows(SqlError.class, () -> DdlParser.parse(sql));
        assertEquals("42601", e.sqlState(), e.getMessage());
        return e;
    }

    @Test
    void statementsThatAreNotDdlAreLeftAlone() {
        for (String sql : List.of("select 1", "SELECT * FROM stripe.customers", "create table t (a int)", "drop table t",
                "alter table t add column b int", "insert into t values (1)", "set search_path = public", "show all",
                "create temp table x (a int)", "create or replace view v as select 1", "  -- comment\n select 1", "")) {
            assertTrue(DdlParser.parse(sql).isEmpty(), sql);
        }
    }

    @Test
    void createExtensionWithSchemaAndOptions() {
        var s = (CreateExtension) parse("create extension if not exists wrappers with schema extensions;");
        assertEquals(new CreateExtension("wrappers", true, "extensions", null, false), s);
        var t = (CreateExtension) parse("CREATE EXTENSION \"Wrappers\" SCHEMA x VERSION '0.5.0' CASCADE");
        assertEquals(new CreateExtension("Wrappers", false, "x", "0.5.0", true), t);
    }

    @Test
    void createWrapperWithQualifiedHandler() {
        var s = (CreateWrapper) parse("create foreign data wrapper stripe_wrapper\n  handler stripe_fdw_handler\n  validator stripe_fdw_validator;");
        assertEquals("stripe_wrapper", s.name());
        assertEquals("stripe_fdw_handler", s.handler());
        assertEquals("stripe_fdw_validator", s.validator());
        var q = (CreateWrapper) parse("CREATE FOREIGN DATA WRAPPER w HANDLER wrappers.stripe_fdw_handler NO VALIDATOR OPTIONS (debug 'true')");
        assertEquals("stripe_fdw_handler", q.handler());
        assertNull(q.validator());
        assertEquals(List.of(new Option("debug", "true")), q.options());
    }

    @Test
    void createServerKeepsOptionOrderAndStripsComments() {
        var s = (CreateServer) parse("""
                create server stripe_server
                  foreign data wrapper stripe_wrapper
                  options (
                    api_key_id '0b3d9f6a-0000-4000-8000-000000000000',  -- uuid from the vault
                    api_url 'https://api.stripe.com/v1/',  /* a /* nested */ comment */
                    api_version '2024-06-20'
                  );""");
        assertEquals("stripe_server", s.name());
        assertEquals("stripe_wrapper", s.wrapper());
        assertEquals(List.of("api_key_id", "api_url", "api_version"), s.options().stream().map(Option::key).toList());
        assertEquals("https://api.stripe.com/v1/", s.options().get(1).value());
        var t = (CreateServer) parse("create server if not exists s type 'stripe' version '1' foreign data wrapper w");
        assertTrue(t.ifNotExists());
        assertEquals("stripe", t.type());
        assertEquals("1", t.version());
    }

    @Test
    void stringLiteralsFollowPostgresEscaping() {
        var s = (CreateServer) parse("create server s foreign data wrapper w options (a 'it''s', b E'tab\\there', c $$dollar 'quoted'$$, d $t$x$t$)");
        assertEquals(List.of("it's", "tab\there", "dollar 'quoted'", "x"), s.options().stream().map(Option::value).toList());
    }

    @Test
    void alterServerOptionActions() {
        var s = (AlterServer) parse("alter server s options (set api_url 'http://localhost', add account 'acct_1', drop api_version)");
        assertEquals(List.of(
                new OptionAction(OptionAction.Action.SET, "api_url", "http://localhost"),
                new OptionAction(OptionAction.Action.ADD, "account", "acct_1"),
                new OptionAction(OptionAction.Action.DROP, "api_version", null)), s.options());
        var bare = (AlterServer) parse("ALTER SERVER s OPTIONS (api_key 'k')");
        assertEquals(OptionAction.Action.ADD, bare.options().get(0).action());
        assertEquals("t", ((AlterServer) parse("alter server s rename to t")).renameTo());
    }

    @Test
    void dropServerVariants() {
        assertEquals(new DropServer(List.of("a", "b"), true, true), parse("drop server if exists a, b cascade"));
        assertEquals(new DropServer(List.of("a"), false, false), parse("DROP SERVER a RESTRICT"));
    }

    @Test
    void userMappings() {
        var c = (CreateUserMapping) parse("create user mapping if not exists for current_user server s options (api_key_name 'k')");
        assertEquals("current_user", c.role());
        assertTrue(c.ifNotExists());
        assertEquals("public", ((CreateUserMapping) parse("CREATE USER MAPPING FOR PUBLIC SERVER s")).role());
        assertEquals("alice", ((CreateUserMapping) parse("create user mapping for alice server s")).role());
        assertEquals("current_user", ((CreateUserMapping) parse("create user mapping for user server s")).role());
        var a = (AlterUserMapping) parse("alter user mapping for bob server s options (set api_key_name 'x')");
        assertEquals("bob", a.role());
        assertEquals(new DropUserMapping("public", true, "s"), parse("drop user mapping if exists for public server s"));
    }

    @Test
    void importForeignSchemaWithFilters() {
        var all = (ImportForeignSchema) parse("import foreign schema stripe from server stripe_server into stripe;");
        assertEquals(ImportFilter.ALL, all.filter());
        var limit = (ImportForeignSchema) parse("import foreign schema stripe\n   limit to (\"checkout_sessions\", \"customers\", \"balance\")\n   from server stripe_server into stripe;");
        assertEquals(ImportFilter.LIMIT_TO, limit.filter());
        assertEquals(List.of("checkout_sessions", "customers", "balance"), limit.tables());
        var except = (ImportForeignSchema) parse("IMPORT FOREIGN SCHEMA stripe EXCEPT (Checkout_Sessions) FROM SERVER s INTO local");
        assertEquals(List.of("checkout_sessions"), except.tables(), "unquoted names fold to lower case");
    }

    @Test
    void createForeignTableWithTypesAndOptions() {
        var t = (CreateForeignTable) parse("""
                create foreign table stripe.customers (
                  id text not null,
                  "Email" character varying(255),
                  amount numeric(10, 2) options (field 'amt'),
                  created timestamp with time zone,
                  "items[0][price]" text,
                  attrs jsonb
                )
                  server stripe_server
                  options (
                    object 'customers',
                    rowid_column 'id'
                  );""");
        assertEquals(new QualifiedName("stripe", "customers"), t.name());
        assertEquals(List.of("id", "Email", "amount", "created", "items[0][price]", "attrs"), t.columns().stream().map(ColumnSpec::name).toList());
        assertEquals(List.of("text", "character varying(255)", "numeric(10,2)", "timestamp with time zone", "text", "jsonb"),
                t.columns().stream().map(ColumnSpec::typeName).toList());
        assertTrue(t.columns().get(0).notNull());
        assertEquals(List.of(new Option("field", "amt")), t.columns().get(2).options());
        assertEquals("stripe_server", t.server());
        assertEquals(List.of(new Option("object", "customers"), new Option("rowid_column", "id")), t.options());
    }

    @Test
    void alterAndDropForeignTable() {
        var a = (AlterForeignTable) parse("alter foreign table if exists s.t add column x text, drop column if exists y, "
                + "alter column z options (add field 'f'), options (set object 'charges')");
        assertTrue(a.ifExists());
        assertEquals(4, a.actions().size());
        assertInstanceOf(AddColumn.class, a.actions().get(0));
        assertEquals(new DropColumn("y", true), a.actions().get(1));
        assertInstanceOf(AlterColumnOptions.class, a.actions().get(2));
        assertInstanceOf(AlterTableOptions.class, a.actions().get(3));
        var d = (DropForeignTable) parse("drop foreign table if exists stripe.a, b cascade");
        assertEquals(List.of(new QualifiedName("stripe", "a"), new QualifiedName(null, "b")), d.names());
        assertTrue(d.cascade());
    }

    @Test
    void schemasCommentsRolesGrants() {
        assertEquals(new CreateSchema("stripe", true, null), parse("create schema if not exists stripe;"));
        assertEquals(new CreateSchema("bob", false, "bob"), parse("create schema authorization bob"));
        assertEquals(new DropSchema(List.of("stripe"), true, true), parse("drop schema if exists stripe cascade"));
        var c = (CommentOn) parse("comment on column stripe.customers.email is 'Primary e-mail'");
        assertEquals(CommentTarget.COLUMN, c.target());
        assertEquals(List.of("stripe", "customers", "email"), c.name());
        assertNull(((CommentOn) parse("comment on server s is null")).text());
        var r = (CreateRole) parse("create role analyst with login password 'pw' nosuperuser connection limit 3 in role readers");
        assertTrue(r.attributes().login());
        assertFalse(r.attributes().superuser());
        assertEquals("pw", r.attributes().password());
        assertEquals(3, r.attributes().connectionLimit());
        assertEquals(List.of("readers"), r.attributes().inRoles());
        assertTrue(((CreateRole) parse("create user u")).attributes().login(), "CREATE USER implies LOGIN");
        var g = (Grant) parse("grant usage on foreign server stripe_server to analyst, public");
        assertEquals("foreign server", g.objectKind());
        assertEquals(List.of("analyst", "public"), g.grantees());
        var rv = (Grant) parse("revoke select on all tables in schema stripe from analyst cascade");
        assertFalse(rv.grant());
        assertEquals("all tables in schema", rv.objectKind());
        var m = (Grant) parse("grant readers to analyst");
        assertNull(m.objectKind());
        assertEquals(List.of("readers"), m.privileges());
    }

    @Test
    void syntaxErrorsCarryThePositionOfTheOffendingToken() {
        SqlError e = syntaxError("create server s foreign data wrapper w options (api_url)");
        assertEquals("syntax error at or near \")\"", e.getMessage());
        assertEquals("create server s foreign data wrapper w options (api_url)".indexOf(')') + 1, e.position());
        SqlError end = syntaxError("create server s foreign data");
        assertEquals("syntax error at end of input", end.getMessage());
        assertEquals("create server s foreign data".length() + 1, end.position());
        SqlError trailing = syntaxError("drop server s extra");
        assertEquals(15, trailing.position());
        SqlError unterminated = syntaxError("create schema 'oops");
        assertTrue(unterminated.getMessage().startsWith("unterminated quoted string"), unterminated.getMessage());
        assertEquals(15, unterminated.position());
    }

    @Test
    void syntaxErrorsNeverEchoStringLiterals() {
        SqlError e = syntaxError("create server s foreign data wrapper w options (api_key 'sk_live_abc' 'sk_live_abc')");
        assertFalse(e.getMessage().contains("sk_live_abc"), e.getMessage());
    }

    @Test
    void commentOnObjectsWirewrapDoesNotHaveIsUnsupportedNotASyntaxError() {
        SqlError e = assertThrows(SqlError.class, () -> DdlParser.parse("comment on function f(int) is 'x'"));
        assertEquals("0A000", e.sqlState());
        assertEquals("42601", assertThrows(SqlError.class, () -> DdlParser.parse("comment on")).sqlState());
    }

    @Test
    void quotedIdentifiersKeepCaseAndEscapes() {
        var s = (CreateSchema) parse("create schema \"My \"\"Odd\"\" Schema\"");
        assertEquals("My \"Odd\" Schema", s.name());
        var t = (CreateSchema) parse("CREATE SCHEMA MixedCase");
        assertEquals("mixedcase", t.name());
    }
}
