package io.wirewrap.sql.session;

import io.wirewrap.sql.api.RoleStore;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlEngine;
import io.wirewrap.sql.api.SqlSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL engine behind the protocol server: shared {@link EngineServices} plus an ordered handler chain.
 * The session's own handlers come first ({@link SessionCommandHandler}, then {@link CopyToHandler}), then the
 * given ones (DDL and vault, then queries). Roles come from a {@link RoleStore} registered in the services
 * (the catalog's, once it has roles), else from the bootstrap store given here.
 */
public final class WirewrapEngine implements SqlEngine {
    private final EngineServices services;
    private final List<StatementHandler> handlers;
    private final RoleStore bootstrapRoles;

    public WirewrapEngine(EngineServices services, StatementHandlers handlers, RoleStore bootstrapRoles) {
        this.services = services;
        this.bootstrapRoles = bootstrapRoles;
        List<StatementHandler> all = new ArrayList<>();
        all.add(new SessionCommandHandler());
        all.add(new CopyToHandler());
        all.addAll(handlers.all());
        this.handlers = List.copyOf(all);
    }

    public EngineServices services() {
        return services;
    }

    @Override
    public SqlSession openSession(SessionInfo info) {
        boolean superuser = roles().find(info.user()).map(RoleStore.LoginRole::superuser).orElse(false);
        return new WirewrapSession(info, superuser, services, handlers);
    }

    @Override
    public RoleStore roles() {
        return services.find(RoleStore.class).orElse(bootstrapRoles);
    }

    @Override
    public void close() {
        services.close();
    }
}
