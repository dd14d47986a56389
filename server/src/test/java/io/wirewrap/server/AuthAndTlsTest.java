package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each auth method with the right and a wrong password, and TLS through SSLRequest. */
class AuthAndTlsTest {
    @Test
    void scramAcceptsRightPasswordAndRejectsWrongOne() throws SQLException {
        try (var fx = new ServerFixture(AuthMethod.SCRAM)) {
            try (Connection c = fx.connect("")) {
                assertEquals(1, selectOne(c));
            }
            SQLException e = assertThrows(SQLException.class, () -> fx.connect("", "postgres", "wrong").close());
            assertEquals("28P01", e.getSQLState());
            SQLException nobody = assertThrows(SQLException.class, () -> fx.connect("", "nobody", "postgres").close());
            assertEquals("28P01", nobody.getSQLState());
        }
    }

    @Test
    void md5AndCleartextAndTrust() throws SQLException {
        for (AuthMethod m : List.of(AuthMethod.MD5, AuthMethod.PASSWORD)) {
            try (var fx = new ServerFixture(m)) {
                try (Connection c = fx.connect("")) {
                    assertEquals(1, selectOne(c));
                }
                SQLException e = assertThrows(SQLException.class, () -> fx.connect("", "postgres", "nope").close());
                assertEquals("28P01", e.getSQLState(), m.name());
            }
        }
        try (var fx = new ServerFixture(AuthMethod.TRUST)) {
            try (Connection c = fx.connect("", "postgres", "anything")) {
                assertEquals(1, selectOne(c));
            }
            SQLException e = assertThrows(SQLException.class, () -> fx.connect("", "ghost", "").close());
            assertEquals("28000", e.getSQLState());
        }
    }

    @Test
    void tlsWithSslmodeRequireAndRefusalWithoutItWhenRequired(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        assertTrue(Files.size(cert) > 0);
        var config = ServerConfig.builder().port(0).tls(cert, key).tlsRequired(true).authFailureDelayMillis(0);
        try (var fx = new ServerFixture(config)) {
            // this server refuses unencrypted sessions (checked below), so a working session here is a TLS one
            try (Connection c = fx.connect("sslmode=require")) {
                assertEquals(1, selectOne(c));
            }
            SQLException e = assertThrows(SQLException.class, () -> fx.connect("sslmode=disable").close());
            assertEquals("28000", e.getSQLState());
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
