package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import io.wirewrap.server.auth.AuthMethod;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Options that keep a careless deployment from being an open door. TLS-required is in {@link AuthAndTlsTest}. */
class SecurityOptionsTest {
    @Test
    void trustOnANonLoopbackAddressNeedsInsecureTrust() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().auth(AuthMethod.TRUST).listen("0.0.0.0").build());
        assertTrue(e.getMessage().contains("--insecure-trust"), e.getMessage());
        assertDoesNotThrow(() -> ServerConfig.builder().auth(AuthMethod.TRUST).listen("0.0.0.0").insecureTrust(true).build());
        for (String loopback : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertDoesNotThrow(() -> ServerConfig.builder().auth(AuthMethod.TRUST).listen(loopback).build(), loopback);
        }
        assertDoesNotThrow(() -> ServerConfig.builder().auth(AuthMethod.SCRAM).listen("0.0.0.0").build());
    }

    @Test
    void aListenAddressThatDoesNotResolveIsRefusedBeforeBinding() {
        var hostPort = assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().listen("127.0.0.1:5433").build());
        assertEquals("--listen '127.0.0.1:5433' is not an address or a host name this machine resolves (give the port with --port)",
                hostPort.getMessage());
        var blank = assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().listen(" ").build());
        assertTrue(blank.getMessage().startsWith("--listen ' ' is not an address"), blank.getMessage());
        assertDoesNotThrow(() -> ServerConfig.builder().listen("::1").build());
    }

    @Test
    void commandLineRefusesTrustOnAllAddressesUnlessTold() {
        var cl = Main.commandLine();
        cl.parseArgs("--auth", "trust", "--listen", "0.0.0.0", "--port", "0");
        assertThrows(IllegalArgumentException.class, () -> ((Main) cl.getCommand()).config());
        var ok = Main.commandLine();
        ok.parseArgs("--auth", "trust", "--listen", "0.0.0.0", "--port", "0", "--insecure-trust",
                "--authentication-timeout", "5", "--idle-session-timeout", "30", "--auth-failure-delay", "0",
                "--max-output-buffer", "262144", "--max-connections", "7", "--max-message-size", "4096");
        ServerConfig c = ((Main) ok.getCommand()).config();
        assertEquals(5, c.authenticationTimeoutSeconds());
        assertEquals(30, c.idleSessionTimeoutSeconds());
        assertEquals(0, c.authFailureDelayMillis());
        assertEquals(262144, c.maxOutputBuffer());
        assertEquals(7, c.maxConnections());
        assertEquals(4096, c.maxMessageSize());
    }

    @Test
    void failedAuthenticationIsAnsweredOnlyAfterTheDelay() throws SQLException {
        int delayMillis = 400;
        try (var fx = new ServerFixture(ServerConfig.builder().port(0).auth(AuthMethod.SCRAM).authFailureDelayMillis(delayMillis))) {
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> fx.connect("", "postgres", "guess").close());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("28P01", e.getSQLState());
            // a lower bound only: a loaded machine makes it slower, never faster
            assertTrue(elapsedMillis >= delayMillis, "wrong password answered after " + elapsedMillis + " ms");
            try (var c = fx.connect("")) {
                assertTrue(c.isValid(5), "the right password is not delayed out");
            }
        }
    }
}
