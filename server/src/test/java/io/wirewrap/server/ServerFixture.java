package io.wirewrap.server;

import io.wirewrap.server.auth.AuthMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Starts an in-process server on a free port with the test handlers, for one test class. */
final class ServerFixture implements AutoCloseable {
    final WirewrapServer server;

    ServerFixture(AuthMethod auth) {
        this(ServerConfig.builder().port(0).auth(auth).authFailureDelayMillis(0)); // tests with wrong passwords stay fast
    }

    ServerFixture(ServerConfig.Builder config) {
        try {
            Path dir = Files.createTempDirectory("ww-server-test");
            server = WirewrapServer.builder(config.dataDir(dir).build())
                    .handler(new TestHandlers.RowsHandler())
                    .handler(new TestHandlers.EchoHandler())
                    .start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int port() {
        return server.port();
    }

    String url(String extra) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres" + (extra.isEmpty() ? "" : "?" + extra);
    }

    Connection connect(String extra) throws SQLException {
        return connect(extra, "postgres", "postgres");
    }

    Connection connect(String extra, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(extra), p);
    }

    @Override
    public void close() {
        server.close();
    }
}
