package io.wirewrap.emulator;

import com.sun.net.httpserver.HttpServer;
import io.wirewrap.emulator.api.Events;
import io.wirewrap.emulator.api.ObjectFactory;
import io.wirewrap.emulator.api.StripeApi;
import io.wirewrap.emulator.seed.SeedGenerator;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.Accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful fake Stripe over HTTP. Start one per test class (or per benchmark), point a client at
 * {@link #baseUrl()} with {@link #apiKey()}, and assert on {@link #store()} and {@link #requestLog()}.
 *
 * <pre>{@code
 * try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(200)))) {
 *     emu.faults().rateLimit(25);
 *     ... GET emu.baseUrl() + "customers?limit=100" with "Authorization: Bearer " + emu.apiKey()
 * }
 * }</pre>
 */
public final class StripeEmulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, every response waits for the
        // client's delayed ACK (~40 ms). Read once when the JDK's server config loads, so set it first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final EmulatorConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Accounts accounts;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log;
    private final IdempotencyCache idempotency = new IdempotencyCache();
    private final SeedGenerator seeder;
    private final EmulatorStore store;

    private StripeEmulator(EmulatorConfig config) throws IOException {
        this.config = config;
        StripeSpec spec = StripeSpec.get();
        ObjectFactory factory = new ObjectFactory(spec);
        Events events = new Events(factory);
        this.accounts = new Accounts(spec);
        this.log = new RequestLog(config.requestLogSize());
        this.seeder = new SeedGenerator(factory, events);
        this.store = new EmulatorStore(accounts, null);
        seeder.seed(accounts, config.seed());
        faults.latency(config.latency(), java.time.Duration.ZERO);
        faults.rateLimit(config.rateLimit());
        StripeApi api = new StripeApi(spec, factory, events);
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new HttpFront(config, api, accounts, faults, log, idempotency));
        server.start();
    }

    /** Seeds the store, binds the port and starts answering. */
    public static StripeEmulator start(EmulatorConfig config) {
        try {
            return new StripeEmulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Stripe emulator on port " + config.port(), e);
        }
    }

    /** {@link EmulatorConfig#defaults()}: a free loopback port and the demo data set. */
    public static StripeEmulator start() { return start(EmulatorConfig.defaults()); }

    public int port() { return server.getAddress().getPort(); }

    /** {@code http://127.0.0.1:PORT/v1/}, the {@code api_url} form the wrappers FDW takes. */
    public String baseUrl() {
        String host = config.host();
        if ("0.0.0.0".equals(host) || host.isEmpty()) host = "127.0.0.1";
        return "http://" + host + ":" + port() + "/v1/";
    }

    /** A key the emulator accepts. */
    public String apiKey() { return config.defaultApiKey(); }

    /** The most recent requests (bounded by {@link EmulatorConfig#requestLogSize()}), oldest first. */
    public List<LoggedRequest> requestLog() { return log.snapshot(); }

    public void clearRequestLog() { log.clear(); }

    public FaultInjector faults() { return faults; }

    /** In-process access to the platform account's objects (and, through it, connected accounts'). */
    public EmulatorStore store() { return store; }

    /** Drops every object in every account, and the idempotency cache, then loads {@code spec}. */
    public void seed(SeedSpec spec) {
        accounts.clear();
        idempotency.clear();
        seeder.seed(accounts, spec);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
