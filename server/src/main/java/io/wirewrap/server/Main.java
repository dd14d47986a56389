package io.wirewrap.server;

import ch.qos.logback.classic.Level;
import io.wirewrap.server.auth.AuthMethod;
import io.wirewrap.server.boot.DemoMode;
import io.wirewrap.server.boot.StartupSecrets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./wirewrap [options]}: runs the server until killed. Every option can also come from an environment
 * variable {@code WIREWRAP_<OPTION>} (e.g. WIREWRAP_PORT, WIREWRAP_PASSWORD); the command line wins. Secret options
 * (password, catalog URL) also come from {@code WIREWRAP_<OPTION>_FILE} naming a file (compose/Docker secrets),
 * resolved by {@link StartupSecrets} like the Stripe and master keys.
 * Subcommands ({@code wirewrap emulator ...}) are registered from {@link Subcommands#all()}.
 */
@Command(name = "wirewrap", mixinStandardHelpOptions = true, version = "wirewrap 0.1 (PostgreSQL 15 protocol)",
        description = "PostgreSQL wire-protocol server exposing the Stripe API as foreign tables.",
        sortOptions = false)
public final class Main implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:WIREWRAP_PORT:-5433}", description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--listen", defaultValue = "${env:WIREWRAP_LISTEN:-127.0.0.1}", description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
    String listen;

    @Option(names = "--data-dir", defaultValue = "${env:WIREWRAP_DATA_DIR:-./data}", description = "catalog, vault key and local data (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--demo", defaultValue = "${env:WIREWRAP_DEMO:-false}", description = "run with an embedded Stripe emulator and a ready stripe schema")
    boolean demo;

    @Option(names = "--user", defaultValue = "${env:WIREWRAP_USER:-postgres}", description = "bootstrap login role (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", description = "its password (default postgres, or WIREWRAP_PASSWORD, or the file WIREWRAP_PASSWORD_FILE names); kept only as a SCRAM verifier and an md5 hash")
    String password;

    @Option(names = "--auth", defaultValue = "${env:WIREWRAP_AUTH:-scram}", description = "scram, md5, password or trust (default ${DEFAULT-VALUE})")
    String auth;

    @Option(names = "--tls-cert", defaultValue = "${env:WIREWRAP_TLS_CERT}", description = "PEM certificate (chain) for TLS")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:WIREWRAP_TLS_KEY}", description = "PEM private key (PKCS#8) for TLS")
    Path tlsKey;

    @Option(names = "--tls-required", defaultValue = "${env:WIREWRAP_TLS_REQUIRED:-false}", description = "refuse clients that do not use TLS")
    boolean tlsRequired;

    @Option(names = "--log-level", defaultValue = "${env:WIREWRAP_LOG_LEVEL:-info}", description = "error, warn, info, debug or trace (default ${DEFAULT-VALUE})")
    String logLevel;

    @Option(names = "--max-message-size", defaultValue = "${env:WIREWRAP_MAX_MESSAGE_SIZE:-67108864}", description = "largest protocol message accepted, bytes (default ${DEFAULT-VALUE} = 64 MiB)")
    int maxMessageSize;

    @Option(names = "--max-connections", defaultValue = "${env:WIREWRAP_MAX_CONNECTIONS:-100}", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--authentication-timeout", defaultValue = "${env:WIREWRAP_AUTHENTICATION_TIMEOUT:-60}", description = "seconds a client has to finish startup and authentication (default ${DEFAULT-VALUE})")
    int authenticationTimeout;

    @Option(names = "--idle-session-timeout", defaultValue = "${env:WIREWRAP_IDLE_SESSION_TIMEOUT:-0}", description = "seconds a logged-in client may stay silent between statements before it is disconnected; 0 = never (default ${DEFAULT-VALUE})")
    int idleSessionTimeout;

    @Option(names = "--auth-failure-delay", defaultValue = "${env:WIREWRAP_AUTH_FAILURE_DELAY:-1000}", description = "milliseconds to wait before answering a failed authentication, to slow password guessing (default ${DEFAULT-VALUE})")
    int authFailureDelay;

    @Option(names = "--max-output-buffer", defaultValue = "${env:WIREWRAP_MAX_OUTPUT_BUFFER:-1048576}", description = "bytes of results queued toward a slow client before the statement waits for it (default ${DEFAULT-VALUE})")
    int maxOutputBuffer;

    @Option(names = "--insecure-trust", defaultValue = "${env:WIREWRAP_INSECURE_TRUST:-false}", description = "allow --auth trust on a non-loopback --listen address")
    boolean insecureTrust;

    @Option(names = "--catalog-url", description = "jdbc:postgresql://... to share one catalog between instances (or WIREWRAP_CATALOG_URL[_FILE]; default: files in --data-dir)")
    String catalogUrl;

    @Option(names = "--demo-customers", defaultValue = "${env:WIREWRAP_DEMO_CUSTOMERS:-1000}", description = "customers the --demo emulator is seeded with (default ${DEFAULT-VALUE})")
    int demoCustomers;

    static final String DEFAULT_PASSWORD = "postgres";

    /** Where secret options not given on the command line are looked up (the process environment but in tests). */
    private final Map<String, String> env;

    public Main() {
        this(System.getenv());
    }

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with its subcommands, for main and for tests. */
    public static CommandLine commandLine() {
        return commandLine(new Main());
    }

    static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        for (Object sub : Subcommands.all()) cl.addSubcommand(sub);
        return cl;
    }

    /**
     * The server configuration these options describe. Throws IllegalArgumentException for bad values and
     * UncheckedIOException when a {@code *_FILE} secret cannot be read.
     */
    public ServerConfig config() {
        return ServerConfig.builder().listen(listen).port(port).dataDir(dataDir).user(user).password(password())
                .auth(authMethod(auth)).tls(tlsCert, tlsKey).tlsRequired(tlsRequired)
                .maxMessageSize(maxMessageSize).maxConnections(maxConnections)
                .authenticationTimeoutSeconds(authenticationTimeout).idleSessionTimeoutSeconds(idleSessionTimeout)
                .authFailureDelayMillis(authFailureDelay).maxOutputBuffer(maxOutputBuffer).insecureTrust(insecureTrust).build();
    }

    /** --password, else WIREWRAP_PASSWORD, else the content of WIREWRAP_PASSWORD_FILE, else the default. */
    String password() {
        return password != null ? password : StartupSecrets.value(env, "WIREWRAP_PASSWORD").orElse(DEFAULT_PASSWORD);
    }

    /** --catalog-url, else WIREWRAP_CATALOG_URL[_FILE] (a JDBC URL may carry a password), else null: files. */
    String catalogUrl() {
        return catalogUrl != null ? catalogUrl : StartupSecrets.value(env, "WIREWRAP_CATALOG_URL").orElse(null);
    }

    static AuthMethod authMethod(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "scram", "scram-sha-256" -> AuthMethod.SCRAM;
            case "md5" -> AuthMethod.MD5;
            case "password" -> AuthMethod.PASSWORD;
            case "trust" -> AuthMethod.TRUST;
            default -> throw new CommandLine.TypeConversionException("--auth must be scram, md5, password or trust, not " + name);
        };
    }

    @Override
    public Integer call() throws Exception {
        setLogLevel(logLevel);
        ServerConfig config;
        String catalog;
        try {
            config = config();
            catalog = catalogUrl();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // messages name the option or the file, never a secret's content
            System.err.println("wirewrap: " + e.getMessage());
            return 2;
        }
        long startNanos = System.nanoTime();
        WirewrapServer.Builder builder = WirewrapServer.builder(config);
        ServerWiring.install(builder, config, catalog);
        // the stripe schema is ready before the port opens, so a health check that sees the port open (compose's
        // depends_on: service_healthy) means postgres_fdw's IMPORT FOREIGN SCHEMA finds every table
        var demoHolder = new AtomicReference<DemoMode>();
        builder.beforeListen(engine -> ServerWiring.bootstrapStripe(engine, config, demo, demoCustomers).ifPresent(demoHolder::set));
        try (WirewrapServer server = builder.start();
             var demoMode = demoHolder.get()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "wirewrap-shutdown"));
            System.err.printf("wirewrap listening on %s:%d (auth %s%s)%n", config.listen(), server.port(),
                    config.auth().name().toLowerCase(Locale.ROOT), config.tlsEnabled() ? ", TLS" : "");
            if (demoMode != null) {
                System.out.println(demoMode.banner(config.listen(), server.port(), config.user(), config.password(),
                        (System.nanoTime() - startNanos) / 1e9));
                System.out.flush();
            }
            server.awaitClose();
        }
        return 0;
    }

    public boolean demo() {
        return demo;
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
