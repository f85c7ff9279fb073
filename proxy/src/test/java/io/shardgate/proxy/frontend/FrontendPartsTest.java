package io.shardgate.proxy.frontend;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ColumnFlags;
import io.shardgate.proxy.protocol.ColumnType;
import io.shardgate.proxy.protocol.ErrPacket;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The small pieces of the front end: statement splitting, KILL, column mapping, error mapping. */
class FrontendPartsTest {

    @Test
    void splitsOnlyOnSemicolonsThatEndStatements() {
        assertThat(StatementSplitter.split("SELECT 1; SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(StatementSplitter.split("INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`); SELECT ';'"))
                .containsExactly("INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`)", "SELECT ';'");
        assertThat(StatementSplitter.split("SELECT 'it''s;' ; SELECT 'a\\';b'"))
                .containsExactly("SELECT 'it''s;'", "SELECT 'a\\';b'");
        assertThat(StatementSplitter.split("SELECT 1 -- a;b\n; SELECT 2 # c;d\n; /* e;f */ SELECT 3"))
                .containsExactly("SELECT 1 -- a;b", "SELECT 2 # c;d", "/* e;f */ SELECT 3");
        assertThat(StatementSplitter.split("SELECT 5--1; SELECT 2")).containsExactly("SELECT 5--1", "SELECT 2");
        assertThat(StatementSplitter.split(" ; ;")).isEmpty();
        assertThat(StatementSplitter.split("SELECT 'unterminated; SELECT 2")).containsExactly("SELECT 'unterminated; SELECT 2");
    }

    @Test
    void recognizesKillInItsThreeForms() {
        assertThat(KillCommand.parse("KILL 42")).contains(new KillCommand(false, 42));
        assertThat(KillCommand.parse(" kill connection 7 ;")).contains(new KillCommand(false, 7));
        assertThat(KillCommand.parse("KILL QUERY 9")).contains(new KillCommand(true, 9));
        assertThat(KillCommand.parse("KILL QUERY x")).isEmpty();
        assertThat(KillCommand.parse("SELECT 'KILL 1'")).isEqualTo(Optional.empty());
    }

    @Test
    void mapsColumnMetadataToMysqlDefinitions() {
        ColumnDefinition41 id = ColumnDefinitions.from(new ColumnMeta("shop", "o", "orders", "id", "order_id", Types.BIGINT,
                "BIGINT UNSIGNED", 20, 0, false, true, true, true, false));
        assertThat(id.type()).isEqualTo(ColumnType.LONGLONG);
        assertThat(id.flags()).isEqualTo(ColumnFlags.NOT_NULL | ColumnFlags.PRI_KEY | ColumnFlags.UNSIGNED
                | ColumnFlags.AUTO_INCREMENT | ColumnFlags.BINARY);
        assertThat(id.characterSet()).isEqualTo(63);
        assertThat(id.table()).isEqualTo("o");
        assertThat(id.orgTable()).isEqualTo("orders");
        assertThat(id.name()).isEqualTo("id");
        assertThat(id.orgName()).isEqualTo("order_id");

        ColumnDefinition41 name = ColumnDefinitions.from(meta(Types.VARCHAR, "VARCHAR", 50, 0, false));
        assertThat(name.type()).isEqualTo(ColumnType.VAR_STRING);
        assertThat(name.characterSet()).isEqualTo(45);
        assertThat(name.columnLength()).as("bytes of 50 utf8mb4 characters").isEqualTo(200);
        assertThat(name.flags() & ColumnFlags.BINARY).isZero();

        assertThat(ColumnDefinitions.from(meta(Types.VARBINARY, "VARBINARY", 16, 0, true)).characterSet()).isEqualTo(63);
        assertThat(ColumnDefinitions.from(meta(Types.LONGVARCHAR, "MEDIUMTEXT", 0, 0, false)).columnLength()).isEqualTo(16_777_215);
        assertThat(ColumnDefinitions.from(meta(Types.LONGVARBINARY, "TINYBLOB", 0, 0, true)).columnLength()).isEqualTo(255);
        assertThat(ColumnDefinitions.from(meta(Types.INTEGER, "MEDIUMINT", 9, 0, false)).type()).isEqualTo(ColumnType.INT24);
        assertThat(ColumnDefinitions.from(meta(Types.DATE, "YEAR", 4, 0, false)).type()).isEqualTo(ColumnType.YEAR);
        assertThat(ColumnDefinitions.from(meta(Types.LONGVARCHAR, "JSON", 0, 0, false)).type()).isEqualTo(ColumnType.JSON);
        assertThat(ColumnDefinitions.from(meta(Types.CHAR, "ENUM", 5, 0, false)).flags() & ColumnFlags.ENUM).isNotZero();
        assertThat(ColumnDefinitions.from(meta(Types.DOUBLE, "DOUBLE", 22, 0, false)).decimals()).isEqualTo(31);
        // H2 type names, by JDBC type where the name is not MySQL's
        assertThat(ColumnDefinitions.from(meta(Types.VARCHAR, "CHARACTER VARYING", 20, 0, false)).type()).isEqualTo(ColumnType.VAR_STRING);
        assertThat(ColumnDefinitions.from(meta(Types.REAL, "REAL", 7, 0, false)).type()).isEqualTo(ColumnType.FLOAT);
        assertThat(ColumnDefinitions.from(meta(Types.BOOLEAN, "BOOLEAN", 1, 0, false)).type()).isEqualTo(ColumnType.TINY);
        assertThat(ColumnDefinitions.from(meta(Types.OTHER, "GEOGRAPHY", 0, 0, false)).type()).isEqualTo(ColumnType.VAR_STRING);
    }

    @Test
    void mapsExceptionsToErrPackets() {
        assertThat(ErrPackets.from(new ShardgateException(ErrorCode.UNKNOWN_TABLE, "shop.x")))
                .isEqualTo(new ErrPacket(1146, "42S02", "Table 'shop.x' doesn't exist"));
        ShardgateException backend = new ShardgateException(ErrorCode.BACKEND_ERROR,
                new SQLException("Deadlock found", "40001", 1213), "Deadlock found (group g1)");
        assertThat(ErrPackets.from(backend)).isEqualTo(new ErrPacket(1213, "40001", "Deadlock found (group g1)"));
        assertThat(ErrPackets.from(new RuntimeException(new SQLException("Lock wait timeout", "HY000", 1205))))
                .isEqualTo(new ErrPacket(1205, "HY000", "Lock wait timeout"));
        assertThat(ErrPackets.from(new RuntimeException(new SQLException("odd driver", "S1000", 70000))))
                .as("a number the packet's two bytes cannot carry").isEqualTo(new ErrPacket(1105, "S1000", "odd driver (error 70000)"));
        assertThat(ErrPackets.from(new NullPointerException())).isEqualTo(new ErrPacket(1105, "HY000", "java.lang.NullPointerException"));
    }

    private static ColumnMeta meta(int jdbcType, String typeName, long length, int decimals, boolean binary) {
        return new ColumnMeta("", "", "", "c", "c", jdbcType, typeName, length, decimals, true, false, false, false, binary);
    }
}
