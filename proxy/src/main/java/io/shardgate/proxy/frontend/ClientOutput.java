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
 *
 * <p>Small packets are framed here into one buffer (up to {@value #BATCH_BYTES} bytes) that goes to
 * the channel at a flush: a reply of a few packets is one channel write, which from a worker
 * thread is one task for the event loop instead of one per packet. Larger payloads are written as
 * packets of their own, in order.
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
    private static final int BATCH_BYTES = 16 << 10;

    private final Channel channel;
    private final Duration writeTimeout;
    private final Object writability = new Object();
    private int sequence;
    private boolean deferring;
    private boolean flushDeferred;
    /** Framed packets not yet handed to the channel, or null. */
    private ByteBuf batch;

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
        writePayload(buffer);
    }

    /** Writes a payload as it is (a row relayed from a backend); takes ownership of the buffer. */
    void writePayload(ByteBuf payload) {
        int length = payload.readableBytes();
        if (length > BATCH_BYTES) {
            handOver();
            channel.write(new Packet(sequence, payload), channel.voidPromise());
        } else {
            if (batch == null) {
                batch = channel.alloc().buffer(Math.max(256, length + 4));
            }
            try {
                batch.writeMediumLE(length).writeByte(sequence).writeBytes(payload);
            } finally {
                payload.release();
            }
            if (batch.readableBytes() >= BATCH_BYTES) {
                handOver();
            }
        }
        sequence = (sequence + PacketEncoder.physicalPackets(length)) & 0xFF;
    }

    /** Gives the framed packets to the channel (written, not yet flushed). */
    private void handOver() {
        ByteBuf framed = batch;
        if (framed != null) {
            batch = null;
            channel.write(framed, channel.voidPromise());
        }
    }

    void flush() {
        handOver();
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
        if (batch != null) {
            handOver();
            flushDeferred = true;
        }
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
        handOver();
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
