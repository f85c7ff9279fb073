package io.shardgate.proxy.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlDigestTest {

    @Test
    void replacesEveryLiteralAndDropsComments() {
        assertThat(SqlDigest.of("SELECT * FROM users WHERE email = 'a@b.c' AND id IN (1, 2.5, -3) AND flags = 0x1F"))
                .isEqualTo("SELECT * FROM users WHERE email = ? AND id IN (?, ?, -?) AND flags = ?");
        assertThat(SqlDigest.of("UPDATE t /* card 4111111111111111 */ SET pin = \"1234\" WHERE b = b'101' -- x 99\n"))
                .isEqualTo("UPDATE t SET pin = ? WHERE b = ?");
        assertThat(SqlDigest.of("INSERT INTO t (a,b) VALUES (?, 'x')")).isEqualTo("INSERT INTO t (a,b) VALUES (?, ?)");
        assertThat(SqlDigest.of("SELECT  COUNT(*)\n  FROM\tt")).isEqualTo("SELECT COUNT(*) FROM t");
    }

    @Test
    void cutsLongStatements() {
        String digest = SqlDigest.of("SELECT " + "a, ".repeat(500) + "b FROM t");
        assertThat(digest).hasSizeLessThanOrEqualTo(SqlDigest.MAX_LENGTH + 3).endsWith("...");
    }
}
