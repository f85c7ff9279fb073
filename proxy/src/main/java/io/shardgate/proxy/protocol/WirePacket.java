package io.shardgate.proxy.protocol;

/** A packet that knows how to write its payload (the framing adds length and sequence id). */
public interface WirePacket {

    void encode(Payload out);
}
