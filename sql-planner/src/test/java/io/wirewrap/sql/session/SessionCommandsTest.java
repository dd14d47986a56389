package io.wirewrap.sql.session;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.api.SqlSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session's own statements, through the engine as the server uses it. */
class SessionCommandsTest {
    private WirewrapEngine engine;
    private SqlSession session;
    private final List<ExecContext.Notice> notices = new ArrayList<>();

    @BeforeEach
    void open() {
        engine = new WirewrapEngine(new EngineServices(Path.of("target/none")), new StatementHandlers(),
                new BootstrapRoleStore("alice", "secret"));
        session = engine.openSession(new SessionInfo("alice", "db1", Map.of("application_name", "app", "TimeZone", "Europe/Paris",
                "options", "-c statement_timeout=5s"), 4242));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** Runs a simple-Query string; returns every row (as strings) and tags, like a client would see them. */
    private List<String> run(String sql) {
        List<String> out = new ArrayList<>();
        for (PreparedQuery q : session.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), new ExecContext(new CancelToken(), notices::add))) {
                if (r.kind() == QueryResult.Kind.ROWS) {
                    for (Object[] row = r.next(); row != null; row = r.next()) {
                        List<String> cells = new ArrayList<>();
                        for (Object v : row) cells.add(String.valueOf(v));
                        out.add(String.join("|", cells));
                    }
                }
                out.add(r.commandTag());
            }
        }
        return out;
    }

    private String one(String sql) {
        return run(sql).get(0);
    }

    @Test
    void startupParametersAndDefaultsAreReported() {
        Map<String, String> p = session.reportedParameters();
        assertEquals(Gucs.SERVER_VERSION, p.get("server_version"));
        assertEquals("app", p.get("application_name"));
        assertEquals("Europe/Paris", p.get("TimeZone"));
        assertEquals("on", p.get("is_superuser"));
        assertEquals("alice", p.get("session_authorization"));
        assertEquals("ISO, MDY", p.get("DateStyle"));
        assertEquals("on", p.get("integer_datetimes"));
        assertEquals("UTF8", p.get("server_encoding"));
        assertEquals("5s", one("show statement_timeout"));
    }

    @Test
    void setShowResetWithPostgresSpellings() {
        assertEquals(List.of("SET", "3", "SHOW"), run("set extra_float_digits = 3; show extra_float_digits"));
        assertEquals("public, \"My Schema\"", run("set search_path to public, \"My Schema\"; show search_path").get(1));
        assertEquals("America/New_York", run("set time zone 'America/New_York'; show timezone").get(1));
        assertEquals("Europe/Paris", run("reset timezone; set timezone to default; show TimeZone").get(2), "startup value is the default");
        assertEquals("Europe/Paris", run("reset all; show timezone").get(1));
        assertEquals("ISO, DMY", run("set datestyle = iso, dmy; show datestyle").get(1));
        assertEquals("x", run("set myapp.flag = 'x'; show myapp.flag").get(1));
        SqlError unknown = assertThrows(SqlError.class, () -> run("set no_such_thing = 1"));
        assertEquals("42704", unknown.sqlState());
        SqlError range = assertThrows(SqlError.class, () -> run("set extra_float_digits = 9"));
        assertEquals("22023", range.sqlState());
        SqlError ro = assertThrows(SqlError.class, () -> run("set server_version = '1'"));
        assertEquals("55P02", ro.sqlState());
        assertTrue(run("show all").size() > 20);
    }

    @Test
    void transactionStatusAndTags() {
        assertEquals('I', session.transactionStatus());
        assertEquals(List.of("BEGIN"), run("begin isolation level repeatable read read only"));
        assertEquals('T', session.transactionStatus());
        assertEquals("repeatable read", one("show transaction isolation level"));
        assertEquals(List.of("SAVEPOINT"), run("savepoint s1"));
        session.markFailed();
        assertEquals('E', session.transactionStatus());
        SqlError aborted = assertThrows(SqlError.class, () -> run("select 1"));
        assertEquals("25P02", aborted.sqlState());
        assertEquals(List.of("ROLLBACK"), run("rollback to savepoint s1"));
        assertEquals('T', session.transactionStatus());
        assertEquals(List.of("RELEASE"), run("release s1"));
        assertEquals("3B001", assertThrows(SqlError.class, () -> run("release s1")).sqlState());
        session.markFailed();
        assertEquals(List.of("ROLLBACK"), run("commit"), "COMMIT of a failed block rolls back");
        assertEquals('I', session.transactionStatus());
        assertEquals("read committed", one("show transaction_isolation"));
        assertEquals(List.of("START TRANSACTION", "COMMIT"), run("start transaction; end"));
        assertEquals(List.of("ROLLBACK"), run("abort"));
        assertEquals("25P01", notices.get(notices.size() - 1).sqlState());
        assertEquals("25P01", assertThrows(SqlError.class, () -> run("savepoint x")).sqlState());
    }

    @Test
    void setIsTransactionalAndSetLocalEndsWithTheBlock() {
        run("begin; set application_name = 'inside'; rollback");
        assertEquals("app", one("show application_name"));
        run("begin; set application_name = 'kept'; set local extra_float_digits = 0; commit");
        assertEquals("kept", one("show application_name"));
        assertEquals("1", one("show extra_float_digits"));
        run("set local extra_float_digits = 2");
        assertEquals("1", one("show extra_float_digits"), "SET LOCAL outside a block has no effect");
        assertEquals("25P01", notices.get(notices.size() - 1).sqlState());
    }

    @Test
    void constantSelects() {
        assertEquals(List.of("1", "SELECT 1"), run("select 1"));
        assertEquals("1|x|true|null", one("select 1, 'x' as s, true, null"));
        assertEquals(Gucs.VERSION_STRING, one("select version()"));
        assertEquals("alice|alice|db1|public", one("select current_user, session_user, current_database(), current_schema()"));
        assertEquals("4242", one("select pg_backend_pid()"));
        assertEquals("app", one("select current_setting('application_name')"));
        assertEquals("null", one("select current_setting('nope.nothing', true)"));
        assertEquals("other", one("select set_config('application_name', 'other', false)"));
        assertEquals("other", one("show application_name"));
        assertEquals("42|3000000000|-5", one("select '42'::int, 3000000000, -5"));
        var cols = session.prepareAll("select 1 as a, 'b'::text, current_user").get(0).describe();
        assertEquals(List.of("a", "text", "current_user"), cols.stream().map(c -> c.name()).toList());
        assertEquals(List.of(23, 25, 19), cols.stream().map(c -> c.typeOid()).toList());
        // anything else is not a constant select: with no query handler it is not taken at all
        assertEquals("0A000", assertThrows(SqlError.class, () -> run("select 1 + 1")).sqlState());
        assertEquals("0A000", assertThrows(SqlError.class, () -> run("select a from t")).sqlState());
    }

    @Test
    void instantStatementsAreOnlyTheSessionsOwn() {
        WirewrapSession ws = (WirewrapSession) session;
        assertTrue(ws.isInstant("select 1"));
        assertTrue(ws.isInstant("begin; set search_path = x; select current_setting('search_path')"));
        assertFalse(ws.isInstant("commit"), "ending a transaction runs listeners that may close engine results");
        assertFalse(ws.isInstant("discard all"));
        assertTrue(ws.isInstant(""));
        assertFalse(ws.isInstant("select 1; select * from t"));
        assertFalse(ws.isInstant("select 1 + 1"));
        assertFalse(ws.isInstant("copy (select 1) to stdout"));
        assertFalse(ws.isInstant("create table t (a int)"));
    }

    @Test
    void unknownStatementsAreSyntaxErrorsWithPosition() {
        SqlError e = assertThrows(SqlError.class, () -> run("select 1;  frobnicate now"));
        assertEquals("42601", e.sqlState());
        assertEquals(12, e.position());
        assertEquals("42601", assertThrows(SqlError.class, () -> session.prepare("select 1; select 2", new int[0])).sqlState());
        assertEquals("", session.prepare(" -- nothing", new int[0]).sql());
    }

    @Test
    void discardAllResetsSettingsAndDeallocates() {
        List<String> removed = new ArrayList<>();
        ((WirewrapSession) session).context().attachment(PreparedStatementRegistry.class, () -> new PreparedStatementRegistry() {
            @Override
            public boolean deallocate(String name) {
                removed.add(name);
                return name.equals("s1");
            }

            @Override
            public void deallocateAll() {
                removed.add("*");
            }
        });
        run("set application_name = 'changed'");
        assertEquals(List.of("DISCARD ALL"), run("discard all"));
        assertEquals("app", one("show application_name"));
        assertEquals(List.of("DEALLOCATE"), run("deallocate s1"));
        assertEquals("26000", assertThrows(SqlError.class, () -> run("deallocate prepare s2")).sqlState());
        assertEquals(List.of("DEALLOCATE ALL"), run("deallocate all"));
        assertEquals(List.of("*", "s1", "s2", "*"), removed);
        run("begin");
        assertEquals("25001", assertThrows(SqlError.class, () -> run("discard all")).sqlState());
    }

    @Test
    void scramVerifierChecksPasswordsWithoutStoringThem() {
        var role = engine.roles().find("alice").orElseThrow();
        assertFalse(role.scramVerifier().contains("secret"));
        ScramVerifier v = ScramVerifier.parse(role.scramVerifier());
        assertTrue(v.matches("secret"));
        assertFalse(v.matches("Secret"));
        assertEquals(role.scramVerifier(), v.text());
        assertTrue(engine.roles().find("bob").isEmpty());
    }
}
