package io.wirewrap.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker's output: backend messages accumulate in one buffer that goes to the channel in a single write
 * when the protocol says so (ReadyForQuery, Flush, a prompt for the client) or when it grows past a batch
 * size. A batch write waits while the channel is not writable (the client reads slowly), so a large result
 * pauses the producer instead of piling up in memory.
 */
final class Outbound {
    private static final int BATCH_BYTES = 64 * 1024;

    private final Channel channel;
    private final ByteBufAllocator alloc;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private ByteBuf buf;

    Outbound(Channel channel) {
        this.channel = channel;
        this.alloc = channel.alloc();
        this.buf = alloc.heapBuffer(1024);
    }

    /** The buffer to write messages into. */
    ByteBuf buf() {
        return buf;
    }

    /** After a row: sends a batch when enough has accumulated, waiting for the client if needed. */
    void maybeFlush() {
        if (buf.readableBytes() >= BATCH_BYTES) flush();
    }

    /**
     * Sends what is buffered, then waits while the client is behind on reading, so that many small results
     * (a client pipelining statements and never reading) pile up in the client's socket, not in our heap.
     */
    void flush() {
        send();
        awaitWritable();
    }

    private void send() {
        if (!buf.isReadable()) return;
        if (!channel.isActive()) {
            buf.clear();
            throw new ClientGone();
        }
        ByteBuf out = buf;
        buf = alloc.heapBuffer(Math.min(Math.max(1024, out.readableBytes()), BATCH_BYTES + 1024));
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void awaitWritable() {
        // never block the event loop (fast path): its output is small and the watermark absorbs it
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) return;
        lock.lock();
        try {
            while (!channel.isWritable()) {
                if (!channel.isActive()) throw new ClientGone();
                writable.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone();
        } finally {
            lock.unlock();
        }
    }

    /** Called on the event loop when writability changes. */
    void writabilityChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void release() {
        buf.release();
    }

    /** The client went away while we were sending. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client connection closed", null, false, false);
        }
    }
}
