package io.wirewrap.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.server.ServerConfig;
import io.wirewrap.server.auth.AuthFailure;
import io.wirewrap.server.protocol.Backend;
import io.wirewrap.server.protocol.ErrorFields;
import io.wirewrap.server.protocol.FrontendMessage;
import io.wirewrap.server.protocol.FrontendMessage.*;
import io.wirewrap.server.protocol.PgTypes;
import io.wirewrap.server.protocol.ProtocolViolation;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlEngine;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.api.SqlSession;
import io.wirewrap.sql.session.Gucs;
import io.wirewrap.sql.session.PreparedStatementRegistry;
import io.wirewrap.sql.session.Settings;
import io.wirewrap.sql.session.WirewrapSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's backend, run on its own virtual thread: the event loop only frames messages and queues
 * them here, so statements (which may block on Stripe or DuckDB) never run on the event loop, and they run
 * one at a time in the order the client sent them. Implements startup, authentication, the simple and
 * extended query protocols, COPY, and error recovery (discard until Sync) as PostgreSQL 15 does.
 */
public final class ConnectionWorker {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWorker.class);
    private static final short[] TEXT = new short[0];

    private final Channel channel;
    private final SqlEngine engine;
    private final ServerConfig config;
    private final BackendRegistry registry;
    private final Inbox inbox;
    private final Outbound out;
    private final Queue<ExecContext.Notice> notices = new ConcurrentLinkedQueue<>();
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** Most executions of one statement run together from a pipelined batch (pgjdbc sends up to ~256 per Sync). */
    private static final int MAX_PIPELINED_BATCH = 1000;
    private volatile CancelToken running;
    private volatile boolean tls;
    private volatile boolean ready; // startup done: the fast path may run
    private int pid;
    private int secret;
    private boolean counted;
    private SqlSession session;
    private Settings settings; // when the engine is wirewrap's: read for value formatting
    private long formatVersion = -1;
    private PgTypes.Format format = PgTypes.Format.DEFAULT;
    private Map<String, String> reported = Map.of();
    private boolean skipUntilSync;

    public ConnectionWorker(Channel channel, SqlEngine engine, ServerConfig config, BackendRegistry registry) {
        this.channel = channel;
        this.engine = engine;
        this.config = config;
        this.registry = registry;
        this.out = new Outbound(channel);
        this.inbox = new Inbox(reading -> channel.config().setAutoRead(reading));
    }

    // ---- called from the event loop ------------------------------------------------------------------

    public void start() {
        Thread.ofVirtual().name("wirewrap-backend").start(this::run);
    }

    public void deliver(FrontendMessage m) {
        inbox.add(m);
    }

    /** Everything one socket read decoded, queued with a single wake-up. */
    public void deliver(List<FrontendMessage> batch) {
        inbox.addAll(batch);
    }

    public void tlsActive() {
        tls = true;
    }

    public void writabilityChanged() {
        out.writabilityChanged();
    }

    /** Startup and authentication are done. */
    boolean isReady() {
        return ready;
    }

    int secretKey() {
        return secret;
    }

    /** CancelRequest or disconnect: the running statement (if any) stops with 57014. */
    public void cancelRunningStatement() {
        CancelToken t = running;
        if (t != null) t.cancel("canceling statement due to user request");
    }

    // ---- the backend ---------------------------------------------------------------------------------

    private void run() {
        try {
            FrontendMessage first = inbox.take(false);
            if (first instanceof Malformed m) throw new ProtocolViolation(m.message());
            if (!(first instanceof Startup startup)) return;
            if (!startup(startup)) return;
            loop();
        } catch (ProtocolViolation e) {
            fatal(ErrorFields.fatal("08P01", e.getMessage()));
        } catch (Outbound.ClientGone | InterruptedException e) {
            // the client went away
        } catch (Throwable t) {
            log.error("backend {} failed", pid, t);
            fatal(ErrorFields.fatal("XX000", "internal error"));
        } finally {
            cleanup();
        }
    }

    private void loop() throws InterruptedException {
        ready = true;
        while (dispatch(inbox.take(true))) {
            // next message
        }
    }

    /** Handles one message after startup; false when the session ends (Terminate, disconnect). */
    private boolean dispatch(FrontendMessage m) {
        switch (m) {
            case Query q -> simpleQuery(q.sql());
            case Parse p -> extended(() -> parse(p));
            case Bind b -> extended(() -> bind(b));
            case Describe d -> extended(() -> describe(d));
            case Execute e -> extended(() -> execute(e));
            case Close c -> extended(() -> close(c));
            case Sync s -> sync();
            case Flush f -> out.flush();
            case Terminate t -> {
                return false;
            }
            case Disconnected d -> {
                return false;
            }
            case Malformed bad -> throw new ProtocolViolation(bad.message());
            case CopyData c -> { } // stray COPY messages after a failed COPY are ignored, per protocol
            case CopyDone c -> { }
            case CopyFail c -> { }
            case FunctionCall f -> {
                error(new SqlError("0A000", "fast-path function calls are not supported"));
                readyForQuery();
            }
            case Startup s -> throw new ProtocolViolation("unexpected startup packet");
            case PasswordData p -> throw new ProtocolViolation("unexpected message type 0x70");
            case SslRequest s -> throw new ProtocolViolation("unexpected SSL request");
            case GssEncRequest g -> throw new ProtocolViolation("unexpected GSSENC request");
            case CancelRequest c -> throw new ProtocolViolation("unexpected cancel request");
        }
        return true;
    }

    /**
     * Event loop, after {@code --idle-session-timeout} without a byte from the client: when the backend is
     * waiting for the client (not running a statement or streaming a result), ends the session the way
     * PostgreSQL's idle_session_timeout (57P05) and idle_in_transaction_session_timeout (25P03) do.
     */
    void closeIfIdle() {
        if (!ready || !inbox.tryClaimIdle()) return;
        try {
            boolean inTransaction = session.transactionStatus() != 'I';
            fatal(inTransaction
                    ? ErrorFields.fatal("25P03", "terminating connection due to idle-in-transaction timeout")
                    : ErrorFields.fatal("57P05", "terminating connection due to idle-session timeout"));
            channel.close();
        } finally {
            inbox.releaseClaim();
        }
    }

    // ---- fast path ---------------------------------------------------------------------------------------

    /**
     * Called on the event loop with what one read decoded. When the worker is idle (parked, nothing queued)
     * and every statement in the batch is one the session answers from memory (SET, SHOW, BEGIN/COMMIT,
     * constant SELECTs: {@link WirewrapSession#isInstant}), the batch runs right here: no thread hand-off in
     * either direction, which is most of the latency of {@code select 1}. Anything that could block (a
     * catalog write, a DuckDB query, a Stripe call) goes to the worker. Returns false when it did not run.
     */
    public boolean tryRunInline(List<FrontendMessage> batch) {
        // a client not reading its results: the worker, which waits for it, answers (the event loop must not buffer)
        if (!ready || !channel.isWritable() || !(session instanceof WirewrapSession ws) || !inbox.tryClaimIdle()) return false;
        try {
            if (!allInstant(batch, ws)) return false;
            for (FrontendMessage m : batch) dispatch(m);
            return true;
        } catch (Outbound.ClientGone e) {
            channel.close();
            return true;
        } catch (RuntimeException e) {
            log.error("backend {} failed on the fast path", pid, e);
            channel.close();
            return true;
        } finally {
            inbox.releaseClaim();
        }
    }

    private boolean allInstant(List<FrontendMessage> batch, WirewrapSession ws) {
        // Sync and Query may close open portals; closing an engine result may block, so that is worker work
        for (Portal p : portals.values()) if (!p.statement.instant() && p.result != null) return false;
        java.util.Set<String> instantStatements = new java.util.HashSet<>();
        statements.forEach((name, st) -> {
            if (st.instant()) instantStatements.add(name);
        });
        java.util.Set<String> instantPortals = new java.util.HashSet<>();
        portals.forEach((name, p) -> {
            if (p.statement.instant()) instantPortals.add(name);
        });
        for (FrontendMessage m : batch) {
            boolean ok = switch (m) {
                case Query q -> ws.isInstant(q.sql());
                case Parse p -> {
                    if (!ws.isInstant(p.sql())) yield false;
                    instantStatements.add(p.statement());
                    yield true;
                }
                case Bind b -> {
                    if (!instantStatements.contains(b.statement())) yield false;
                    instantPortals.add(b.portal());
                    yield true;
                }
                case Describe d -> d.kind() == 'S' ? instantStatements.contains(d.name()) : instantPortals.contains(d.name());
                case Execute e -> instantPortals.contains(e.portal());
                case Sync s -> true;
                case Flush f -> true;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    private void cleanup() {
        portals.values().forEach(Portal::close);
        portals.clear();
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                log.warn("closing session of backend {}", pid, e);
            }
        }
        if (pid != 0) registry.unregister(pid);
        if (counted) registry.closed();
        try {
            out.flush();
        } catch (RuntimeException ignored) {
            // client gone
        }
        out.release();
        channel.close();
    }

    private void fatal(ErrorFields f) {
        try {
            Backend.error(out.buf(), 'E', f);
            out.flush();
        } catch (RuntimeException ignored) {
            // client gone
        }
    }

    // ---- startup and authentication ------------------------------------------------------------------

    private boolean startup(Startup s) throws InterruptedException {
        if (s.major() != 3) {
            fatal(ErrorFields.fatal("0A000", "unsupported frontend protocol " + s.major() + "." + s.minor()
                    + ": server supports 3.0 to 3.0"));
            return false;
        }
        List<String> unknownOptions = s.parameters().keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
        if (s.minor() > 0 || !unknownOptions.isEmpty()) Backend.negotiateProtocolVersion(out.buf(), 0, unknownOptions);
        String user = s.parameters().get("user");
        if (user == null || user.isEmpty()) {
            fatal(ErrorFields.fatal("28000", "no PostgreSQL user name specified in startup packet"));
            return false;
        }
        String database = s.parameters().getOrDefault("database", "");
        if (database.isEmpty()) database = user;
        if (config.tlsRequired() && !tls) {
            fatal(ErrorFields.fatal("28000", "no pg_hba.conf entry for host \"" + remoteHost() + "\", user \"" + user
                    + "\", database \"" + database + "\", no encryption"));
            return false;
        }
        if (!registry.tryOpen()) {
            fatal(ErrorFields.fatal("53300", "sorry, too many clients already"));
            return false;
        }
        counted = true;
        try {
            new Authenticator(engine.roles(), config.auth(), out, this::nextAuthMessage).authenticate(user);
        } catch (AuthFailure e) {
            // like PostgreSQL's auth_delay: each wrong guess costs the guesser time (and holds a connection slot)
            if (config.authFailureDelayMillis() > 0) Thread.sleep(config.authFailureDelayMillis());
            String msg = e.getMessage() != null ? e.getMessage() : "password authentication failed for user \"" + user + "\"";
            fatal(ErrorFields.fatal(e.sqlState(), msg));
            return false;
        }
        Backend.authOk(out.buf());
        pid = registry.newPid();
        secret = BackendRegistry.newSecret();
        try {
            session = engine.openSession(new SessionInfo(user, database, s.parameters(), pid));
        } catch (SqlError e) {
            fatal(new ErrorFields("FATAL", e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0));
            return false;
        }
        registry.register(pid, this);
        if (session instanceof WirewrapSession ws) {
            settings = ws.context().settings();
            ws.context().attachment(PreparedStatementRegistry.class, () -> new NamedStatements());
        }
        reported = session.reportedParameters();
        for (var e : reported.entrySet()) Backend.parameterStatus(out.buf(), e.getKey(), e.getValue());
        Backend.backendKeyData(out.buf(), pid, secret);
        Backend.readyForQuery(out.buf(), session.transactionStatus());
        out.flush();
        return true;
    }

    /** The next message during authentication: the client's answer to our request. */
    private PasswordData nextAuthMessage() {
        out.flush();
        FrontendMessage m;
        try {
            m = inbox.take(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Outbound.ClientGone();
        }
        return switch (m) {
            case PasswordData p -> p;
            case Disconnected d -> throw new Outbound.ClientGone();
            case Terminate t -> throw new Outbound.ClientGone();
            case Malformed bad -> throw new ProtocolViolation(bad.message());
            default -> throw new ProtocolViolation("expected password response, got message type " + m.getClass().getSimpleName());
        };
    }

    private String remoteHost() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    // ---- simple query --------------------------------------------------------------------------------

    private void simpleQuery(String sql) {
        dropUnnamed();
        try {
            List<PreparedQuery> queries = session.prepareAll(sql);
            if (queries.isEmpty()) Backend.emptyQuery(out.buf());
            for (PreparedQuery q : queries) {
                runToCompletion(q);
            }
        } catch (Outbound.ClientGone | ProtocolViolation e) {
            throw e;
        } catch (RuntimeException e) {
            error(e);
            session.markFailed();
        }
        readyForQuery();
    }

    private void runToCompletion(PreparedQuery q) {
        // the simple protocol has no way to bind parameters
        if (q.parameterTypes().length > 0) throw new SqlError("42P02", "there is no parameter $1");
        CancelToken token = new CancelToken();
        running = token;
        try (QueryResult r = q.execute(List.of(), new ExecContext(token, notices::add))) {
            drainNotices();
            send(r, q, TEXT, 0, true, token);
        } finally {
            running = null;
        }
    }

    /**
     * Sends a result. Returns true when the result is finished, false when it stopped at {@code maxRows}
     * (PortalSuspended sent).
     */
    private boolean send(QueryResult r, PreparedQuery q, short[] formats, int maxRows, boolean describe, CancelToken token) {
        switch (r.kind()) {
            case ROWS -> {
                List<ResultColumn> cols = r.columns();
                if (describe) Backend.rowDescription(out.buf(), cols, formats);
                int sent = streamRows(r, cols, formats, maxRows, token);
                if (maxRows > 0 && sent == maxRows) {
                    Backend.portalSuspended(out.buf());
                    return false;
                }
                drainNotices();
                String tag = r.commandTag();
                if (maxRows > 0 && tag != null && tag.startsWith("SELECT ")) tag = "SELECT " + sent;
                Backend.commandComplete(out.buf(), tag);
                return true;
            }
            case COMMAND -> {
                drainNotices();
                if (q.sql().isEmpty()) Backend.emptyQuery(out.buf());
                else Backend.commandComplete(out.buf(), r.commandTag());
                return true;
            }
            case COPY_OUT -> {
                copyOut(r, token);
                return true;
            }
            case COPY_IN -> {
                copyIn(r);
                return true;
            }
        }
        return true;
    }

    /** Writes DataRows until the result ends or {@code maxRows} (0 = all) were sent; returns how many. */
    private int streamRows(QueryResult r, List<ResultColumn> cols, short[] formats, int maxRows, CancelToken token) {
        PgTypes.Format fmt = format();
        int n = cols.size();
        int[] oids = new int[n];
        boolean[] binary = new boolean[n];
        for (int i = 0; i < n; i++) {
            oids[i] = cols.get(i).typeOid();
            binary[i] = Backend.formatOf(formats, i) == 1;
        }
        int sent = 0;
        while (maxRows == 0 || sent < maxRows) {
            token.throwIfCancelled();
            Object[] row = r.next();
            if (row == null) break;
            ByteBuf b = out.buf();
            int rowStart = b.writerIndex();
            try {
                int at = Backend.begin(b, 'D');
                b.writeShort(n);
                for (int i = 0; i < n; i++) {
                    Object v = row[i];
                    if (v == null) {
                        b.writeInt(-1);
                        continue;
                    }
                    int lenAt = b.writerIndex();
                    b.writeInt(0);
                    if (binary[i]) PgTypes.writeBinary(b, v, oids[i], fmt);
                    else PgTypes.writeText(b, v, fmt);
                    b.setInt(lenAt, b.writerIndex() - lenAt - 4);
                }
                Backend.end(b, at);
            } catch (RuntimeException e) {
                // a value that cannot be encoded: drop the half-written DataRow, or the ErrorResponse after it
                // would be read as part of it and the client's framing would be lost
                b.writerIndex(rowStart);
                throw e;
            }
            sent++;
            out.maybeFlush();
        }
        return sent;
    }

    private void copyOut(QueryResult r, CancelToken token) {
        QueryResult.CopyFormat f = r.copyFormat() != null ? r.copyFormat() : QueryResult.CopyFormat.TEXT;
        List<ResultColumn> cols = r.columns();
        PgTypes.Format fmt = format();
        Backend.copyResponse(out.buf(), 'H', cols.size());
        if (f.header()) copyData(CopyText.header(cols.stream().map(ResultColumn::name).toList(), f));
        while (true) {
            token.throwIfCancelled();
            Object[] row = r.next();
            if (row == null) break;
            copyData(CopyText.line(row, f, fmt));
            out.maybeFlush();
        }
        Backend.copyDone(out.buf());
        drainNotices();
        Backend.commandComplete(out.buf(), r.commandTag());
    }

    private void copyData(String line) {
        ByteBuf b = out.buf();
        int at = Backend.begin(b, 'd');
        b.writeCharSequence(line, StandardCharsets.UTF_8);
        Backend.end(b, at);
    }

    private void copyIn(QueryResult r) {
        QueryResult.CopyInSink sink = r.copyIn();
        if (sink == null) throw new SqlError("0A000", "COPY FROM STDIN is not supported for this statement");
        List<ResultColumn> cols = r.columns();
        Backend.copyResponse(out.buf(), 'G', cols == null ? 0 : cols.size());
        out.flush();
        while (true) {
            FrontendMessage m;
            try {
                m = inbox.take(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.abort("interrupted");
                throw new Outbound.ClientGone();
            }
            switch (m) {
                case CopyData d -> sink.accept(d.data());
                case CopyDone d -> {
                    Backend.commandComplete(out.buf(), sink.finish());
                    return;
                }
                case CopyFail f -> {
                    sink.abort(f.message());
                    throw new SqlError(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
                }
                case Flush f -> { }
                case Sync s -> { }
                case Disconnected d -> {
                    sink.abort("client disconnected");
                    throw new Outbound.ClientGone();
                }
                case Malformed bad -> {
                    sink.abort(bad.message());
                    throw new ProtocolViolation(bad.message());
                }
                default -> {
                    sink.abort("unexpected message");
                    throw new SqlError("08P01", "unexpected message type during COPY from stdin");
                }
            }
        }
    }

    // ---- extended query ------------------------------------------------------------------------------

    private void extended(Runnable step) {
        if (skipUntilSync) return;
        try {
            step.run();
        } catch (Outbound.ClientGone | ProtocolViolation e) {
            throw e;
        } catch (RuntimeException e) {
            error(e);
            session.markFailed();
            skipUntilSync = true;
        }
    }

    private void parse(Parse p) {
        if (!p.statement().isEmpty() && statements.containsKey(p.statement())) {
            throw new SqlError("42P05", "prepared statement \"" + p.statement() + "\" already exists");
        }
        PreparedQuery q = session.prepare(p.sql(), p.parameterTypes());
        int[] inferred = q.parameterTypes() == null ? new int[0] : q.parameterTypes();
        int[] types = Arrays.copyOf(p.parameterTypes(), Math.max(p.parameterTypes().length, inferred.length));
        for (int i = 0; i < types.length; i++) if (types[i] == 0 && i < inferred.length) types[i] = inferred[i];
        boolean instant = session instanceof WirewrapSession ws && ws.isInstant(p.sql());
        statements.put(p.statement(), new Statement(q, types, instant, p));
        Backend.parseComplete(out.buf());
    }

    private void bind(Bind b) {
        Statement st = statement(b.statement());
        if (!b.portal().isEmpty() && portals.containsKey(b.portal())) {
            throw new SqlError("42P03", "portal \"" + b.portal() + "\" already exists");
        }
        List<Object> values = bindValues(st, b);
        Portal old = portals.remove(b.portal());
        if (old != null) old.close();
        portals.put(b.portal(), new Portal(st, values, b.resultFormats()));
        Backend.bindComplete(out.buf());
    }

    /** The parameter values a Bind gives {@code st}, checked as PostgreSQL checks them. */
    private List<Object> bindValues(Statement st, Bind b) {
        int n = st.parameterTypes().length;
        if (b.values().length != n) {
            throw new SqlError("08P01", "bind message supplies " + b.values().length + " parameters, but prepared statement \""
                    + b.statement() + "\" requires " + n);
        }
        short[] pf = b.parameterFormats();
        checkFormatCodes(pf);
        checkFormatCodes(b.resultFormats());
        if (pf.length > 1 && pf.length != n) {
            throw new SqlError("08P01", "bind message has " + pf.length + " parameter formats but " + n + " parameters");
        }
        PgTypes.Format fmt = format();
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] raw = b.values()[i];
            int oid = st.parameterTypes()[i];
            if (raw == null) values.add(null);
            else if (Backend.formatOf(pf, i) == 1) values.add(PgTypes.decodeBinary(raw, oid, i));
            else values.add(PgTypes.decodeText(new String(raw, StandardCharsets.UTF_8), oid, fmt));
        }
        List<ResultColumn> cols = st.query().describe();
        short[] rf = b.resultFormats();
        int ncols = cols == null ? 0 : cols.size();
        if (rf.length > 1 && rf.length != ncols) {
            throw new SqlError("08P01", "bind message has " + rf.length + " result formats but query has " + ncols + " columns");
        }
        return values;
    }

    /** Only text (0) and binary (1) exist; PostgreSQL refuses anything else at Bind. */
    private static void checkFormatCodes(short[] codes) {
        for (short c : codes) {
            if (c != 0 && c != 1) throw new SqlError("22023", "unsupported format code: " + c);
        }
    }

    private void describe(Describe d) {
        if (d.kind() == 'S') {
            Statement st = statement(d.name());
            int[] shown = st.parameterTypes().clone();
            for (int i = 0; i < shown.length; i++) if (shown[i] == 0) shown[i] = PgTypes.TEXT;
            Backend.parameterDescription(out.buf(), shown);
            rowDescriptionOrNoData(st.query().describe(), TEXT);
        } else {
            Portal p = portal(d.name());
            rowDescriptionOrNoData(p.result != null && p.result.kind() == QueryResult.Kind.ROWS ? p.result.columns()
                    : p.statement.query().describe(), p.resultFormats);
        }
    }

    private void rowDescriptionOrNoData(List<ResultColumn> cols, short[] formats) {
        if (cols == null) Backend.noData(out.buf());
        else Backend.rowDescription(out.buf(), cols, formats);
    }

    private void execute(Execute e) {
        Portal p = portal(e.portal());
        PreparedQuery q = p.statement.query();
        if (q.sql().isEmpty()) {
            Backend.emptyQuery(out.buf());
            return;
        }
        if (p.done) {
            Backend.commandComplete(out.buf(), p.result == null ? "SELECT 0" : p.result.commandTag());
            return;
        }
        if (p.result == null && q.batchable() && wholeResult(e, q) && executeBatch(p, e)) return;
        try {
            if (p.result == null) {
                p.cancel = new CancelToken();
                running = p.cancel;
                p.result = q.execute(p.parameters, new ExecContext(p.cancel, notices::add));
                drainNotices();
            } else {
                running = p.cancel;
            }
            boolean finished = send(p.result, q, p.resultFormats, Math.max(0, e.maxRows()), false, p.cancel);
            if (finished) p.close();
        } catch (RuntimeException ex) {
            p.close();
            throw ex;
        } finally {
            running = null;
        }
    }

    /** The Execute takes every row (pgjdbc asks a row-less INSERT for at most 1 row: that is every row too). */
    private static boolean wholeResult(Execute e, PreparedQuery q) {
        return e.maxRows() == 0 || q.describe() == null;
    }

    /** One more execution of the same statement, pipelined behind an Execute: Bind, optional Describe, Execute. */
    private record Pipelined(boolean parsed, List<Object> parameters, short[] resultFormats, boolean described) {}

    /**
     * pgjdbc's executeBatch sends Bind/Execute per row and one Sync. When a batchable statement (a foreign-table
     * INSERT) is executed and more executions of it are already queued, they run as one operation (parallel
     * requests) and are answered as if run one by one. Returns false when nothing is queued behind this one.
     */
    private boolean executeBatch(Portal p, Execute e) {
        List<Pipelined> more = new ArrayList<>();
        List<FrontendMessage> queued = inbox.peek(3 * MAX_PIPELINED_BATCH);
        int used = 0;
        for (int i = 0; i < queued.size(); ) {
            int j = i;
            boolean parsed = queued.get(j) instanceof Parse again && again.statement().isEmpty() && p.statement.sameAs(again);
            if (parsed) j++;
            if (j >= queued.size() || !(queued.get(j) instanceof Bind b) || !b.portal().equals(e.portal())
                    || !parsed && statements.get(b.statement()) != p.statement) break;
            j++;
            boolean described = j < queued.size() && queued.get(j) instanceof Describe d && d.kind() == 'P' && d.name().equals(e.portal());
            if (described) j++;
            if (j >= queued.size() || !(queued.get(j) instanceof Execute x) || !x.portal().equals(e.portal())
                    || !wholeResult(x, p.statement.query())) break;
            List<Object> values;
            try {
                values = bindValues(p.statement, b);
            } catch (RuntimeException bad) {
                break; // answered in turn, after the batch
            }
            more.add(new Pipelined(parsed, values, b.resultFormats(), described));
            i = j + 1;
            used = i;
        }
        if (more.isEmpty()) return false;
        inbox.drop(used);
        PreparedQuery q = p.statement.query();
        List<List<Object>> sets = new ArrayList<>();
        sets.add(p.parameters);
        more.forEach(m -> sets.add(m.parameters()));
        CancelToken token = new CancelToken();
        running = token;
        List<QueryResult> results;
        try {
            results = q.executeBatch(sets, new ExecContext(token, notices::add));
        } finally {
            running = null;
            p.close();
        }
        drainNotices();
        send(results.get(0), q, p.resultFormats, 0, false, token);
        for (int i = 0; i < more.size(); i++) {
            Pipelined m = more.get(i);
            if (m.parsed()) Backend.parseComplete(out.buf());
            Backend.bindComplete(out.buf());
            if (m.described()) rowDescriptionOrNoData(q.describe(), m.resultFormats());
            send(results.get(i + 1), q, m.resultFormats(), 0, false, token);
        }
        results.forEach(QueryResult::close);
        Portal last = new Portal(p.statement, more.getLast().parameters(), more.getLast().resultFormats());
        last.close();
        Portal old = portals.put(e.portal(), last);
        if (old != null && old != p) old.close();
        return true;
    }

    private void close(Close c) {
        if (c.kind() == 'S') {
            statements.remove(c.name());
        } else {
            Portal p = portals.remove(c.name());
            if (p != null) p.close();
        }
        Backend.closeComplete(out.buf());
    }

    private void sync() {
        skipUntilSync = false;
        if (session.transactionStatus() == 'I') {
            // the implicit transaction ended: its portals go with it
            portals.values().forEach(Portal::close);
            portals.clear();
        }
        readyForQuery();
    }

    private Statement statement(String name) {
        Statement st = statements.get(name);
        if (st == null) {
            throw new SqlError("26000", name.isEmpty() ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return st;
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) throw new SqlError("34000", "portal \"" + name + "\" does not exist");
        return p;
    }

    private void dropUnnamed() {
        statements.remove("");
        Portal p = portals.remove("");
        if (p != null) p.close();
    }

    // ---- shared ----------------------------------------------------------------------------------------

    private void readyForQuery() {
        drainNotices();
        Map<String, String> now = session.reportedParameters();
        if (now != reported) {
            for (var e : now.entrySet()) {
                if (!e.getValue().equals(reported.get(e.getKey()))) Backend.parameterStatus(out.buf(), e.getKey(), e.getValue());
            }
            reported = now;
        }
        Backend.readyForQuery(out.buf(), session.transactionStatus());
        out.flush();
    }

    private void error(Throwable e) {
        ErrorFields f = ErrorFields.of(e);
        if ("XX000".equals(f.sqlState()) && !(e instanceof io.wirewrap.fdw.FdwException)) {
            log.warn("backend {}: unexpected failure", pid, e);
        }
        drainNotices();
        Backend.error(out.buf(), 'E', f);
    }

    private void drainNotices() {
        ExecContext.Notice n;
        while ((n = notices.poll()) != null) {
            Backend.error(out.buf(), 'N', new ErrorFields(n.severity(), n.sqlState(), n.message(), n.detail(), null, 0));
        }
    }

    /** Formatting settings, re-read only when the session's settings changed. */
    private PgTypes.Format format() {
        if (settings == null) return PgTypes.Format.DEFAULT;
        long v = settings.version();
        if (v != formatVersion) {
            int efd;
            try {
                efd = Integer.parseInt(settings.getOrDefault("extra_float_digits", "1"));
            } catch (NumberFormatException e) {
                efd = 1;
            }
            java.time.ZoneId zone;
            try {
                zone = Gucs.zoneOf(settings.getOrDefault("TimeZone", "UTC"));
            } catch (RuntimeException e) {
                zone = java.time.ZoneOffset.UTC;
            }
            format = new PgTypes.Format(zone, efd);
            formatVersion = v;
        }
        return format;
    }

    /** DEALLOCATE / DISCARD ALL reach the protocol's named statements through this. */
    private final class NamedStatements implements PreparedStatementRegistry {
        @Override
        public boolean deallocate(String name) {
            return !name.isEmpty() && statements.remove(name) != null;
        }

        @Override
        public void deallocateAll() {
            statements.keySet().removeIf(k -> !k.isEmpty());
        }
    }
}
