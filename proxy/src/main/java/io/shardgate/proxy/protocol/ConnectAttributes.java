package io.shardgate.proxy.protocol;

import io.netty.buffer.Unpooled;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection attributes (_client_name, _client_version …): a length-encoded total length followed
 * by length-encoded key/value strings; shared by HandshakeResponse41 and COM_CHANGE_USER.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html">Protocol::HandshakeResponse41</a>
 */
final class ConnectAttributes {

    private ConnectAttributes() {
    }

    static Map<String, String> decode(Payload in) {
        long total = in.readLenencInt();
        int end = in.readableBytes() - (int) Math.min(total, in.readableBytes());
        Map<String, String> attributes = new LinkedHashMap<>();
        while (in.readableBytes() > end) {
            attributes.put(in.readLenencString(), in.readLenencString());
        }
        return attributes;
    }

    static void encode(Payload out, Map<String, String> attributes) {
        Payload pairs = new Payload(Unpooled.buffer());
        attributes.forEach((key, value) -> pairs.writeLenencString(key).writeLenencString(value));
        out.writeLenencInt(pairs.readableBytes());
        out.writeBytes(pairs.buffer());
        pairs.buffer().release();
    }
}
