package io.wirewrap.server;

import io.wirewrap.emulator.EmulatorConfig;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.emulator.StripeEmulator;
import io.wirewrap.server.boot.StripeBootstrap;
import io.wirewrap.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The whole product in-process as {@code main} assembles it: catalog, vault, query engine, and schema
 * {@code stripe} imported from a Stripe emulator, served on a free loopback port.
 */
final class FullStack implements AutoCloseable {
    static final String USER = "postgres";
    final StripeEmulator emulator;
    final WirewrapServer server;
    final Path dataDir;
    final String password;

    FullStack(int customers, String password) {
        this(customers, password, null);
    }

    /** @param apiKey the Stripe key wirewrap is configured with (the emulator accepts it), or null for the default */
    FullStack(int customers, String password, String apiKey) {
        this.password = password;
        try {
            dataDir = Files.createTempDirectory("ww-full-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmulatorConfig emulatorConfig = EmulatorConfig.defaults().withPort(0).withSeed(SeedSpec.customers(customers));
        emulator = StripeEmulator.start(apiKey == null ? emulatorConfig : emulatorConfig.withApiKeys(apiKey));
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir).user(USER).password(password).build();
        WirewrapServer.Builder builder = WirewrapServer.builder(config);
        ServerWiring.install(builder, config, null);
        server = builder.start();
        StripeBootstrap.apply(server.engine(), USER, emulator.baseUrl(), apiKey == null ? emulator.apiKey() : apiKey);
    }

    int port() {
        return server.port();
    }

    String libpqConninfo() {
        return "host=127.0.0.1 port=" + port() + " user=" + USER + " password=" + password + " dbname=postgres";
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", USER, password);
    }

    @Override
    public void close() {
        try {
            server.close();
            emulator.close();
        } finally {
            TempDirs.deleteQuietly(dataDir);
        }
    }
}
