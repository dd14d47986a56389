package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.ForwardingPreparedQuery;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.api.SqlSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One connection's SQL session: splits simple-Query strings into statements and offers each to the handler
 * chain in order. Statements of a simple Query are prepared just before they run, so
 * {@code create ...; select ... from it} works and a failed transaction block rejects what follows with
 * {@code 25P02}, as PostgreSQL does.
 */
public final class WirewrapSession implements SqlSession {
    /** Statements PostgreSQL has and wirewrap does not: refused with 0A000 rather than a syntax error. */
    private static final Set<String> KNOWN_VERBS = Set.of("alter", "analyze", "call", "checkpoint", "cluster", "comment",
            "copy", "create", "delete", "do", "drop", "execute", "grant", "import", "insert", "listen", "load", "lock",
            "merge", "move", "notify", "prepare", "reassign", "refresh", "reindex", "revoke", "security", "truncate",
            "unlisten", "update", "vacuum", "values", "with", "select", "table", "explain", "declare", "fetch", "close");

    private static final int[] NO_TYPES = new int[0];
    private final SessionCommandHandler sessionCommands = new SessionCommandHandler();
    private final SessionContext context;
    private final List<StatementHandler> handlers;
    private long reportedVersion = -1;
    private Map<String, String> reported;

    WirewrapSession(SessionInfo info, boolean superuser, EngineServices services, List<StatementHandler> handlers) {
        this.handlers = handlers;
        this.context = new SessionContext(info, superuser, services, new Settings());
        Map<String, String> initial = new HashMap<>(Gucs.defaults());
        initial.put("is_superuser", superuser ? "on" : "off");
        initial.put("session_authorization", info.user());
        applyStartupParameters(info.startupParameters(), initial);
        context.settings().replaceAll(initial);
        context.attachment(SessionDefaults.class, () -> new SessionDefaults(initial));
        context.attachment(StatementPreparer.class, () -> this::prepareOne);
    }

    /** The per-connection state handlers see; the server attaches its {@link PreparedStatementRegistry} here. */
    public SessionContext context() {
        return context;
    }

    @Override
    public List<PreparedQuery> prepareAll(String sql) {
        List<PreparedQuery> out = new ArrayList<>();
        for (StatementSplitter.Piece p : StatementSplitter.split(sql)) out.add(new Deferred(p));
        return out;
    }

    @Override
    public PreparedQuery prepare(String sql, int[] parameterTypeOids) {
        List<StatementSplitter.Piece> pieces = StatementSplitter.split(sql);
        if (pieces.size() > 1) throw new SqlError("42601", "cannot insert multiple commands into a prepared statement");
        if (pieces.isEmpty()) return EMPTY;
        StatementSplitter.Piece p = pieces.get(0);
        rejectIfAborted(p.sql());
        return positioned(p, () -> prepareOne(p.sql(), parameterTypeOids == null ? new int[0] : parameterTypeOids));
    }

    /**
     * True when every statement in {@code sql} is a session command answered from memory (SET, SHOW, BEGIN,
     * SAVEPOINT, constant SELECT, ...; not COMMIT/ROLLBACK/DISCARD): running it cannot block, so the server may run it without a
     * thread hand-off. A statement the session commands reject as malformed also counts (the error is instant).
     */
    public boolean isInstant(String sql) {
        for (StatementSplitter.Piece p : StatementSplitter.split(sql)) {
            // ending a transaction runs SessionContext's transaction-end listeners (closing cursors and
            // their engine results), which is not memory-only work
            if (SessionCommandHandler.isTransactionExit(p.sql()) || SessionCommandHandler.firstWord(p.sql()).equals("discard")) {
                return false;
            }
            try {
                if (sessionCommands.prepare(p.sql(), NO_TYPES, context).isEmpty()) return false;
            } catch (SqlError e) {
                // its own syntax error: answered at once
            }
        }
        return true;
    }

    /** Offers one statement to each handler in order; the first that takes it owns it. */
    PreparedQuery prepareOne(String sql, int[] parameterTypeOids) {
        for (StatementHandler h : handlers) {
            var q = h.prepare(sql, parameterTypeOids, context);
            if (q.isPresent()) return new Guarded(q.get());
        }
        throw notTaken(sql);
    }

    private static SqlError notTaken(String sql) {
        String word = SessionCommandHandler.firstWord(sql);
        if (KNOWN_VERBS.contains(word)) {
            return new SqlError("0A000", word.toUpperCase(Locale.ROOT) + " is not supported by wirewrap in this form",
                    null, null, 1, null);
        }
        String near = word.isEmpty() ? sql.strip().split("\\s+", 2)[0] : word;
        return SqlError.syntax("syntax error at or near \"" + near + "\"", Math.max(1, sql.indexOf(near) + 1));
    }

