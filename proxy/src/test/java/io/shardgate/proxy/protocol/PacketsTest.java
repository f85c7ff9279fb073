package io.shardgate.proxy.protocol;

import io.shardgate.proxy.protocol.ComStmtExecute.ParameterType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shardgate.proxy.protocol.WireBytes.encode;
import static io.shardgate.proxy.protocol.WireBytes.hex;
import static io.shardgate.proxy.protocol.WireBytes.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every packet against byte captures (from the protocol documentation where it has one) and back. */
class PacketsTest {

    private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    @Test
    void okPacket() {
        assertThat(hex(OkPacket.of(0, 0, StatusFlags.AUTOCOMMIT, 0))).isEqualTo("00000002000000");
        OkPacket insert = OkPacket.of(1, 300, StatusFlags.AUTOCOMMIT | StatusFlags.IN_TRANS, 2);
        assertThat(hex(insert)).isEqualTo("0001fc2c0103000200");
        assertThat(OkPacket.decode(payload(encode(insert)))).isEqualTo(insert);
        assertThat(hex(OkPacket.endOfRows(StatusFlags.AUTOCOMMIT, 1))).isEqualTo("fe000002000100");
    }

    @Test
    void errPacket() {
        String capture = "ff4804234859303030" + HexFormat.of().formatHex("No tables used".getBytes(StandardCharsets.UTF_8));
        ErrPacket err = ErrPacket.decode(payload(capture));
        assertThat(err).isEqualTo(new ErrPacket(1096, "HY000", "No tables used"));
        assertThat(hex(err)).isEqualTo(capture);
    }

    @Test
    void eofPacket() {
        assertThat(hex(new EofPacket(0, 2))).isEqualTo("fe00000200");
        assertThat(EofPacket.matches(payload("fe00000200"))).isTrue();
        assertThat(EofPacket.decode(payload("fe01000a00"))).isEqualTo(new EofPacket(1, 10));
    }

    @Test
    void handshakeV10() {
        HandshakeV10 greeting = new HandshakeV10("8.0.36", 7, SCRAMBLE, CapabilityFlags.SERVER_DEFAULT, 45, 2,
                "caching_sha2_password");
        String hex = hex(greeting);
        String expected = "0a" + ascii("8.0.36") + "00" + "07000000" + ascii("abcdefgh") + "00"
                + le2(CapabilityFlags.SERVER_DEFAULT & 0xFFFF) + "2d" + "0200" + le2(CapabilityFlags.SERVER_DEFAULT >>> 16)
                + "15" + "00000000000000000000" + ascii("ijklmnopqrst") + "00" + ascii("caching_sha2_password") + "00";
        assertThat(hex).isEqualTo(expected);
        HandshakeV10 decoded = HandshakeV10.decode(payload(encode(greeting)));
        assertThat(decoded.authPluginData()).isEqualTo(SCRAMBLE);
        assertThat(decoded.capabilities()).isEqualTo(CapabilityFlags.SERVER_DEFAULT);
        assertThat(decoded.authPluginName()).isEqualTo("caching_sha2_password");
        assertThat(decoded.serverVersion()).isEqualTo("8.0.36");
    }

    /** The capture from the HandshakeResponse41 page: user pam, database test, mysql_native_password. */
    @Test
    void handshakeResponse41FromTheDocumentation() {
        HandshakeResponse41 response = HandshakeResponse41.decode(payload(
                "8da60f00 00000001 08 0000000000000000000000000000000000000000000000"
                        + "70616d00 14 ab09eef6bcb1323e61143865c0991d957d75d447 7465737400"
                        + "6d7973716c5f6e61746976655f70617373776f726400"));
        assertThat(response.user()).isEqualTo("pam");
        assertThat(response.database()).isEqualTo("test");
        assertThat(response.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(response.authResponse()).hasSize(20);
        assertThat(response.characterSet()).isEqualTo(8);
        assertThat(response.maxPacketSize()).isEqualTo(16_777_216);
        assertThat(CapabilityFlags.has(response.capabilities(), CapabilityFlags.MULTI_STATEMENTS)).isTrue();
    }

    @Test
    void handshakeResponse41WithLengthEncodedAuthDataAndAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("_client_name", "test");
        attributes.put("_pid", "42");
        int flags = CapabilityFlags.SERVER_DEFAULT;
        HandshakeResponse41 response = new HandshakeResponse41(flags, 1 << 24, 255, "app", new byte[32], "shop",
                "caching_sha2_password", attributes);
        HandshakeResponse41 decoded = HandshakeResponse41.decode(payload(encode(response)));
        assertThat(decoded.user()).isEqualTo("app");
        assertThat(decoded.authResponse()).hasSize(32);
        assertThat(decoded.database()).isEqualTo("shop");
        assertThat(decoded.attributes()).isEqualTo(attributes);
        assertThat(SslRequest.matches(payload(encode(response)))).isFalse();
    }

