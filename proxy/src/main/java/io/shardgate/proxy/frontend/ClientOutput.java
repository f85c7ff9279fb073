package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.PacketEncoder;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.WirePacket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes a connection's packets from its worker thread: encodes them, numbers them (a reply starts
 * at the client packet's sequence id + 1, and a payload split into several physical packets uses
 * several ids) and, while the channel is not writable, makes the worker wait — bounded by the
 * write timeout — so that a client that reads slowly holds back the engine instead of filling memory.
 */
final class ClientOutput {

    /** The client went away or stopped reading; the statement's output is abandoned. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(String message) {
            super(message, null, false, false);
        }
    }

    private static final long POLL_MILLIS = 100;
    private static final int DEFER_BELOW_BYTES = 64 << 10;

    private final Channel channel;
    private final Duration writeTimeout;
    private final Object writability = new Object();
    private int sequence;
    private boolean deferring;
    private boolean flushDeferred;

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
        channel.write(new Packet(sequence, buffer), channel.voidPromise());
        sequence = (sequence + PacketEncoder.physicalPackets(length)) & 0xFF;
    }

    /** Writes a payload as it is (a row relayed from a backend); takes ownership of the buffer. */
    void writePayload(ByteBuf payload) {
        int length = payload.readableBytes();
        channel.write(new Packet(sequence, payload), channel.voidPromise());
        sequence = (sequence + PacketEncoder.physicalPackets(length)) & 0xFF;
    }

    void flush() {
        if (deferring && channel.isWritable()
                && channel.config().getWriteBufferHighWaterMark() - channel.bytesBeforeUnwritable() < DEFER_BELOW_BYTES) {
            flushDeferred = true;
            return;
        }
        channel.flush();
    }

    /**
     * From now on small flushes wait for {@link #endDeferring()}: a command's worker task ends its
     * reply there, after it has marked itself done, so the client's next command finds the
     * connection idle (and may take the direct lane). Large results still flush as they go.
     */
    void beginDeferring() {
        deferring = true;
    }

    void endDeferring() {
        deferring = false;
        if (flushDeferred) {
            flushDeferred = false;
            channel.flush();
        }
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
        if (channel.isWritable()) {
            return;
        }
        flush();
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        synchronized (writability) {
            while (!channel.isWritable()) {
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
