package io.shardgate.engine.backend;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackendDialectTest {

    @Test
    void dialectFollowsTheUrl() {
        assertThat(BackendDialect.of("jdbc:mysql://db:3306/shop")).isEqualTo(BackendDialect.MYSQL);
        assertThat(BackendDialect.of("JDBC:MariaDB://db/shop")).isEqualTo(BackendDialect.MARIADB);
        assertThat(BackendDialect.of("jdbc:h2:mem:x")).isEqualTo(BackendDialect.H2);
        assertThat(BackendDialect.of("jdbc:postgresql://x/y")).isEqualTo(BackendDialect.OTHER);
    }

    @Test
    void mysqlDriversStreamRowByRowSoScatterReadsNeverHoldWholeResults() throws Exception {
        assertThat(fetchSizeSetBy(BackendDialect.MYSQL)).containsExactly(Integer.MIN_VALUE);
        assertThat(fetchSizeSetBy(BackendDialect.MARIADB)).containsExactly(Integer.MIN_VALUE);
        assertThat(fetchSizeSetBy(BackendDialect.H2)).doesNotContain(Integer.MIN_VALUE);
        assertThat(BackendDialect.MYSQL.drainsOnClose()).isTrue();
        assertThat(BackendDialect.H2.understandsMysqlVariables()).isFalse();
    }

    @Test
    void literalsForReplayedVariablesAreQuotedForTheServer() {
        assertThat(SqlLiteral.of("it's \\ here", BackendDialect.MYSQL)).isEqualTo("'it''s \\\\ here'");
        assertThat(SqlLiteral.of("it's \\ here", BackendDialect.H2)).isEqualTo("'it''s \\ here'");
        assertThat(SqlLiteral.of(null, BackendDialect.MYSQL)).isEqualTo("NULL");
        assertThat(SqlLiteral.of(new java.math.BigDecimal("1E+3"), BackendDialect.MYSQL)).isEqualTo("1000");
        assertThat(SqlLiteral.of(new byte[] {1, (byte) 0xab}, BackendDialect.MYSQL)).isEqualTo("X'01ab'");
        assertThat(SqlLiteral.of(true, BackendDialect.MYSQL)).isEqualTo("1");
    }

    private static List<Integer> fetchSizeSetBy(BackendDialect dialect) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        Statement statement = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setFetchSize")) {
                        sizes.add((Integer) args[0]);
                    }
                    return null;
                });
        dialect.streamResults(statement);
        return sizes;
    }
}