    @Test
    void sslRequestIsRecognizedByLengthAndFlag() {
        SslRequest request = new SslRequest(CapabilityFlags.SERVER_DEFAULT | CapabilityFlags.SSL, 1 << 24, 45);
        assertThat(encode(request)).hasSize(32);
        assertThat(SslRequest.matches(payload(encode(request)))).isTrue();
        assertThat(SslRequest.decode(payload(encode(request)))).isEqualTo(request);
        assertThat(SslRequest.matches(payload(encode(new SslRequest(CapabilityFlags.SERVER_DEFAULT, 1, 45))))).isFalse();
    }

    @Test
    void authPackets() {
        AuthSwitchRequest switchRequest = new AuthSwitchRequest("mysql_native_password", SCRAMBLE);
        assertThat(hex(switchRequest)).isEqualTo("fe" + ascii("mysql_native_password") + "00" + ascii("abcdefghijklmnopqrst") + "00");
        AuthSwitchRequest decoded = AuthSwitchRequest.decode(payload(encode(switchRequest)));
        assertThat(decoded.pluginName()).isEqualTo("mysql_native_password");
        assertThat(decoded.pluginData()).isEqualTo(SCRAMBLE);
        assertThat(hex(new AuthMoreData(new byte[] {3}))).isEqualTo("0103");
        assertThat(AuthMoreData.decode(payload("0104")).data()).containsExactly(4);
        assertThat(AuthSwitchResponse.decode(payload("0102")).data()).containsExactly(1, 2);
        assertThat(hex(new AuthSwitchResponse(new byte[] {2}))).isEqualTo("02");
    }

    /** The column definition of {@code SELECT @@version_comment} from the protocol documentation. */
    @Test
    void columnDefinition41FromTheDocumentation() {
        String capture = "0364656600000011404076657273696f6e5f636f6d6d656e74000c08001c000000fd00001f0000";
        ColumnDefinition41 column = ColumnDefinition41.decode(payload(capture));
        assertThat(column.name()).isEqualTo("@@version_comment");
        assertThat(column.type()).isEqualTo(ColumnType.VAR_STRING);
        assertThat(column.characterSet()).isEqualTo(8);
        assertThat(column.columnLength()).isEqualTo(28);
        assertThat(column.decimals()).isEqualTo(0x1f);
        assertThat(hex(column)).isEqualTo(capture);
        assertThat(hex(new ColumnCount(3))).isEqualTo("03");
    }

    @Test
    void textRowsWriteNullAsFbAndValuesAsText() {
        List<ColumnDefinition41> columns = List.of(column(ColumnType.LONGLONG), column(ColumnType.VAR_STRING),
                column(ColumnType.VAR_STRING), column(ColumnType.DOUBLE), column(ColumnType.TINY), column(ColumnType.BLOB));
        TextResultsetRow row = new TextResultsetRow(new Object[] {1L, null, "abc", 1.5, true, new byte[] {0, 1}}, columns);
        assertThat(hex(row)).isEqualTo("0131" + "fb" + "03616263" + "03312e35" + "0131" + "020001");
        assertThat(TextResultsetRow.decode(payload(encode(row)), 6)).containsExactly("1", null, "abc", "1.5", "1", "\0\1");
    }

