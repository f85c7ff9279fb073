package io.shardgate.proxy.frontend;

import io.shardgate.proxy.protocol.CapabilityFlags;
import io.shardgate.proxy.protocol.ColumnCount;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ColumnType;
import io.shardgate.proxy.protocol.ComFieldList;
import io.shardgate.proxy.protocol.ComInitDb;
import io.shardgate.proxy.protocol.ComPing;
import io.shardgate.proxy.protocol.ComProcessKill;
import io.shardgate.proxy.protocol.ComQuery;
import io.shardgate.proxy.protocol.ComQuit;
import io.shardgate.proxy.protocol.ComResetConnection;
import io.shardgate.proxy.protocol.ComSetOption;
import io.shardgate.proxy.protocol.ComStatistics;
import io.shardgate.proxy.protocol.ComStmtClose;
import io.shardgate.proxy.protocol.ComStmtExecute;
import io.shardgate.proxy.protocol.ComStmtFetch;
import io.shardgate.proxy.protocol.ComStmtPrepare;
import io.shardgate.proxy.protocol.ComStmtPrepareOk;
import io.shardgate.proxy.protocol.ComStmtReset;
import io.shardgate.proxy.protocol.ComStmtSendLongData;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.StatusFlags;
import io.shardgate.proxy.protocol.TextResultsetRow;
import io.shardgate.proxy.protocol.ComStmtExecute.ParameterType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact packets, flags and sequence ids, with a hand-made client over a socket. */
class RawProtocolTest {

