package io.wirewrap.sql.session;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.SqlError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The session's transaction block: I/T/E status, savepoints, and the transactional behaviour of settings
 * (ROLLBACK undoes SET, COMMIT keeps SET but ends SET LOCAL), as in PostgreSQL. wirewrap has no data to
 * roll back (Stripe writes are not transactional); the block exists so that clients and postgres_fdw see
 * the statuses and tags they expect. A {@link SessionContext} attachment.
 */
public final class Transaction {
    private record Savepoint(String name, Map<String, String> settings, Map<String, String> sessionLevel) {}

    private final SessionContext session;
    private Map<String, String> atBegin;      // settings when the block began: what ROLLBACK restores
    private Map<String, String> sessionLevel; // settings as plain SETs in the block left them: what COMMIT keeps
    private final Deque<Savepoint> savepoints = new ArrayDeque<>();

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
        finish(wasFailed ? atBegin : sessionLevel);
        return wasFailed ? "ROLLBACK" : "COMMIT";
    }

    /** ROLLBACK / ABORT. */
    public void rollback(ExecContext ctx) {
        if (!inBlock()) {
            warn(ctx, "25P01", "there is no transaction in progress");
            return;
        }
        finish(atBegin);
    }

    private void finish(Map<String, String> settings) {
        session.settings().replaceAll(settings);
        atBegin = null;
        sessionLevel = null;
        savepoints.clear();
        session.transactionStatus('I');
    }

    public void savepoint(String name) {
        requireBlock("SAVEPOINT");
        savepoints.push(new Savepoint(name, session.settings().snapshot(), new HashMap<>(sessionLevel)));
    }

    public void release(String name) {
        requireBlock("RELEASE SAVEPOINT");
        Savepoint sp = find(name);
        while (savepoints.peek() != sp) savepoints.pop();
        savepoints.pop();
    }

    /** ROLLBACK TO SAVEPOINT: undoes what followed and leaves a failed block usable again. */
    public void rollbackTo(String name) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        Savepoint sp = find(name);
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