    private void rejectIfAborted(String sql) {
        if (context.transactionStatus() == 'E' && !SessionCommandHandler.isTransactionExit(sql)) {
            throw new SqlError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    @Override
    public char transactionStatus() {
        return context.transactionStatus();
    }

    @Override
    public Map<String, String> reportedParameters() {
        long v = context.settings().version();
        if (v != reportedVersion || reported == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String name : Gucs.REPORTED) m.put(name, context.settings().getOrDefault(name, Gucs.defaults().getOrDefault(name, "")));
            reported = Map.copyOf(m);
            reportedVersion = v;
        }
        return reported;
    }

    @Override
    public void markFailed() {
        Transaction.of(context).markFailed();
    }

    @Override
    public void close() {
        context.closeAttachments();
    }

    /** Startup packet values become the session's settings and its RESET defaults; "options" may carry -c name=value. */
    private static void applyStartupParameters(Map<String, String> params, Map<String, String> into) {
        for (var e : params.entrySet()) {
            String key = e.getKey();
            if (key.equals("user") || key.equals("database") || key.equals("replication") || key.startsWith("_pq_.")) continue;
            if (key.equals("options")) {
                applyOptions(e.getValue(), into);
                continue;
            }
            setStartupValue(key, e.getValue(), into);
        }
    }

    /**
     * Unknown names and values wirewrap cannot honour (a LATIN1 client_encoding, a DateStyle other than ISO)
     * are ignored rather than refusing the connection; the ParameterStatus messages tell the client what the
     * session really uses.
     */
    private static void setStartupValue(String name, String value, Map<String, String> into) {
        Gucs.canonical(name).filter(c -> !Gucs.isReadOnly(c)).ifPresent(c -> {
            try {
                into.put(c, Gucs.normalize(c, value));
            } catch (SqlError ignored) {
                // keep the default
            }
        });
    }

    private static void applyOptions(String options, Map<String, String> into) {
        String[] words = options.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String assignment = null;
            if (w.equals("-c") && i + 1 < words.length) assignment = words[++i];
            else if (w.startsWith("-c")) assignment = w.substring(2);
            else if (w.startsWith("--")) assignment = w.substring(2);
            if (assignment == null) continue;
            int eq = assignment.indexOf('=');
            if (eq <= 0) continue;
            String name = assignment.substring(0, eq).replace('-', '_');
            String value = assignment.substring(eq + 1);
            setStartupValue(name, value, into);
        }
    }

    private interface Preparation {
        PreparedQuery run();
    }

    /** Runs a preparation, shifting an error's cursor position from the statement to the whole query string. */
    private static PreparedQuery positioned(StatementSplitter.Piece p, Preparation prep) {
        try {
            return prep.run();
        } catch (SqlError e) {
            if (e.position() <= 0 || p.offset() == 0) throw e;
            throw new SqlError(e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position() + p.offset(), e);
        }
    }

    /** A simple-Query statement, prepared when it is about to run (after the statements before it). */
    private final class Deferred implements PreparedQuery {
        private final StatementSplitter.Piece piece;
        private PreparedQuery prepared;

        Deferred(StatementSplitter.Piece piece) {
            this.piece = piece;
        }

        private PreparedQuery prepared() {
            if (prepared == null) {
                rejectIfAborted(piece.sql());
                prepared = positioned(piece, () -> prepareOne(piece.sql(), new int[0]));
            }
            return prepared;
        }

        @Override
        public String sql() {
            return piece.sql();
        }

        @Override
        public int[] parameterTypes() {
            return prepared().parameterTypes();
        }

        @Override
        public List<ResultColumn> describe() {
            return prepared().describe();
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext ctx) {
            return prepared().execute(parameters, ctx);
        }
    }

    /** A handler's statement, refused with 25P02 when executed inside a failed transaction block. */
    private final class Guarded extends ForwardingPreparedQuery {
        Guarded(PreparedQuery inner) {
            super(inner);
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext ctx) {
            rejectIfAborted(inner.sql());
            return inner.execute(parameters, ctx);
        }

        @Override
        public List<QueryResult> executeBatch(List<List<Object>> parameterSets, ExecContext ctx) {
            rejectIfAborted(inner.sql());
            return inner.executeBatch(parameterSets, ctx);
        }
    }

    /**
     * The statement of an empty query string: no columns, and executing it is "empty". The server answers
     * EmptyQueryResponse for a prepared statement whose {@link PreparedQuery#sql()} is empty.
     */
    public static final PreparedQuery EMPTY = Results.command("", context -> "");
}
