package io.wirewrap.server;

import io.wirewrap.server.auth.AuthMethod;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Everything the protocol server needs to run. {@code port} 0 picks a free port (tests);
 * {@code tlsCert}/{@code tlsKey} are PEM files (key in PKCS#8) or null for no TLS. The limits and timeouts
 * are documented in docs/protocol.md ("Limits and safety").
 */
public record ServerConfig(
        String listen,
        int port,
        Path dataDir,
        String user,
        String password,
        AuthMethod auth,
        Path tlsCert,
        Path tlsKey,
        boolean tlsRequired,
        int maxMessageSize,
        int maxConnections,
        int authenticationTimeoutSeconds,
        int idleSessionTimeoutSeconds,
        int authFailureDelayMillis,
        int maxOutputBuffer,
        boolean insecureTrust) {

    /** 64 MiB: far above any statement or Bind a client sends, far below what would hurt the heap. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 << 20;
    public static final int DEFAULT_PORT = 5433;
    /** PostgreSQL's authentication_timeout default. */
    public static final int DEFAULT_AUTHENTICATION_TIMEOUT_SECONDS = 60;
    /** Enough to make guessing passwords slow (one guess per second per connection slot), short enough for a typo. */
    public static final int DEFAULT_AUTH_FAILURE_DELAY_MILLIS = 1000;
    /** Bytes of backend output queued toward a slow client before the statement producing it waits. */
    public static final int DEFAULT_MAX_OUTPUT_BUFFER = 1 << 20;

    public ServerConfig {
        if (maxMessageSize < 1024) throw new IllegalArgumentException("max message size must be at least 1024 bytes");
        if (maxConnections < 1) throw new IllegalArgumentException("max connections must be at least 1");
        if (authenticationTimeoutSeconds < 1) throw new IllegalArgumentException("authentication timeout must be at least 1 second");
        if (idleSessionTimeoutSeconds < 0) throw new IllegalArgumentException("idle session timeout must be 0 (off) or positive");
        if (authFailureDelayMillis < 0) throw new IllegalArgumentException("auth failure delay must not be negative");
        if (maxOutputBuffer < 64 * 1024) throw new IllegalArgumentException("max output buffer must be at least 65536 bytes");
        if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        if (tlsRequired && tlsCert == null) throw new IllegalArgumentException("--tls-required needs --tls-cert and --tls-key");
        if (!resolves(listen)) {
            // Netty would fail the bind with a bare UnresolvedAddressException; "host:port" is the usual slip.
            throw new IllegalArgumentException("--listen '" + listen + "' is not an address or a host name this machine resolves"
                    + (listen.indexOf(':') == listen.lastIndexOf(':') && listen.contains(":") ? " (give the port with --port)" : ""));
        }
        if (auth == AuthMethod.TRUST && !insecureTrust && !isLoopback(listen)) {
            throw new IllegalArgumentException("trust authentication lets anyone who can reach " + listen
                    + " in without a password: listen on a loopback address, choose another --auth, or pass --insecure-trust");
        }
    }

    public boolean tlsEnabled() {
        return tlsCert != null;
    }

    private static boolean resolves(String listen) {
        if (listen == null || listen.isBlank()) return false;
        try {
            InetAddress.getByName(listen);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only addresses that resolve to loopback count; a name that does not resolve is treated as reachable from outside. */
    static boolean isLoopback(String listen) {
        try {
            for (InetAddress a : InetAddress.getAllByName(listen)) {
                if (!a.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().listen(listen).port(port).dataDir(dataDir).user(user).password(password).auth(auth)
                .tls(tlsCert, tlsKey).tlsRequired(tlsRequired).maxMessageSize(maxMessageSize).maxConnections(maxConnections)
                .authenticationTimeoutSeconds(authenticationTimeoutSeconds).idleSessionTimeoutSeconds(idleSessionTimeoutSeconds)
                .authFailureDelayMillis(authFailureDelayMillis).maxOutputBuffer(maxOutputBuffer).insecureTrust(insecureTrust);
    }

    public static final class Builder {
        private String listen = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private String user = "postgres";
        private String password = "postgres";
        private AuthMethod auth = AuthMethod.SCRAM;
        private Path tlsCert;
        private Path tlsKey;
        private boolean tlsRequired;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxConnections = 100;
        private int authenticationTimeoutSeconds = DEFAULT_AUTHENTICATION_TIMEOUT_SECONDS;
        private int idleSessionTimeoutSeconds;
        private int authFailureDelayMillis = DEFAULT_AUTH_FAILURE_DELAY_MILLIS;
        private int maxOutputBuffer = DEFAULT_MAX_OUTPUT_BUFFER;
        private boolean insecureTrust;

        public Builder listen(String v) { listen = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder auth(AuthMethod v) { auth = v; return this; }
        public Builder tls(Path cert, Path key) { tlsCert = cert; tlsKey = key; return this; }
        public Builder tlsRequired(boolean v) { tlsRequired = v; return this; }
        public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder authenticationTimeoutSeconds(int v) { authenticationTimeoutSeconds = v; return this; }
        /** 0 = never drop idle sessions. */
        public Builder idleSessionTimeoutSeconds(int v) { idleSessionTimeoutSeconds = v; return this; }
        public Builder authFailureDelayMillis(int v) { authFailureDelayMillis = v; return this; }
        public Builder maxOutputBuffer(int v) { maxOutputBuffer = v; return this; }
        public Builder insecureTrust(boolean v) { insecureTrust = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(listen, port, dataDir, user, password, auth, tlsCert, tlsKey, tlsRequired, maxMessageSize,
                    maxConnections, authenticationTimeoutSeconds, idleSessionTimeoutSeconds, authFailureDelayMillis,
                    maxOutputBuffer, insecureTrust);
        }
    }
}
