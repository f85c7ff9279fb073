package io.shardgate.sql;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text a federated join hands to the planner: markers inlined as literals, MySQL-only syntax adapted. */
class FederationTextTest {

    @Test
    void markersBecomeLiteralsWithQuotesEscaped() {
        String text = FederationText.of("SELECT u.id FROM users u JOIN ledger l ON l.id = u.id "
                + "WHERE u.name = ? AND l.delta > ? AND l.day = ? AND u.tier IS ?",
                Arrays.asList("O'Brien", new BigDecimal("1.50"), Date.valueOf("2024-02-29"), null));
        assertThat(text).contains("'O''Brien'").contains("1.50").contains("DATE '2024-02-29'").contains("IS NULL")
                .doesNotContain("?");
    }

    @Test
    void mysqlOnlyClausesAreAdapted() {
        String text = FederationText.of("SELECT SQL_NO_CACHE a.x FROM `t` a JOIN u b ON a.x = b.x LIMIT 2, 3", List.of());
        assertThat(text).doesNotContain("SQL_NO_CACHE").contains("LIMIT 2 , 3");
    }

    @Test
    void operatorsWidenedForRoutingAreRefused() {
        assertThatThrownBy(() -> FederationText.of("SELECT a.x FROM t a JOIN u b ON a.x = b.x WHERE a.f XOR b.f",
                List.of()))
                .isInstanceOfSatisfying(ShardgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).contains("XOR").contains("federated");
                });
        assertThatThrownBy(() -> FederationText.of("SELECT a.x DIV 2 FROM t a JOIN u b ON a.x = b.x", List.of()))
                .hasMessageContaining("DIV");
    }

    @Test
    void anUnboundMarkerIsAnError() {
        assertThatThrownBy(() -> FederationText.of("SELECT a.x FROM t a WHERE a.x = ? AND a.y = ?", List.of(1)))
                .isInstanceOfSatisfying(ShardgateException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_ARGUMENTS));
    }
}
