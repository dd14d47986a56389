package io.wirewrap.server;

import io.wirewrap.server.boot.DemoMode;
import io.wirewrap.server.boot.StartupSecrets;
import io.wirewrap.server.boot.StatementLog;
import io.wirewrap.server.boot.StripeBootstrap;
import io.wirewrap.sql.api.SqlEngine;
import io.wirewrap.sql.catalog.CatalogConfig;
import io.wirewrap.sql.catalog.CatalogModule;
import io.wirewrap.sql.exec.QueryHandler;
import io.wirewrap.sql.session.StatementHandlers;
import java.util.Optional;

/**
 * What {@code main} plugs into the protocol server: the catalog (DDL, vault, roles, pg_catalog), the query
 * engine, and the optional Stripe set-up at start ({@code --demo}'s embedded emulator, or a real account from
 * {@code WIREWRAP_STRIPE_URL} + {@code WIREWRAP_STRIPE_KEY[_FILE]}).
 */
public final class ServerWiring {
    private ServerWiring() {}

    /** Adds the catalog and query handlers to {@code builder}; the catalog opens when the server starts. */
    public static void install(WirewrapServer.Builder builder, ServerConfig config, String catalogUrl) {
        StatementHandlers catalogHandlers = new StatementHandlers();
        CatalogConfig catalog = new CatalogConfig(config.dataDir(), catalogUrl, null, null, config.user(),
                config.password(), StartupSecrets.environment());
        builder.services(services -> CatalogModule.install(services, catalogHandlers, catalog));
        // the DDL handler exists only once the catalog opened: look it up at each statement
        builder.handler(new StatementLog((sql, types, session) -> {
            for (var h : catalogHandlers.all()) {
                var q = h.prepare(sql, types, session);
                if (q.isPresent()) return q;
            }
            return Optional.empty();
        }));
        builder.handler(new StatementLog(new QueryHandler()));
    }

    /** Sets up schema {@code stripe} when the options ask for it; returns the demo to close on exit, if any. */
    static Optional<DemoMode> bootstrapStripe(SqlEngine engine, ServerConfig config, boolean demo, int demoCustomers) {
        if (demo) {
            DemoMode mode = DemoMode.startEmulator(demoCustomers);
            try {
                StripeBootstrap.apply(engine, config.user(), mode.emulator().baseUrl(), mode.emulator().apiKey());
            } catch (RuntimeException e) {
                mode.close();
                throw e;
            }
            return Optional.of(mode);
        }
        var url = StartupSecrets.value("WIREWRAP_STRIPE_URL");
        var key = StartupSecrets.value("WIREWRAP_STRIPE_KEY");
        if (key.isPresent()) {
            StripeBootstrap.apply(engine, config.user(), url.orElse("https://api.stripe.com/v1/"), key.get());
        }
        return Optional.empty();
    }
}
