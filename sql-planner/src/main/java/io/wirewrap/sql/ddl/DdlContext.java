package io.wirewrap.sql.ddl;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.sql.api.ExecContext.Notice;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Server;
import io.wirewrap.sql.catalog.CatalogObjects.Wrapper;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.catalog.ForeignSources;
import io.wirewrap.sql.vault.Vault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a DDL transition may use besides the catalog working copy: the actor, the sources, the vault, notices. */
record DdlContext(Actor actor, ForeignSources sources, Vault vault, List<Notice> notices) {

    void notice(String sqlState, String message) {
        notices.add(new Notice("NOTICE", sqlState, message, null));
    }

    void requireSuperuser(String message, String hint) {
        if (!actor.superuser()) throw new SqlError("42501", message, null, hint, 0, null);
    }

    /** Creating a foreign table on a server needs USAGE on it (PostgreSQL's rule); the owner and superuser-like roles have it. */
    void requireServerUsage(CatalogSnapshot.Builder b, Server s) {
        if (!io.wirewrap.sql.catalog.Privileges.onServer(b.peek(), actor.user(), actor.superuser(), s, "usage")) {
            throw new SqlError("42501", "permission denied for foreign server " + s.name(), null,
                    "a superuser can run: grant usage on foreign server " + s.name() + " to " + actor.user(), 0, null);
        }
    }

    /** The source behind a wrapper (by handler, else by validator), if the wrapper names one we have. */
    Optional<ForeignSource> sourceOf(Wrapper w) {
        return sources.byHandler(w.handler()).or(() -> sources.byValidator(w.validator()));
    }

    Optional<ForeignSource> sourceOfServer(CatalogSnapshot.Builder b, Server s) {
        return b.wrappers.stream().filter(w -> w.name().equals(s.wrapper())).findFirst().flatMap(this::sourceOf);
    }

    /**
     * Runs the source's validator when the wrapper has one (as PostgreSQL calls the FDW validator on every
     * option change); a wrapper without a validator accepts any options, as in PostgreSQL.
     */
    void validate(Optional<ForeignSource> source, Wrapper wrapper, OptionScope scope, Map<String, String> options) {
        if (source.isEmpty() || (wrapper != null && wrapper.validator() == null && wrapper.handler() == null)) return;
        try {
            source.get().validateOptions(scope, options);
        } catch (SqlError e) {
            throw e;
        } catch (FdwException e) {
            throw new SqlError(e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, e);
        }
    }

    static SqlError undefined(String what) {
        return new SqlError("42704", what + " does not exist");
    }

    static SqlError duplicate(String what) {
        return new SqlError("42710", what + " already exists");
    }
}