    private static RunningProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
    }

    @Test
    void greetingAdvertisesWhatClientsNeed() throws IOException {
        try (RawClient client = new RawClient(proxy.port)) {
            HandshakeV10 greeting = HandshakeV10.decode(client.read());
            assertThat(greeting.serverVersion()).isEqualTo(FakeEngine.VERSION);
            assertThat(greeting.characterSet()).isEqualTo(45);
            assertThat(greeting.authPluginName()).isEqualTo("caching_sha2_password");
            assertThat(greeting.authPluginData()).hasSize(20).doesNotContain((byte) 0, (byte) '$');
            int flags = greeting.capabilities();
            for (int needed : new int[] {CapabilityFlags.PLUGIN_AUTH, CapabilityFlags.DEPRECATE_EOF, CapabilityFlags.CONNECT_ATTRS,
                CapabilityFlags.MULTI_STATEMENTS, CapabilityFlags.MULTI_RESULTS, CapabilityFlags.PS_MULTI_RESULTS,
                CapabilityFlags.CONNECT_WITH_DB, CapabilityFlags.PROTOCOL_41, CapabilityFlags.SECURE_CONNECTION,
                CapabilityFlags.TRANSACTIONS, CapabilityFlags.LONG_PASSWORD, CapabilityFlags.FOUND_ROWS,
                CapabilityFlags.LONG_FLAG, CapabilityFlags.PLUGIN_AUTH_LENENC_CLIENT_DATA}) {
                assertThat(flags & needed).as("capability 0x%x", needed).isNotZero();
            }
            assertThat(flags & CapabilityFlags.SSL).as("no SSL without TLS configured").isZero();
            assertThat(greeting.connectionId()).isPositive();
        }
    }

    @Test
    void statusFlagsFollowTheTransaction() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComQuery("BEGIN"));
            assertThat(OkPacket.decode(client.read()).statusFlags()).isEqualTo(StatusFlags.AUTOCOMMIT | StatusFlags.IN_TRANS);
            client.command(new ComQuery("COMMIT"));
            assertThat(OkPacket.decode(client.read()).statusFlags()).isEqualTo(StatusFlags.AUTOCOMMIT);
            client.command(new ComQuery("SET autocommit=0"));
            assertThat(OkPacket.decode(client.read()).statusFlags()).isZero();
            client.command(new ComQuery("SET autocommit=1"));
            assertThat(OkPacket.decode(client.read()).statusFlags()).isEqualTo(StatusFlags.AUTOCOMMIT);
            client.command(new ComQuery("INSERT INTO items (id, name, price) VALUES (41, 'x', 1)"));
            OkPacket insert = OkPacket.decode(client.read());
            assertThat(insert.affectedRows()).isEqualTo(1);
            assertThat(insert.lastInsertId()).isEqualTo(41);
        }
    }

    @Test
    void multiStatementsSetMoreResultsBetweenResultsAndWarningsCount() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComQuery("SET a=1; SELECT warn ;"));
            OkPacket first = OkPacket.decode(client.read());
            assertThat(first.statusFlags() & StatusFlags.MORE_RESULTS_EXISTS).isNotZero();
            assertThat(ColumnCount.decode(client.read()).count()).isEqualTo(1);
            ColumnDefinition41.decode(client.read());
            assertThat(TextResultsetRow.decode(client.read(), 1)).containsExactly("1");
            OkPacket end = OkPacket.decode(client.read());
            assertThat(end.header()).isEqualTo(OkPacket.EOF_HEADER);
            assertThat(end.statusFlags() & StatusFlags.MORE_RESULTS_EXISTS).isZero();
            assertThat(end.warnings()).isEqualTo(2);

            client.command(new ComSetOption(1));
            assertThat(OkPacket.decode(client.read()).header()).isEqualTo(OkPacket.EOF_HEADER);
            client.command(new ComQuery("SELECT 1; SELECT 2"));
            assertThat(ErrPacket.decode(client.read()).errorCode()).as("one statement only once multi-statements are off")
                    .isEqualTo(1064);
        }
    }

    @Test
    void eofFramingForClientsWithoutDeprecateEof() throws IOException {
        int capabilities = RawClient.defaultCapabilities() & ~CapabilityFlags.DEPRECATE_EOF;
        try (RawClient client = RawClient.login(proxy.port, capabilities)) {
            client.command(new ComQuery("SELECT 1"));
            assertThat(ColumnCount.decode(client.read()).count()).isEqualTo(1);
            ColumnDefinition41.decode(client.read());
            assertThat(EofPacket.decode(client.read())).isEqualTo(new EofPacket(0, StatusFlags.AUTOCOMMIT));
            assertThat(TextResultsetRow.decode(client.read(), 1)).containsExactly("1");
            assertThat(EofPacket.decode(client.read())).isEqualTo(new EofPacket(0, StatusFlags.AUTOCOMMIT));

            client.command(new ComFieldList("items", ""));
            List<String> names = new ArrayList<>();
            Payload packet;
            while (!EofPacket.matches(packet = client.read())) {
                ColumnDefinition41 column = ColumnDefinition41.decode(packet);
                assertThat(packet.readableBytes()).as("COM_FIELD_LIST adds a default value").isEqualTo(1);
                names.add(column.name());
            }
            assertThat(names).containsExactly("id", "name", "price", "data");

            client.command(new ComSetOption(0));
            assertThat(EofPacket.decode(client.read()).statusFlags()).isEqualTo(StatusFlags.AUTOCOMMIT);
        }
    }

    @Test
    void fieldListAndColumnDefinitions() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComFieldList("items", ""));
            ColumnDefinition41 id = ColumnDefinition41.decode(client.read());
            assertThat(id.schema()).isEqualTo("shop");
            assertThat(id.table()).isEqualTo("items");
            assertThat(id.type()).isEqualTo(ColumnType.LONGLONG);
            assertThat(id.characterSet()).isEqualTo(63);
            assertThat(id.flags() & 0x0203).as("NOT_NULL | PRI_KEY | AUTO_INCREMENT").isEqualTo(0x0203);
            ColumnDefinition41 name = ColumnDefinition41.decode(client.read());
            assertThat(name.characterSet()).isEqualTo(45);
            assertThat(name.columnLength()).isEqualTo(400);
            ColumnDefinition41 price = ColumnDefinition41.decode(client.read());
            assertThat(price.type()).isEqualTo(ColumnType.NEWDECIMAL);
            assertThat(price.decimals()).isEqualTo(2);
            ColumnDefinition41 data = ColumnDefinition41.decode(client.read());
            assertThat(data.type()).isEqualTo(ColumnType.BLOB);
            assertThat(data.columnLength()).isEqualTo(0xFFFF_FFFFL);
            assertThat(OkPacket.decode(client.read()).header()).isEqualTo(OkPacket.EOF_HEADER);
        }
    }

    @Test
    void pingInitDbStatisticsAndReset() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComPing());
            assertThat(OkPacket.decode(client.read()).header()).isZero();
            client.command(new ComInitDb("nope"));
            ErrPacket unknown = ErrPacket.decode(client.read());
            assertThat(unknown.errorCode()).isEqualTo(1049);
            assertThat(unknown.sqlState()).isEqualTo("42000");
            client.command(new ComInitDb("shop"));
            assertThat(OkPacket.decode(client.read()).header()).isZero();
            client.command(new ComStatistics());
            assertThat(client.read().readRestString()).matches("Uptime: \\d+  Threads: \\d+  Questions: \\d+  Slow queries: 0 .*");

            client.command(new ComStmtPrepare("SELECT * FROM items WHERE id = ?"));
            long statementId = ComStmtPrepareOk.decode(client.read()).statementId();
            for (int i = 0; i < 1 + 4; i++) {
                client.read();  // one parameter, four columns (DEPRECATE_EOF: no EOF packets)
            }
            client.command(new ComResetConnection());
            assertThat(OkPacket.decode(client.read()).header()).isZero();
            client.command(new ComStmtExecute(statementId, 0, 1, true, List.of(new ParameterType(ColumnType.LONGLONG, false)),
                    List.of(1L)));
            assertThat(ErrPacket.decode(client.read()).errorCode()).as("prepared statements are gone after a reset")
                    .isEqualTo(1243);
        }
    }

    @Test
    void preparedStatementCommandsAndTheirErrors() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComStmtPrepare("LOCK TABLES items WRITE"));
            ErrPacket unpreparable = ErrPacket.decode(client.read());
            assertThat(unpreparable.errorCode()).isEqualTo(1295);
            assertThat(unpreparable.sqlState()).isEqualTo("HY000");

            client.command(new ComStmtPrepare("INSERT INTO items (id, name, price, data) VALUES (?, ?, ?, ?)"));
            ComStmtPrepareOk ok = ComStmtPrepareOk.decode(client.read());
            assertThat(ok.parameters()).isEqualTo(4);
            assertThat(ok.columns()).isZero();
            for (int i = 0; i < 4; i++) {
                assertThat(ColumnDefinition41.decode(client.read()).name()).isEqualTo("?");
            }
            // long data, in two pieces, no reply
            client.command(new ComStmtSendLongData(ok.statementId(), 3, "hello ".getBytes()));
            client.command(new ComStmtSendLongData(ok.statementId(), 3, "world".getBytes()));
            List<ParameterType> types = List.of(new ParameterType(ColumnType.LONGLONG, false),
                    new ParameterType(ColumnType.VAR_STRING, false), new ParameterType(ColumnType.NEWDECIMAL, false),
                    new ParameterType(ColumnType.BLOB, false));
            client.command(longDataExecute(ok.statementId(), types));
            assertThat(OkPacket.decode(client.read()).affectedRows()).isEqualTo(1);
            assertThat(new String((byte[]) proxy.engine.items.get(77L)[3])).isEqualTo("hello world");

            client.command(new ComStmtReset(ok.statementId()));
            assertThat(OkPacket.decode(client.read()).header()).isZero();
            client.command(new ComStmtFetch(ok.statementId(), 10));
            assertThat(ErrPacket.decode(client.read()).errorCode()).isEqualTo(1421);
            client.command(new ComStmtClose(ok.statementId()));  // no reply: the next answer is the ping's
            client.command(new ComPing());
            assertThat(OkPacket.decode(client.read()).header()).isZero();
            client.command(new ComStmtReset(ok.statementId()));
            assertThat(ErrPacket.decode(client.read()).errorCode()).isEqualTo(1243);
        }
    }

    private static ComStmtExecute longDataExecute(long statementId, List<ParameterType> types) {
        List<Object> values = new ArrayList<>(List.of(77L, "name", new java.math.BigDecimal("1.00")));
        values.add(null);
        return new ComStmtExecute(statementId, 0, 1, true, types, values);
    }

    @Test
    void errorsCostTheStatementNotTheConnection() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComQuery("   "));
            assertThat(ErrPacket.decode(client.read()).errorCode()).isEqualTo(1065);
            client.command(new ComQuery("SELECT broken"));
            ErrPacket bug = ErrPacket.decode(client.read());
            assertThat(bug.errorCode()).isEqualTo(1105);
            assertThat(bug.message()).isEqualTo("a bug in the engine");
            client.writeRaw(0, new byte[] {(byte) 0xEE});
            client.sequence = 1;
            assertThat(ErrPacket.decode(client.read()).errorCode()).as("unknown command").isEqualTo(1047);
            client.command(new ComProcessKill(987654));
            assertThat(ErrPacket.decode(client.read()).errorCode()).isEqualTo(1094);
            client.command(new ComPing());
            assertThat(OkPacket.decode(client.read()).header()).isZero();
        }
    }

    @Test
    void malformedPacketsCloseTheConnectionButNotTheServer() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            // COM_STMT_EXECUTE too short to hold a statement id
            client.writeRaw(0, new byte[] {0x17, 1});
            client.sequence = 1;
            ErrPacket error = ErrPacket.decode(client.read());
            assertThat(error.errorCode()).isEqualTo(1835);
            assertThat(error.message()).contains("has no statement id");
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.writeRaw(3, new byte[] {0x0E});
            client.sequence = 1;
            ErrPacket outOfOrder = ErrPacket.decode(client.read());
            assertThat(outOfOrder.errorCode()).isEqualTo(1156);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = new RawClient(proxy.port)) {
            client.greeting = HandshakeV10.decode(client.read());
            client.writeRaw(1, new byte[] {1, 2, 3});
            client.sequence = 2;
            ErrPacket badHandshake = ErrPacket.decode(client.read());
            assertThat(badHandshake.errorCode()).isEqualTo(1043);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            client.command(new ComPing());
            assertThat(OkPacket.decode(client.read()).header()).as("the server still serves").isZero();
            client.command(new ComQuit());
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws IOException {
        try (RawClient client = RawClient.login(proxy.port, RawClient.defaultCapabilities())) {
            for (int i = 0; i < 200; i++) {
                client.command(new ComQuery(i % 2 == 0 ? "SELECT 1" : "SELECT 2"));
            }
            for (int i = 0; i < 200; i++) {
                client.sequence = 1;
                assertThat(ColumnCount.decode(client.read()).count()).isEqualTo(1);
                ColumnDefinition41.decode(client.read());
                assertThat(TextResultsetRow.decode(client.read(), 1)).containsExactly(i % 2 == 0 ? "1" : "2");
                OkPacket.decode(client.read());
            }
        }
    }

    @Test
    void wrongPasswordAndUnknownDatabase() throws IOException {
        try (RawClient client = new RawClient(proxy.port)) {
            client.greeting = HandshakeV10.decode(client.read());
            client.sequence = 1;
            client.write(new HandshakeResponse41(RawClient.defaultCapabilities(), 1 << 24, 45, "app",
                    CachingSha2Password.scramble("wrong", client.greeting.authPluginData()), null, "caching_sha2_password", Map.of()));
            ErrPacket denied = ErrPacket.decode(client.read());
            assertThat(denied).isEqualTo(new ErrPacket(1045, "28000", "Access denied for user 'app'@'127.0.0.1' (using password: YES)"));
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = new RawClient(proxy.port)) {
            client.greeting = HandshakeV10.decode(client.read());
            client.sequence = 1;
            client.write(new HandshakeResponse41(RawClient.defaultCapabilities(), 1 << 24, 45, "app",
                    CachingSha2Password.scramble("secret", client.greeting.authPluginData()), "other", "caching_sha2_password", Map.of()));
            client.read();  // fast auth success
            ErrPacket unknown = ErrPacket.decode(client.read());
            assertThat(unknown.errorCode()).isEqualTo(1049);
            assertThat(unknown.message()).isEqualTo("Unknown database 'other'");
        }
    }
}
