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
 * <p>Packets are encoded and framed straight into one buffer that goes to the channel at a flush or
 * once it holds {@value #BATCH_BYTES} bytes: a reply of many small packets (rows) is a few channel
 * writes, which from a worker thread is a few tasks for the event loop instead of one per packet,
 * and no buffer per packet. Payloads relayed as they are (and payloads of 16 MB or more, which
 * span several physical packets) are written in order with the framed ones.
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
        if (batch == null) {
            batch = channel.alloc().buffer(1024);
        }
        int start = batch.writerIndex();
        batch.writeInt(0); // the header, once the payload's length is known
        try {
            packet.encode(new Payload(batch));
        } catch (RuntimeException e) {
            batch.writerIndex(start);
            throw e;
        }
        int length = batch.writerIndex() - start - 4;
        if (PacketEncoder.physicalPackets(length) > 1) {
            // 16 MB or more: the encoder splits it into physical packets
            ByteBuf payload = channel.alloc().buffer(length);
            payload.writeBytes(batch, start + 4, length);
            batch.writerIndex(start);
            writePayload(payload);
            return;
        }
        batch.setMediumLE(start, length).setByte(start + 3, sequence);
        sequence = (sequence + 1) & 0xFF;
        if (batch.readableBytes() >= BATCH_BYTES) {
            handOver();
        }
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
        if (channel.isWritable()) {
            return; // the batch not yet handed over is bounded: BATCH_BYTES and one packet
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
