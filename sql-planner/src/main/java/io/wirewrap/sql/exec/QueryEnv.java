package io.wirewrap.sql.exec;

import io.wirewrap.sql.local.LocalEngine;
import io.wirewrap.sql.local.LocalSession;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.SystemRelations;

/** What the query handler takes from the engine's shared services, looked up per statement (they may come late). */
record QueryEnv(SessionContext session) {
    ForeignTableResolver resolver() {
        return session.services().find(ForeignTableResolver.class).orElse(null);
    }

    SystemRelations systemRelations() {
        return EmptyCatalogRelations.over(session.services().find(SystemRelations.class).orElse(null));
    }

    LocalSession local() {
        LocalEngine engine = session.services().get(LocalEngine.class, () -> LocalEngine.open(session.services().dataDir()));
        LocalSession ls = session.attachment(LocalSession.class, engine::connect);
        ls.ensureMacros(session.user(), session.info().database());
        return ls;
    }
}
