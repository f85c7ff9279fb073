package io.shardgate.proxy.frontend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.shardgate.proxy.frontend.RunningProxy.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading holds the engine back: the worker stops pulling rows once the
 * channel is above its high water mark, the event loop stays free for other clients, and a client
 * that reads nothing for the write timeout loses its connection (and its backend resources).
 */
class BackPressureTest {

    private static final long ROWS = 200_000;
    private static RunningProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy(TlsConfig.none(), ProxyOptions.defaults().withIoThreads(1)
                .withWriteBufferWaterMarks(32 << 10, 64 << 10).withWriteTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
    }

    @Test
    void aSlowClientHoldsBackTheEngineAndOthersAreServed() throws SQLException {
        proxy.engine.bigRows = ROWS;
        proxy.engine.bigRowsProduced.set(0);
        try (Connection slow = DriverManager.getConnection(proxy.mysqlUrl(""), "app", "secret");
             Statement stream = slow.createStatement()) {
            stream.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = stream.executeQuery("SELECT * FROM big")) {
                for (int i = 1; i <= 10; i++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(i);
                }
                long plateau = awaitPlateau(proxy.engine.bigRowsProduced);
                assertThat(plateau).as("rows pulled from the engine while the client does not read")
                        .isLessThan(ROWS / 2);

                // the event loop (a single one here) still serves another client
                try (Connection other = DriverManager.getConnection(proxy.mysqlUrl(""), "app", "secret");
                     ResultSet one = other.createStatement().executeQuery("SELECT 1")) {
                    assertThat(one.next()).isTrue();
                }
                assertThat(proxy.engine.bigRowsProduced.get()).isLessThan(ROWS / 2);

                long count = 10;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(++count);
                }
                assertThat(count).isEqualTo(ROWS);
            }
        }
        assertThat(proxy.engine.bigRowsProduced.get()).isEqualTo(ROWS);
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedAfterTheWriteTimeout() throws SQLException {
        proxy.engine.bigRows = ROWS;
        try (Connection stuck = DriverManager.getConnection(proxy.mysqlUrl(""), "app", "secret");
             Statement stream = stuck.createStatement()) {
            FakeEngine.FakeSession session = proxy.engine.sessions.get(proxy.engine.sessions.size() - 1);
            stream.setFetchSize(Integer.MIN_VALUE);
            ResultSet rs = stream.executeQuery("SELECT * FROM big");
            assertThat(rs.next()).isTrue();
            await("the proxy gives up on the client and releases its session", () -> session.closed);
        }
    }

    /** Waits until the counter stops moving for half a second; returns where it stopped. */
    private static long awaitPlateau(AtomicLong counter) {
        long[] last = {-1};
        int[] stable = {0};
        await("rows stop being pulled", () -> {
            long now = counter.get();
            stable[0] = now == last[0] ? stable[0] + 1 : 0;
            last[0] = now;
            return stable[0] >= 25;
        });
        return last[0];
    }
}
