package io.wirewrap.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.wirewrap.server.conn.BackendRegistry;
import io.wirewrap.server.conn.PgChannelHandler;
import io.wirewrap.server.protocol.FrontendDecoder;
import io.wirewrap.sql.api.SqlEngine;
import io.wirewrap.sql.session.BootstrapRoleStore;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.StatementHandler;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.WirewrapEngine;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The PostgreSQL protocol server, for {@code main}, tests and the demo:
 * <pre>{@code
 * try (var server = WirewrapServer.builder(ServerConfig.builder().port(0).build())
 *         .handler(new MyStatementHandler())              // after the session's own handlers, in order
 *         .services(s -> s.register(Foo.class, foo))      // before the engine opens
 *         .start()) {
 *     int port = server.port();
 * }
 * }</pre>
 * Netty with epoll when available, NIO otherwise; one virtual thread per connection runs its statements.
 */
public final class WirewrapServer implements AutoCloseable {
    private final ServerConfig config;
    private final SqlEngine engine;
    private final EngineServices services;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final BackendRegistry registry;

    private WirewrapServer(ServerConfig config, SqlEngine engine, EngineServices services) throws InterruptedException, SSLException {
        this.config = config;
        this.engine = engine;
        this.services = services;
        this.registry = new BackendRegistry(config.maxConnections());
        SslContext ssl = config.tlsEnabled()
                ? SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build() : null;
        boolean epoll = Epoll.isAvailable();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.workers = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(config.maxOutputBuffer() / 4, config.maxOutputBuffer()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (config.idleSessionTimeoutSeconds() > 0) {
                            // fires after that long without a byte from the client; the backend decides whether it is idle
                            ch.pipeline().addLast("idle", new IdleStateHandler(config.idleSessionTimeoutSeconds(), 0, 0));
                        }
                        ch.pipeline().addLast("decoder", new FrontendDecoder(config.maxMessageSize()));
                        ch.pipeline().addLast("backend", new PgChannelHandler(engine, config, registry, ssl));
                    }
                });
        try {
            this.listener = b.bind(new InetSocketAddress(config.listen(), config.port())).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    public SqlEngine engine() {
        return engine;
    }

    /** Server-wide services (null when a custom engine was given). */
    public EngineServices services() {
        return services;
    }

    public int openConnections() {
        return registry.openConnections();
    }

    /** Blocks until the listener closes. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        engine.close();
    }

    /** Registers handlers and services, then starts. */
    public static final class Builder {
        private final ServerConfig config;
        private final List<StatementHandler> handlers = new ArrayList<>();
        private final List<Consumer<EngineServices>> serviceHooks = new ArrayList<>();
        private final List<Consumer<SqlEngine>> beforeListen = new ArrayList<>();
        private SqlEngine engine;

        private Builder(ServerConfig config) {
            this.config = config;
        }

        /** A statement handler tried after the session's own (SET/SHOW/BEGIN/constant SELECT/COPY TO), in call order. */
        public Builder handler(StatementHandler handler) {
            handlers.add(handler);
            return this;
        }

        /** Runs with the engine's services before the first connection (register catalog, sources, ...). */
        public Builder services(Consumer<EngineServices> hook) {
            serviceHooks.add(hook);
            return this;
        }

        /**
         * Runs with the open engine before the port is bound: set-up no client may see half done (the Stripe
         * schema at start), so that an open port means ready.
         */
        public Builder beforeListen(Consumer<SqlEngine> hook) {
            beforeListen.add(hook);
            return this;
        }

        /** Replaces the whole engine (handlers and service hooks are then ignored). */
        public Builder engine(SqlEngine custom) {
            this.engine = custom;
            return this;
        }

        public WirewrapServer start() {
            EngineServices services = null;
            SqlEngine e = engine;
            if (e == null) {
                services = new EngineServices(config.dataDir());
                for (var hook : serviceHooks) hook.accept(services);
                StatementHandlers chain = new StatementHandlers();
                handlers.forEach(chain::add);
                e = new WirewrapEngine(services, chain, new BootstrapRoleStore(config.user(), config.password()));
            }
            try {
                for (var hook : beforeListen) hook.accept(e);
                return new WirewrapServer(config, e, services);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                e.close();
                throw new IllegalStateException("interrupted while binding", ex);
            } catch (SSLException ex) {
                e.close();
                throw new IllegalStateException("cannot load the TLS certificate or key: " + ex.getMessage(), ex);
            } catch (RuntimeException ex) {
                e.close();
                throw ex;
            }
        }
    }
}