    /** The NULL bitmap of a binary row starts at bit 2. */
    @Test
    void binaryRowsUseANullBitmapWithOffsetTwo() {
        List<ColumnDefinition41> columns = List.of(column(ColumnType.LONGLONG), column(ColumnType.VAR_STRING),
                column(ColumnType.DATETIME));
        BinaryResultsetRow row = new BinaryResultsetRow(new Object[] {1L, null, LocalDateTime.of(2024, 1, 2, 3, 4, 5)}, columns);
        assertThat(hex(row)).isEqualTo("00" + "08" + "0100000000000000" + "07e80701020304" + "05");
        assertThat(BinaryResultsetRow.decode(payload(encode(row)), columns))
                .containsExactly(1L, null, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    }

    @Test
    void simpleCommands() {
        assertThat(ComQuery.decode(payload("03" + ascii("select @@version_comment limit 1"))).query())
                .isEqualTo("select @@version_comment limit 1");
        assertThat(hex(new ComQuery("SELECT 1"))).isEqualTo("03" + ascii("SELECT 1"));
        assertThat(ComInitDb.decode(payload("02" + ascii("test"))).schema()).isEqualTo("test");
        assertThat(ComFieldList.decode(payload("04" + ascii("users") + "00"))).isEqualTo(new ComFieldList("users", ""));
        assertThat(ComStmtPrepare.decode(payload("16" + ascii("SELECT ?"))).query()).isEqualTo("SELECT ?");
        assertThat(ComStmtSendLongData.decode(payload("18 01000000 0200 abcd")))
                .satisfies(d -> {
                    assertThat(d.statementId()).isEqualTo(1);
                    assertThat(d.parameterId()).isEqualTo(2);
                    assertThat(d.data()).containsExactly(0xab, 0xcd);
                });
        assertThat(ComStmtClose.decode(payload("19 07000000")).statementId()).isEqualTo(7);
        assertThat(ComStmtReset.decode(payload("1a 07000000")).statementId()).isEqualTo(7);
        assertThat(ComStmtFetch.decode(payload("1c 07000000 0a000000"))).isEqualTo(new ComStmtFetch(7, 10));
        assertThat(ComSetOption.decode(payload("1b 0100")).option()).isEqualTo(1);
        assertThat(ComProcessKill.decode(payload("0c 05000000")).connectionId()).isEqualTo(5);
        assertThat(ComStatistics.decode(payload("09"))).isEqualTo(new ComStatistics());
        assertThat(ComPing.decode(payload("0e"))).isEqualTo(new ComPing());
        assertThat(ComQuit.decode(payload("01"))).isEqualTo(new ComQuit());
        assertThat(ComResetConnection.decode(payload("1f"))).isEqualTo(new ComResetConnection());
        assertThat(hex(new ComStatistics.Response("Uptime: 1"))).isEqualTo(ascii("Uptime: 1"));
        assertThat(hex(new ComFieldList.Column(column(ColumnType.LONG), null))).endsWith("fb");
        assertThatThrownBy(() -> ComPing.decode(payload("0f"))).hasMessageContaining("expected PING");
        for (WirePacket command : List.of(new ComInitDb("x"), new ComStmtClose(1), new ComStmtReset(2), new ComStmtFetch(3, 4),
                new ComSetOption(0), new ComProcessKill(9), new ComStmtSendLongData(1, 0, new byte[] {1}))) {
            assertThat(encode(command)[0]).isNotZero();
        }
    }

    /** The capture from the COM_STMT_PREPARE page: statement 1, one column, two parameters. */
    @Test
    void comStmtPrepareOk() {
        ComStmtPrepareOk ok = ComStmtPrepareOk.decode(payload("00 01000000 0100 0200 00 0000"));
        assertThat(ok).isEqualTo(new ComStmtPrepareOk(1, 1, 2, 0));
        assertThat(hex(ok)).isEqualTo("00010000000100020000" + "0000");
    }

    /** The capture from the COM_STMT_EXECUTE page: one VARCHAR parameter "foo". */
    @Test
    void comStmtExecuteFromTheDocumentation() {
        Payload capture = payload("17 01000000 00 01000000 00 01 0f00 03666f6f");
        assertThat(ComStmtExecute.peekStatementId(capture)).isEqualTo(1);
        ComStmtExecute execute = ComStmtExecute.decode(capture, 1, null, new BitSet());
        assertThat(execute.values()).containsExactly("foo");
        assertThat(execute.types()).containsExactly(new ParameterType(ColumnType.VARCHAR, false));
        assertThat(execute.cursorRequested()).isFalse();
    }

    @Test
    void comStmtExecuteDecodesEveryParameterType() {
        List<ParameterType> types = List.of(
                new ParameterType(ColumnType.LONGLONG, true), new ParameterType(ColumnType.TINY, false),
                new ParameterType(ColumnType.TINY, true), new ParameterType(ColumnType.SHORT, false),
                new ParameterType(ColumnType.LONG, true), new ParameterType(ColumnType.DOUBLE, false),
                new ParameterType(ColumnType.FLOAT, false), new ParameterType(ColumnType.NEWDECIMAL, false),
                new ParameterType(ColumnType.DATE, false), new ParameterType(ColumnType.DATETIME, false),
                new ParameterType(ColumnType.TIME, false), new ParameterType(ColumnType.BLOB, false),
                new ParameterType(ColumnType.JSON, false), new ParameterType(ColumnType.VAR_STRING, false),
                new ParameterType(ColumnType.YEAR, false));
        List<Object> values = Arrays.asList(new BigInteger("18446744073709551615"), -1L, 255L, -300L, 4_000_000_000L, 0.1,
                1.5f, new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                LocalTime.of(23, 59, 58), new byte[] {0, (byte) 0xFF}, "{\"a\": 1}", null, 2024L);
        ComStmtExecute sent = new ComStmtExecute(9, 0, 1, true, types, values);
        ComStmtExecute decoded = ComStmtExecute.decode(payload(encode(sent)), types.size(), null, new BitSet());
        assertThat(decoded.types()).isEqualTo(types);
        List<Object> expected = new ArrayList<>(values);
        expected.set(11, null);
        List<Object> actual = new ArrayList<>(decoded.values());
        assertThat(actual.get(11)).isEqualTo(new byte[] {0, (byte) 0xFF});
        actual.set(11, null);
        assertThat(actual).isEqualTo(expected);

        // new-params-bound 0: the previous types apply, and only the values are sent
        ComStmtExecute reused = new ComStmtExecute(9, 0, 1, false, types, values);
        assertThat(ComStmtExecute.decode(payload(encode(reused)), types.size(), decoded.types(), new BitSet()).values().get(0))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThatThrownBy(() -> ComStmtExecute.decode(payload(encode(reused)), types.size(), null, new BitSet()))
                .hasMessageContaining("new-params-bound flag 0");
    }

    @Test
    void comStmtExecuteSkipsLongDataParametersAndReadsTheCursorFlag() {
        List<ParameterType> types = List.of(new ParameterType(ColumnType.BLOB, false), new ParameterType(ColumnType.LONG, false));
        // parameter 0's data came through COM_STMT_SEND_LONG_DATA: the client sends no value for it
        Payload payload = payload("17 01000000 01 01000000 00 01 fc00 0300 2a000000");
        BitSet longData = new BitSet();
        longData.set(0);
        ComStmtExecute execute = ComStmtExecute.decode(payload, 2, null, longData);
        assertThat(execute.values()).containsExactly(null, 42L);
        assertThat(execute.types()).isEqualTo(types);
        assertThat(execute.cursorRequested()).isTrue();
    }

    @Test
    void temporalBinaryValuesUseTheShortestLength() {
        ColumnDefinition41 datetime = column(ColumnType.DATETIME);
        assertThat(binary("0000-00-00 00:00:00", datetime)).isEqualTo("00");
        assertThat(binary(LocalDate.of(2024, 1, 2), datetime)).isEqualTo("04e8070102");
        assertThat(binary(LocalDateTime.of(2024, 1, 2, 3, 4, 5), datetime)).isEqualTo("07e807010203 0405".replace(" ", ""));
        assertThat(binary(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), datetime)).isEqualTo("0be80701020304050" + "6000000");
        ColumnDefinition41 time = column(ColumnType.TIME);
        assertThat(binary(LocalTime.MIDNIGHT, time)).isEqualTo("00");
        assertThat(binary(LocalTime.of(1, 2, 3), time)).isEqualTo("08" + "00" + "00000000" + "010203");
        assertThat(binary("-838:59:59.5", time)).isEqualTo("0c" + "01" + "22000000" + "163b3b" + "20a10700");
        assertThat(BinaryProtocolValue.read(payload("0c0122000000163b3b20a10700"), ColumnType.TIME, false)).isEqualTo("-838:59:59.5");
        assertThat(BinaryProtocolValue.read(payload("00"), ColumnType.DATE, false)).isEqualTo("0000-00-00");
        assertThat(BinaryProtocolValue.read(payload("0be8070102030405" + "06000000"), ColumnType.TIMESTAMP, false))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000));
        assertThatThrownBy(() -> BinaryProtocolValue.read(payload("05e807010203"), ColumnType.DATE, false))
                .hasMessageContaining("length 5");
    }

    @Test
    void changeUserRoundTrips() {
        int capabilities = CapabilityFlags.SERVER_DEFAULT;
        ComChangeUser change = new ComChangeUser("bob", new byte[] {1, 2, 3}, "shop", 45, "mysql_native_password",
                Map.of("_client_name", "x"));
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        change.encode(new Payload(buf), capabilities);
        ComChangeUser decoded = ComChangeUser.decode(new Payload(buf), capabilities);
        assertThat(decoded.user()).isEqualTo("bob");
        assertThat(decoded.authResponse()).containsExactly(1, 2, 3);
        assertThat(decoded.database()).isEqualTo("shop");
        assertThat(decoded.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(decoded.attributes()).containsEntry("_client_name", "x");
    }

    private static String binary(Object value, ColumnDefinition41 column) {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        BinaryProtocolValue.write(new Payload(buf), value, column);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static ColumnDefinition41 column(ColumnType type) {
        return new ColumnDefinition41("db", "t", "t", "c", "c", 63, 10, type, 0, 0);
    }

    private static String ascii(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String le2(int value) {
        return String.format("%02x%02x", value & 0xFF, (value >> 8) & 0xFF);
    }
}
