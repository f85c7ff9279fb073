package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.PacketEncoder;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.WirePacket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a connection's packets from its worker thread: encodes them, numbers them (a reply starts
 * at the client packet's sequence id + 1, and a payload split into several physical packets uses
 * several ids) and, while the channel is not writable, makes the worker wait — bounded by the
 * write timeout — so that a client that reads slowly holds back the engine instead of filling memory.
 * Packets are collected on the worker and handed to the event loop as one task per flush (a reply is
 * typically 4–6 packets: one wake-up of the event loop instead of one per packet); the bytes handed
 * over but not yet in the channel's buffer count against the high water mark like buffered ones.
 */
final class ClientOutput {

    /** The client went away or stopped reading; the statement's output is abandoned. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(String message) {
            super(message, null, false, false);
        }
    }

    private static final long POLL_MILLIS = 100;

    private final Channel channel;
    private final Duration writeTimeout;
    private final Object writability = new Object();
    private final List<Packet> pending = new ArrayList<>();
    private final AtomicLong inFlight = new AtomicLong();
    private long pendingBytes;
    private int sequence;

    ClientOutput(Channel channel, Duration writeTimeout) {
        this.channel = channel;
        this.writeTimeout = writeTimeout;
    }

    /** Starts the reply to a client packet with this sequence id. */
    void replyTo(int clientSequence) {
        sequence = (clientSequence + 1) & 0xFF;
    }

    /** The sequence id the next packet (ours or the client's) must carry. */
    int sequence() {
        return sequence;
    }

    void write(WirePacket packet) {
        ByteBuf buffer = channel.alloc().buffer();
        try {
            packet.encode(new Payload(buffer));
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        int length = buffer.readableBytes();
        pending.add(new Packet(sequence, buffer));
        pendingBytes += length;
        sequence = (sequence + PacketEncoder.physicalPackets(length)) & 0xFF;
    }

    /** Hands the packets written so far to the event loop, which writes and flushes them in order. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Packet> batch = List.copyOf(pending);
        long bytes = pendingBytes;
        pending.clear();
        pendingBytes = 0;
        inFlight.addAndGet(bytes);
        try {
            channel.eventLoop().execute(() -> {
                for (Packet packet : batch) {
                    channel.write(packet, channel.voidPromise());
                }
                channel.flush();
                if (inFlight.addAndGet(-bytes) <= highWaterMark()) {
                    writabilityChanged();
                }
            });
        } catch (RejectedExecutionException shutDown) {
            // the event loop is stopping with the server: the connection is closing, drop the reply
            inFlight.addAndGet(-bytes);
            batch.forEach(Packet::release);
        }
    }

    private boolean writable() {
        return channel.isWritable() && inFlight.get() <= highWaterMark();
    }

    private long highWaterMark() {
        return channel.config().getWriteBufferHighWaterMark();
    }

    void writeAndFlush(WirePacket packet) {
        write(packet);
        flush();
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /**
     * Returns once the client has read enough that the queued bytes are below the low water mark.
     * Throws {@link ClientGoneException} (and closes the connection) if the client disconnects or
     * reads nothing for the write timeout.
     */
    void awaitWritable() {
        if (writable()) {
            return;
        }
        flush();
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        synchronized (writability) {
            while (!writable()) {
                if (!channel.isActive()) {
                    throw new ClientGoneException("client disconnected while a result was being sent");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    channel.close();
                    throw new ClientGoneException("client read nothing for " + writeTimeout.toSeconds()
                            + " s (write timeout); connection closed");
                }
                try {
                    writability.wait(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClientGoneException("interrupted while waiting for the client to read");
                }
            }
        }
    }

    /** Called on the event loop when the channel's writability flips. */
    void writabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }
}
