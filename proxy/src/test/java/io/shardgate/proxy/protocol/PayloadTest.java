package io.shardgate.proxy.protocol;

import io.netty.buffer.Unpooled;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadTest {

    @Test
    void lengthEncodedIntegersUseTheShortestFormAtEachBoundary() {
        assertThat(lenenc(0)).isEqualTo("00");
        assertThat(lenenc(250)).isEqualTo("fa");
        assertThat(lenenc(251)).isEqualTo("fcfb00");
        assertThat(lenenc(65_535)).isEqualTo("fcffff");
        assertThat(lenenc(65_536)).isEqualTo("fd000001");
        assertThat(lenenc(16_777_215)).isEqualTo("fdffffff");
        assertThat(lenenc(16_777_216)).isEqualTo("fe0000000100000000");
        for (long value : new long[] {0, 250, 251, 65_535, 65_536, 16_777_215, 16_777_216, Long.MAX_VALUE}) {
            Payload payload = new Payload(Unpooled.buffer());
            payload.writeLenencInt(value);
            assertThat(payload.readLenencInt()).isEqualTo(value);
            assertThat(payload.isReadable()).isFalse();
        }
    }

    @Test
    void fixedIntegersAreLittleEndian() {
        Payload payload = new Payload(Unpooled.buffer());
        payload.writeInt1(0xAB).writeInt2(0x1234).writeInt3(0x123456).writeInt4(0xFFFF_FFFEL).writeInt6(0x1122_3344_5566L)
                .writeInt8(-2);
        assertThat(HexFormat.of().formatHex(payload.buffer().array(), 0, payload.readableBytes()))
                .isEqualTo("ab" + "3412" + "563412" + "feffffff" + "665544332211" + "feffffffffffffff");
        assertThat(payload.readInt1()).isEqualTo(0xAB);
        assertThat(payload.readInt2()).isEqualTo(0x1234);
        assertThat(payload.readInt3()).isEqualTo(0x123456);
        assertThat(payload.readInt4()).isEqualTo(0xFFFF_FFFEL);
        assertThat(payload.readInt6()).isEqualTo(0x1122_3344_5566L);
        assertThat(payload.readInt8()).isEqualTo(-2);
    }

    @Test
    void stringsInEveryEncoding() {
        Payload payload = new Payload(Unpooled.buffer());
        payload.writeLenencString("héllo").writeNulString("db").writeBytes(new byte[] {1, 2}).writeRestString("rest ✓");
        assertThat(payload.readLenencString()).isEqualTo("héllo");
        assertThat(payload.readNulString()).isEqualTo("db");
        assertThat(payload.readFixedBytes(2)).containsExactly(1, 2);
        assertThat(payload.readRestString()).isEqualTo("rest ✓");
    }

    /** A client lying about a length costs its connection, not the server: a catalogued error. */
    @Test
    void readingPastTheEndIsAMalformedPacket() {
        assertThatThrownBy(() -> WireBytes.payload("fc0a00 4142").readLenencString())
                .isInstanceOf(ShardgateException.class)
                .satisfies(e -> assertThat(((ShardgateException) e).code()).isEqualTo(ErrorCode.MALFORMED_PACKET));
        assertThatThrownBy(() -> WireBytes.payload("414243").readNulString()).isInstanceOf(ShardgateException.class);
        assertThatThrownBy(() -> WireBytes.payload("01").readInt4()).isInstanceOf(ShardgateException.class);
        assertThatThrownBy(() -> WireBytes.payload("ff").readLenencInt()).isInstanceOf(ShardgateException.class);
    }

    private static String lenenc(long value) {
        Payload payload = new Payload(Unpooled.buffer());
        payload.writeLenencInt(value);
        byte[] bytes = new byte[payload.readableBytes()];
        payload.buffer().getBytes(0, bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
