package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One logical MySQL packet: a payload (continuation packets already joined) and its sequence id.
 * Inbound, {@link #sequenceId()} is that of the last physical packet, so a reply starts at
 * {@code id + 1}, and {@link #firstSequenceId()} that of the first (a command starts at 0);
 * outbound, it is the id of the first physical packet and the encoder numbers the rest.
 * Holds a reference-counted buffer: whoever consumes a packet releases it.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html">MySQL Packets</a>
 */
public final class Packet extends DefaultByteBufHolder {

    private final int sequenceId;
    private final int firstSequenceId;

    public Packet(int sequenceId, ByteBuf payload) {
        this(sequenceId, sequenceId, payload);
    }

    public Packet(int firstSequenceId, int sequenceId, ByteBuf payload) {
        super(payload);
        this.firstSequenceId = firstSequenceId & 0xFF;
        this.sequenceId = sequenceId & 0xFF;
    }

    /** The id of the last physical packet (of the only one, for payloads under 16 MB). */
    public int sequenceId() {
        return sequenceId;
    }

    /** The id of the first physical packet. */
    public int firstSequenceId() {
        return firstSequenceId;
    }

    public Payload payload() {
        return new Payload(content());
    }

    @Override
    public Packet replace(ByteBuf content) {
        return new Packet(firstSequenceId, sequenceId, content);
    }

    @Override
    public String toString() {
        return "Packet(seq=" + sequenceId + ", " + content().readableBytes() + " bytes)";
    }
}
