package io.wirewrap.server.conn;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.wirewrap.server.ServerConfig;
import io.wirewrap.server.protocol.FrontendMessage;
import io.wirewrap.server.protocol.ProtocolViolation;
import io.wirewrap.sql.api.SqlEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop side of a connection: answers SSLRequest/GSSENCRequest and CancelRequest itself (they are
 * instant and change the pipeline or another backend), hands everything else to the connection's
 * {@link ConnectionWorker}, and never blocks.
 */
public final class PgChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PgChannelHandler.class);

    private final SqlEngine engine;
    private final ServerConfig config;
    private final BackendRegistry registry;
    private final SslContext ssl;
    private ConnectionWorker worker;
    private boolean started;
    private boolean tls;
    private java.util.List<FrontendMessage> pending = new java.util.ArrayList<>(8); // decoded in this read

    public PgChannelHandler(SqlEngine engine, ServerConfig config, BackendRegistry registry, SslContext ssl) {
        this.engine = engine;
        this.config = config;
        this.registry = registry;
        this.ssl = ssl;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        worker = new ConnectionWorker(ctx.channel(), engine, config, registry);
        // like PostgreSQL's authentication_timeout: a client that never finishes startup does not hold a slot
        ctx.executor().schedule(() -> {
            if (!worker.isReady()) ctx.close();
        }, config.authenticationTimeoutSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrontendMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (m) {
            case FrontendMessage.SslRequest r -> {
                if (ssl != null && !tls) {
                    // startTls: the 'S' goes out in clear, everything after it through TLS
                    ctx.pipeline().addFirst("tls", new SslHandler(ssl.newEngine(ctx.alloc()), true));
                    tls = true;
                    worker.tlsActive();
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
                } else {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
                }
            }
            case FrontendMessage.GssEncRequest r -> ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            case FrontendMessage.CancelRequest c -> {
                registry.cancel(c.backendPid(), c.secretKey());
                ctx.close();
            }
            default -> pending.add(m);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        deliverPending();
        ctx.fireChannelReadComplete();
    }

    private void deliverPending() {
        if (pending.isEmpty()) return;
        if (started && worker.tryRunInline(pending)) {
            pending.clear();
            return;
        }
        worker.deliver(pending);
        pending = new java.util.ArrayList<>(8);
        if (!started) {
            started = true;
            worker.start();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (worker != null) {
            deliverPending();
            worker.cancelRunningStatement();
            worker.deliver(new FrontendMessage.Disconnected());
            if (!started) {
                started = true;
                worker.start(); // runs only its cleanup
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (started && pending.isEmpty()) worker.closeIfIdle();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (worker != null) worker.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof ProtocolViolation v) {
            ctx.channel().config().setAutoRead(false);
            deliverPending();
            // in order with what was already queued: the worker answers earlier messages first, then 08P01
            worker.deliver(new FrontendMessage.Malformed(v.getMessage()));
            if (!started) {
                started = true;
                worker.start();
            }
            return;
        }
        if (!(c instanceof java.io.IOException) && !(c instanceof javax.net.ssl.SSLException)) {
            log.warn("connection error", cause);
        }
        ctx.close().addListener(ChannelFutureListener.CLOSE);
    }
}
