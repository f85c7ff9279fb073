package io.shardgate.proxy.backend;

import io.shardgate.rules.config.DataSourceRule;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which backend URLs the direct lane may use, and what it reads from them. */
class BackendEndpointTest {

    private static Optional<BackendEndpoint> of(String url) {
        return BackendEndpoint.of(new DataSourceRule(url, "app", "pw", 1));
    }

    @Test
    void plainMysqlAndMariadbUrlsQualify() {
        assertThat(of("jdbc:mysql://10.0.0.1:3307/shop_0?useSSL=false&allowPublicKeyRetrieval=true"))
                .contains(new BackendEndpoint("10.0.0.1", 3307, "shop_0", "app", "pw", true));
        assertThat(of("jdbc:mariadb://db.internal/shop_1")).contains(
                new BackendEndpoint("db.internal", 3306, "shop_1", "app", "pw", false));
        assertThat(of("jdbc:mysql://[::1]:3310/s?sslMode=DISABLED&characterEncoding=UTF-8"))
                .contains(new BackendEndpoint("::1", 3310, "s", "app", "pw", true));
    }

    @Test
    void urlsWithOptionsOnlyJdbcHonoursStayOnTheEngine() {
        assertThat(of("jdbc:mysql://h:3306/shop?sessionVariables=sql_mode='ANSI'")).isEmpty();
        assertThat(of("jdbc:mysql://h:3306/shop?characterEncoding=latin1")).isEmpty();
        assertThat(of("jdbc:mysql://h:3306/shop?connectionTimeZone=Europe/Paris")).isEmpty();
        assertThat(of("jdbc:mysql://h1:3306,h2:3306/shop")).isEmpty();
        assertThat(of("jdbc:mysql:replication://h1,h2/shop")).isEmpty();
        assertThat(of("jdbc:mysql://h:3306/")).isEmpty();
        assertThat(of("jdbc:h2:mem:shop")).isEmpty();
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(of("jdbc:mysql://h:3306/shop").orElseThrow().toString()).isEqualTo("app@h:3306/shop")
                .doesNotContain("pw");
    }
}
