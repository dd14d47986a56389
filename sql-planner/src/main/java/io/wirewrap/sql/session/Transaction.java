package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.SqlError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The session's transaction block: I/T/E status, savepoints, and the transactional behaviour of settings
 * (ROLLBACK undoes SET, COMMIT keeps SET but ends SET LOCAL), as in PostgreSQL. wirewrap has no data to
 * roll back (Stripe writes are not transactional); the block exists so that clients and postgres_fdw see
 * the statuses and tags they expect. Writes to a remote system inside a block are remembered, so that ROLLBACK
 * warns they were not undone; {@value #REMOTE_WRITES} {@code = error} refuses them instead. A {@link SessionContext}
 * attachment.
 */
public final class Transaction {
    /** {@code warn} (default): remote writes in a block are allowed and ROLLBACK warns; {@code error}: refused. */
    public static final String REMOTE_WRITES = "wirewrap.remote_writes_in_transaction";

    private record Savepoint(String name, Map<String, String> settings, Map<String, String> sessionLevel, int irreversible) {}

    /** A change made inside a block that ROLLBACK cannot undo: a remote write, or DDL (applied at once). */
    private record Irreversible(boolean remote, String what) {}

    private final SessionContext session;
    private Map<String, String> atBegin;      // settings when the block began: what ROLLBACK restores
    private Map<String, String> sessionLevel; // settings as plain SETs in the block left them: what COMMIT keeps
    private final Deque<Savepoint> savepoints = new ArrayDeque<>();
    private final List<Irreversible> irreversible = new ArrayList<>(); // what ROLLBACK cannot undo, for its warning

    public Transaction(SessionContext session) {
        this.session = session;
    }

    public static Transaction of(SessionContext session) {
        return session.attachment(Transaction.class, () -> new Transaction(session));
    }

    public boolean inBlock() {
        return session.transactionStatus() != 'I';
    }

    public boolean failed() {
        return session.transactionStatus() == 'E';
    }

    /** BEGIN / START TRANSACTION: a second BEGIN only warns, like PostgreSQL. */
    public void begin(ExecContext ctx) {
        if (inBlock()) {
            warn(ctx, "25001", "there is already a transaction in progress");
            return;
        }
        Map<String, String> now = session.settings().snapshot();
        atBegin = now;
        sessionLevel = new HashMap<>(now);
        session.transactionStatus('T');
    }

    /** COMMIT / END; returns the tag ("ROLLBACK" when the block had failed). */
    public String commit(ExecContext ctx) {
        if (!inBlock()) {
            warn(ctx, "25P01", "there is no transaction in progress");
            return "COMMIT";
        }
        boolean wasFailed = failed();
        if (wasFailed) warnNotRolledBack(ctx, 0);
        finish(wasFailed ? atBegin : sessionLevel);
        return wasFailed ? "ROLLBACK" : "COMMIT";
    }

    /** ROLLBACK / ABORT. */
    public void rollback(ExecContext ctx) {
        if (!inBlock()) {
            warn(ctx, "25P01", "there is no transaction in progress");
            return;
        }
        warnNotRolledBack(ctx, 0);
        finish(atBegin);
    }

    /**
     * A statement is about to change a remote system ({@code what}: e.g. {@code INSERT into stripe.customers}).
     * Outside a block nothing happens; inside one it is remembered, or refused ({@code 25000}) when
     * {@value #REMOTE_WRITES} is {@code error}, before any request is sent.
     */
    public void remoteWrite(String what) {
        if (!inBlock()) return;
        if ("error".equals(session.settings().getOrDefault(REMOTE_WRITES, "warn"))) {
            throw new SqlError("25000", "cannot write to a remote system inside a transaction block: " + what,
                    "Remote writes cannot be rolled back.", "Run it outside BEGIN ... COMMIT, or SET " + REMOTE_WRITES + " = warn.", 0, null);
        }
        irreversible.add(new Irreversible(true, what));
    }

    /**
     * A catalog change ({@code what}: e.g. {@code CREATE FOREIGN TABLE}) was applied at once: the catalog is shared
     * by every session and has no per-transaction versions, so inside a block ROLLBACK will warn that it stays.
     */
    public void catalogChange(String what) {
        if (inBlock()) irreversible.add(new Irreversible(false, what));
    }

    /** ROLLBACK (to savepoint) cannot undo remote writes or DDL made since {@code from}: say so, as WARNINGs. */
    private void warnNotRolledBack(ExecContext ctx, int from) {
        if (irreversible.size() <= from) return;
        List<Irreversible> undone = irreversible.subList(from, irreversible.size());
        if (ctx != null && ctx.notices() != null) {
            List<String> remote = undone.stream().filter(Irreversible::remote).map(Irreversible::what).toList();
            List<String> catalog = undone.stream().filter(i -> !i.remote()).map(Irreversible::what).toList();
            if (!remote.isEmpty()) {
                ctx.notices().accept(new ExecContext.Notice("WARNING", "01000", "remote changes were not rolled back",
                        "Stripe has no transactions; still in effect: " + String.join("; ", remote) + "."));
            }
            if (!catalog.isEmpty()) {
                ctx.notices().accept(new ExecContext.Notice("WARNING", "01000", "catalog changes were not rolled back",
                        "wirewrap applies DDL when it runs; still in effect: " + String.join("; ", catalog) + "."));
            }
        }
        undone.clear();
    }

    private void finish(Map<String, String> settings) {
        irreversible.clear();
        session.settings().replaceAll(settings);
        atBegin = null;
        sessionLevel = null;
        savepoints.clear();
        session.transactionStatus('I');
    }

    public void savepoint(String name) {
        requireBlock("SAVEPOINT");
        savepoints.push(new Savepoint(name, session.settings().snapshot(), new HashMap<>(sessionLevel), irreversible.size()));
    }

    public void release(String name) {
        requireBlock("RELEASE SAVEPOINT");
        Savepoint sp = find(name);
        while (savepoints.peek() != sp) savepoints.pop();
        savepoints.pop();
    }

    /** ROLLBACK TO SAVEPOINT: undoes what followed and leaves a failed block usable again. */
    public void rollbackTo(String name) {
        rollbackTo(name, null);
    }

    /** ROLLBACK TO SAVEPOINT, warning on {@code ctx} about remote writes made since the savepoint. */
    public void rollbackTo(String name, ExecContext ctx) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        Savepoint sp = find(name);
        warnNotRolledBack(ctx, sp.irreversible());
        while (savepoints.peek() != sp) savepoints.pop();
        session.settings().replaceAll(sp.settings());
        sessionLevel = new HashMap<>(sp.sessionLevel());
        session.transactionStatus('T');
    }

    /** SET (local = false) or SET LOCAL of an already normalised value. */
    public void set(String name, String value, boolean local, ExecContext ctx) {
        if (local && !inBlock()) {
            warn(ctx, "25P01", "SET LOCAL can only be used in transaction blocks");
            return;
        }
        session.settings().set(name, value);
        if (inBlock() && !local) sessionLevel.put(name, value);
    }

    /** A statement failed: a block becomes failed ('E'); outside a block nothing changes. */
    public void markFailed() {
        if (session.transactionStatus() == 'T') session.transactionStatus('E');
    }

    private Savepoint find(String name) {
        for (Iterator<Savepoint> it = savepoints.iterator(); it.hasNext(); ) {
            Savepoint sp = it.next();
            if (sp.name().equals(name)) return sp;
        }
        throw new SqlError("3B001", "savepoint \"" + name + "\" does not exist");
    }

    private void requireBlock(String what) {
        if (!inBlock()) throw new SqlError("25P01", what + " can only be used in transaction blocks");
    }

    private static void warn(ExecContext ctx, String state, String message) {
        if (ctx != null && ctx.notices() != null) ctx.notices().accept(new ExecContext.Notice("WARNING", state, message, null));
    }
}
