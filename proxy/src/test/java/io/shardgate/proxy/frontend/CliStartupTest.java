package io.shardgate.proxy.frontend;

import io.shardgate.proxy.compat.ShopServer;
import io.shardgate.proxy.protocol.ColumnCount;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ComFieldList;
import io.shardgate.proxy.protocol.ComQuery;
import io.shardgate.proxy.protocol.ComStatistics;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.TextResultsetRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mysql/mariadb command-line client sends when it starts, with --auto-rehash, and for
 * {@code status}, packet by packet over the real engine (H2 shards), with the EOF framing the CLI
 * negotiates: every reply is a result, never an error, and names only logical tables.
 */
class CliStartupTest {

    private static ShopServer shop;

    @BeforeAll
    static void start() {
        shop = ShopServer.onH2();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void startupRehashAndStatusAreAnswered() throws IOException {
        int capabilities = RawClient.defaultCapabilities() & ~io.shardgate.proxy.protocol.CapabilityFlags.DEPRECATE_EOF;
        try (RawClient cli = RawClient.login(shop.port(), capabilities)) {
            assertThat(query(cli, "select @@version_comment limit 1")).containsExactly(List.of("Shardgate"));
            assertThat(query(cli, "SELECT DATABASE()")).containsExactly(List.of("shop"));
            assertThat(query(cli, "show databases")).containsExactly(List.of("shop"));
            List<List<String>> tables = query(cli, "show tables");
            assertThat(tables).containsExactly(List.of("countries"), List.of("orders"), List.of("users"));
            for (List<String> table : tables) {
                cli.command(new ComFieldList(table.get(0), ""));
                List<String> fields = new ArrayList<>();
                Payload packet;
                while (!EofPacket.matches(packet = cli.read())) {
                    assertThat(packet.peekInt1()).as("COM_FIELD_LIST %s answered with an error", table).isNotEqualTo(0xFF);
                    ColumnDefinition41 column = ColumnDefinition41.decode(packet);
                    assertThat(column.table()).isEqualTo(table.get(0));
                    fields.add(column.name());
                }
                assertThat(fields).as("fields of %s", table).isNotEmpty();
                if (table.get(0).equals("users")) {
                    assertThat(fields).containsExactly("id", "name", "country", "age");
                }
            }
            // status
            assertThat(query(cli, "select DATABASE(), USER() limit 1")).containsExactly(List.of("shop", "app@127.0.0.1"));
            assertThat(query(cli, "select @@character_set_client, @@character_set_connection, @@character_set_server, "
                    + "@@character_set_database limit 1"))
                    .containsExactly(List.of("utf8mb4", "utf8mb4", "utf8mb4", "utf8mb4"));
            cli.command(new ComStatistics());
            assertThat(new String(cli.read().readRestBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("Uptime: ");
        }
    }

    /** A text-protocol query in the EOF framing; the rows as strings. */
    private static List<List<String>> query(RawClient client, String sql) throws IOException {
        client.command(new ComQuery(sql));
        Payload first = client.read();
        if (first.peekInt1() == 0xFF) {
            throw new AssertionError(sql + " answered with an error: " + ErrPacket.decode(first).message());
        }
        int count = (int) ColumnCount.decode(first).count();
        for (int i = 0; i < count; i++) {
            ColumnDefinition41.decode(client.read());
        }
        EofPacket.decode(client.read());
        List<List<String>> rows = new ArrayList<>();
        Payload packet;
        while (!EofPacket.matches(packet = client.read())) {
            rows.add(new ArrayList<>(TextResultsetRow.decode(packet, count)));
        }
        return rows;
    }
}
