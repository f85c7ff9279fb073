package io.shardgate.sql;

import io.shardgate.sql.DdlStatement.DdlKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DdlAnalysisTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    private DdlStatement ddl(String sql) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s).as("analysis of %s: %s", sql, s).isInstanceOf(DdlStatement.class);
        return (DdlStatement) s;
    }

    @Test
    void createTableWithMySqlOptions() {
        String sql = "CREATE TABLE IF NOT EXISTS `Orders` (id BIGINT AUTO_INCREMENT PRIMARY KEY, KEY k (user_id)) "
                + "ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COMMENT='x'";
        DdlStatement s = ddl(sql);
        assertThat(s.ddlKind()).isEqualTo(DdlKind.CREATE_TABLE);
        assertThat(s.ifNotExists()).isTrue();
        assertThat(s.tableNames()).containsExactly("orders");
        assertThat(sql.substring(s.tables().get(0).start(), s.tables().get(0).end())).isEqualTo("`Orders`");
    }

    @Test
    void createTableLikeAndReferences() {
        assertThat(ddl("CREATE TABLE t2 LIKE t1").tableNames()).containsExactly("t2", "t1");
        assertThat(ddl("CREATE TABLE t2 (LIKE t1)").tableNames()).containsExactly("t2", "t1");
        assertThat(ddl("CREATE TABLE c (id INT, FOREIGN KEY (id) REFERENCES p(id) ON DELETE CASCADE)").tableNames())
                .containsExactly("c", "p");
    }

    @Test
    void kindsOfDdl() {
        assertThat(ddl("ALTER TABLE orders ADD COLUMN x INT").ddlKind()).isEqualTo(DdlKind.ALTER_TABLE);
        DdlStatement drop = ddl("DROP TABLE IF EXISTS a, b");
        assertThat(drop.ddlKind()).isEqualTo(DdlKind.DROP_TABLE);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.tableNames()).containsExactly("a", "b");
        assertThat(ddl("TRUNCATE TABLE a").ddlKind()).isEqualTo(DdlKind.TRUNCATE_TABLE);
        DdlStatement rename = ddl("RENAME TABLE a TO b, c TO d");
        assertThat(rename.ddlKind()).isEqualTo(DdlKind.RENAME_TABLE);
        assertThat(rename.tableNames()).containsExactly("a", "b", "c", "d");
        DdlStatement index = ddl("CREATE INDEX i ON orders (user_id)");
        assertThat(index.ddlKind()).isEqualTo(DdlKind.CREATE_INDEX);
        assertThat(index.tableNames()).containsExactly("orders");
        DdlStatement dropIndex = ddl("DROP INDEX i ON orders");
        assertThat(dropIndex.ddlKind()).isEqualTo(DdlKind.DROP_INDEX);
        assertThat(dropIndex.tableNames()).containsExactly("orders");
    }

    @Test
    void databases() {
        DdlStatement create = ddl("CREATE SCHEMA IF NOT EXISTS `shop`");
        assertThat(create.ddlKind()).isEqualTo(DdlKind.CREATE_DATABASE);
        assertThat(create.databaseName()).isEqualTo("shop");
        assertThat(create.tables()).isEmpty();
        DdlStatement drop = ddl("DROP DATABASE shop");
        assertThat(drop.ddlKind()).isEqualTo(DdlKind.DROP_DATABASE);
        assertThat(drop.databaseName()).isEqualTo("shop");
        assertThat(ddl("DROP TABLE t").databaseName()).isNull();
    }

    @Test
    void viewsAndTriggersNameTheirTables() {
        DdlStatement view = ddl("CREATE ALGORITHM = MERGE DEFINER = 'app'@'%' SQL SECURITY DEFINER VIEW v AS "
                + "SELECT * FROM orders o JOIN users u ON o.uid = u.id");
        assertThat(view.ddlKind()).isEqualTo(DdlKind.OTHER);
        assertThat(view.tableNames()).containsExactly("v", "orders", "users");
        assertThat(ddl("CREATE TRIGGER tr AFTER UPDATE ON orders FOR EACH ROW SET @x = 1").tableNames())
                .containsExactly("orders");
    }

    @Test
    void accountStatementsAreNotDdl() {
        assertThat(analyzer.analyze("CREATE USER 'a'@'%'")).isInstanceOf(OtherStatement.class);
        assertThat(analyzer.analyze("DROP USER 'a'@'%'")).isInstanceOf(OtherStatement.class);
        assertThat(analyzer.analyze("RENAME USER a TO b")).isInstanceOf(OtherStatement.class);
    }

    @Test
    void ddlWithoutNameIsUnparsed() {
        SqlStatement s = analyzer.analyze("DROP TABLE");
        assertThat(s).isInstanceOfSatisfying(OtherStatement.class, o -> {
            assertThat(o.kind()).isEqualTo(StatementKind.DDL);
            assertThat(o.parsed()).isFalse();
        });
    }
}
