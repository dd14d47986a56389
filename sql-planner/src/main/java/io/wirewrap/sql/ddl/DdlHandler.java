package io.wirewrap.sql.ddl;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.QueryResults;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogService;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.catalog.ForeignSources;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.StatementHandler;
import io.wirewrap.sql.session.Transaction;
import io.wirewrap.sql.vault.Vault;
import io.wirewrap.sql.vault.VaultCommands;
import io.wirewrap.sql.vault.VaultSqlParser;
import io.wirewrap.sql.vault.VaultStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statement handler for catalog DDL (wrappers, servers, user mappings, schemas, foreign tables, comments,
 * roles, grants) and vault writes. Every statement it takes changes the catalog as one atomic, durable step at
 * Execute; Parse only parses. It also refreshes the catalog from a shared store at the start of each statement
 * offered to it, so DDL run on another instance is visible to this session's next statement.
 */
public final class DdlHandler implements StatementHandler {
    private final CatalogService catalog;
    private final Vault vault;
    private final ForeignSources sources;
    private final VaultCommands vaultCommands;

    public DdlHandler(CatalogService catalog, Vault vault, ForeignSources sources) {
        this.catalog = catalog;
        this.vault = vault;
        this.sources = sources;
        this.vaultCommands = new VaultCommands(vault);
    }

    @Override
    public Optional<PreparedQuery> prepare(String sql, int[] parameterTypeOids, SessionContext session) {
        catalog.refresh();
        Optional<DdlStatement> ddl = DdlParser.parse(sql);
        if (ddl.isPresent()) return Optional.of(new DdlQuery(sql, ddl.get(), session));
        Optional<VaultStatement> v = VaultSqlParser.parse(sql);
        if (v.isPresent()) return Optional.of(new VaultQuery(sql, v.get(), session, VaultCommands.describe(v.get())));
        return Optional.empty();
    }

    /** Superuser-like: the session was opened as superuser, or its role has SUPERUSER in the catalog. */
    public static boolean privileged(SessionContext session, CatalogSnapshot snap) {
        return session.superuser() || snap.role(session.user()).map(r -> r.superuser()).orElse(false);
    }

    static Actor actor(SessionContext session, CatalogSnapshot snap) {
        return new Actor(session.user(), privileged(session, snap), searchPath(session));
    }

    /** {@code search_path} as the session has it ({@code "$user", public} by default), {@code $user} expanded. */
    public static List<String> searchPath(SessionContext session) {
        String raw = session.settings() == null ? null : session.settings().get("search_path").orElse(null);
        if (raw == null || raw.isBlank()) raw = "\"$user\", public";
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) p = p.substring(1, p.length() - 1);
            else p = p.toLowerCase(java.util.Locale.ROOT);
            if (p.equals("$user")) p = session.user();
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    private static void checkTransaction(SessionContext session) {
        if (session.transactionStatus() == 'E') {
            throw new SqlError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** Secrets never leave in an error: literals that may be secrets are scrubbed from message, detail and hint. */
    private static RuntimeException scrubbed(RuntimeException e, List<String> secrets) {
        if (secrets.isEmpty()) return e;
        if (e instanceof FdwException f) {
            int pos = e instanceof SqlError se ? se.position() : 0;
            return new SqlError(f.sqlState(), SecretMasker.scrub(f.getMessage(), secrets), SecretMasker.scrub(f.detail(), secrets),
                    SecretMasker.scrub(f.hint(), secrets), pos, null);
        }
        return new SqlError("XX000", SecretMasker.scrub(String.valueOf(e.getMessage()), secrets));
    }

    private static void deliver(List<ExecContext.Notice> notices, ExecContext context) {
        if (context == null || context.notices() == null) return;
        for (ExecContext.Notice n : notices) context.notices().accept(n);
    }

    private final class DdlQuery implements PreparedQuery {
        private final String sql;
        private final DdlStatement statement;
        private final SessionContext session;

        DdlQuery(String sql, DdlStatement statement, SessionContext session) {
            this.sql = sql;
            this.statement = statement;
            this.session = session;
        }

        @Override
        public String sql() {
            return SecretMasker.mask(sql);
        }

        @Override
        public int[] parameterTypes() {
            return new int[0];
        }

        @Override
        public List<ResultColumn> describe() {
            return null;
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            checkTransaction(session);
            List<ExecContext.Notice> notices = new ArrayList<>();
            try {
                catalog.apply(b -> {
                    notices.clear(); // a retried transition must not repeat its notices
                    DdlContext cx = new DdlContext(actor(session, b.peek()), sources, vault, notices);
                    DdlTransitions.apply(b, statement, cx);
                    ServerCommands.dropUnreferencedAutoSecrets(b);
                    return null;
                });
            } catch (RuntimeException e) {
                throw scrubbed(e, SecretMasker.secretsIn(sql));
            }
            deliver(notices, context);
            String tag = CommandTags.of(statement);
            Transaction.of(session).catalogChange(tag);
            return QueryResults.command(tag);
        }
    }

    private final class VaultQuery implements PreparedQuery {
        private final String sql;
        private final VaultStatement statement;
        private final SessionContext session;
        private final List<ResultColumn> columns;

        VaultQuery(String sql, VaultStatement statement, SessionContext session, List<ResultColumn> columns) {
            this.sql = sql;
            this.statement = statement;
            this.session = session;
            this.columns = columns;
        }

        @Override
        public String sql() {
            return SecretMasker.mask(sql);
        }

        @Override
        public int[] parameterTypes() {
            int max = 0;
            var m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql);
            while (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
            int[] types = new int[max];
            java.util.Arrays.fill(types, 25); // text; ids compare as text
            return types;
        }

        @Override
        public List<ResultColumn> describe() {
            return columns;
        }

        @Override
        public QueryResult execute(List<Object> parameters, ExecContext context) {
            checkTransaction(session);
            VaultCommands.Outcome out;
            List<String> secrets = new ArrayList<>(SecretMasker.secretsIn(sql));
            if (parameters != null) for (Object p : parameters) if (p != null) secrets.add(p.toString());
            try {
                out = vaultCommands.execute(statement, parameters == null ? List.of() : parameters,
                        privileged(session, catalog.snapshot()));
            } catch (RuntimeException e) {
                throw scrubbed(e, secrets);
            }
            if (context != null && context.notices() != null) {
                for (String w : out.warnings()) context.notices().accept(new ExecContext.Notice("WARNING", "01000", w, null));
            }
            Transaction.of(session).catalogChange(switch (statement) {
                case VaultStatement.Insert i -> "INSERT into vault.secrets";
                case VaultStatement.Update u -> "UPDATE vault.secrets";
                case VaultStatement.Delete d -> "DELETE from vault.secrets";
                case VaultStatement.Call c -> "vault." + c.function() + "(...)";
            });
            if (out.columns() == null) return QueryResults.command(out.tag());
            return QueryResults.rows(out.columns(), out.rows(), out.tag());
        }
    }
}
