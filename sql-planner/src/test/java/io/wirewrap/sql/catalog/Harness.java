package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.Settings;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.SystemRelations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test engine: installs the catalog module on a data directory and runs statements through its handler the way
 * a session does (prepare, then execute), collecting notices. {@link #restart()} closes and reopens.
 */
public final class Harness implements AutoCloseable {
    public static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final Path dir;
    private final List<ForeignSource> sources;
    private final Map<String, String> env;
    private final String sharedUrl;
    public EngineServices services;
    public CatalogModule module;
    public final List<ExecContext.Notice> notices = new ArrayList<>();

    public Harness(Path dir, List<ForeignSource> sources) {
        this(dir, sources, Map.of("WIREWRAP_MASTER_KEY", MASTER_KEY), null);
    }

    public Harness(Path dir, List<ForeignSource> sources, Map<String, String> env, String sharedUrl) {
        this.dir = dir;
        this.sources = sources;
        this.env = env;
        this.sharedUrl = sharedUrl;
        open();
    }

    private void open() {
        services = new EngineServices(dir);
        CatalogConfig cfg = new CatalogConfig(dir, sharedUrl, sharedUrl == null ? null : "postgres", null, "postgres", "secret-pw", env);
        module = CatalogModule.install(services, new StatementHandlers(), cfg, new ForeignSources(sources));
    }

    public Harness restart() {
        services.close();
        open();
        return this;
    }

    public SessionContext session(String user, boolean superuser) {
        Settings settings = new Settings();
        settings.set("search_path", "\"$user\", public");
        return new SessionContext(new SessionInfo(user, "postgres", Map.of(), 42), superuser, services, settings);
    }

    public SessionContext superuser() {
        return session("postgres", true);
    }

    /** Runs one statement as the bootstrap superuser; returns the result with its rows read. */
    public Result exec(String sql) {
        return exec(superuser(), sql);
    }

    public Result exec(SessionContext s, String sql, Object... params) {
        Optional<PreparedQuery> q = module.handler().prepare(sql, new int[0], s);
        if (q.isEmpty()) throw new AssertionError("not a catalog statement: " + sql);
        try (QueryResult r = q.get().execute(List.of(params), new ExecContext(new CancelToken(), notices::add))) {
            List<Object[]> rows = new ArrayList<>();
            if (r.kind() == QueryResult.Kind.ROWS) {
                for (Object[] row; (row = r.next()) != null; ) rows.add(row);
            }
            return new Result(r.commandTag(), rows);
        }
    }

    /** Runs and expects an error; returns it. */
    public SqlError fails(String sql) {
        return fails(superuser(), sql);
    }

    public SqlError fails(SessionContext s, String sql) {
        try {
            exec(s, sql);
        } catch (SqlError e) {
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    public List<Object[]> rows(String schema, String relation) {
        return rows(superuser(), schema, relation);
    }

    public List<Object[]> rows(SessionContext s, String schema, String relation) {
        SystemRelations.Relation r = module.relations().find(schema, relation).orElseThrow();
        return r.rows(s);
    }

    /** The value of {@code column} in each row of a relation. */
    public List<Object> column(String schema, String relation, String column) {
        SystemRelations.Relation r = module.relations().find(schema, relation).orElseThrow();
        int idx = -1;
        for (int i = 0; i < r.columns().size(); i++) if (r.columns().get(i).name().equals(column)) idx = i;
        if (idx < 0) throw new AssertionError("no column " + column + " in " + relation);
        List<Object> out = new ArrayList<>();
        for (Object[] row : r.rows(superuser())) out.add(row[idx]);
        return out;
    }

    public CatalogSnapshot snapshot() {
        return module.catalog().snapshot();
    }

    @Override
    public void close() {
        services.close();
    }

    public record Result(String tag, List<Object[]> rows) {}
}
