package io.wirewrap.server;

import io.wirewrap.server.auth.AuthMethod;
import java.nio.file.Path;

/**
 * Everything the protocol server needs to run. {@code port} 0 picks a free port (tests);
 * {@code tlsCert}/{@code tlsKey} are PEM files (key in PKCS#8) or null for no TLS.
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
        int maxConnections) {

    /** 64 MiB: far above any statement or Bind a client sends, far below what would hurt the heap. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 << 20;
    public static final int DEFAULT_PORT = 5433;

    public ServerConfig {
        if (maxMessageSize < 1024) throw new IllegalArgumentException("max message size must be at least 1024 bytes");
        if (maxConnections < 1) throw new IllegalArgumentException("max connections must be at least 1");
        if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        if (tlsRequired && tlsCert == null) throw new IllegalArgumentException("--tls-required needs --tls-cert and --tls-key");
    }

    public boolean tlsEnabled() {
        return tlsCert != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().listen(listen).port(port).dataDir(dataDir).user(user).password(password).auth(auth)
                .tls(tlsCert, tlsKey).tlsRequired(tlsRequired).maxMessageSize(maxMessageSize).maxConnections(maxConnections);
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

        public ServerConfig build() {
            return new ServerConfig(listen, port, dataDir, user, password, auth, tlsCert, tlsKey, tlsRequired, maxMessageSize, maxConnections);
        }
    }
}
