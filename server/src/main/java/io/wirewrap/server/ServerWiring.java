package io.wirewrap.server;

/**
 * What {@code main} plugs into the server beyond the protocol and session commands: the DDL/vault and query
 * handlers, the catalog services, and {@code --demo} (embedded emulator). The integrator fills this in; the
 * protocol server itself has no dependency on them.
 */
final class ServerWiring {
    private ServerWiring() {}

    static void apply(WirewrapServer.Builder builder, Main options) {
        // integrator: builder.services(...).handler(ddlHandler).handler(new QueryHandler()); if (options.demo()) ...
    }
}
