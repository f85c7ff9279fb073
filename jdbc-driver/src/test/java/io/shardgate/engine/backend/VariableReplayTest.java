package io.shardgate.engine.backend;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a MySQL backend connection is sent when sessions with different settings borrow it in turn. */
class VariableReplayTest {

    private final List<String> sent = new ArrayList<>();
    private final int[] isolation = {Connection.TRANSACTION_REPEATABLE_READ};
    private final Connection connection = recordingConnection();

    @Test
    void sendsOnlyDifferencesInOneSetAndPutsOtherSessionsSettingsBack() throws Exception {
        VariableReplay replay = new VariableReplay();
        SessionVariables first = new SessionVariables();
        first.setSystem("sql_mode", "'ANSI_QUOTES'");
        first.setSystem("time_zone", "'+00:00'");
        first.setUser("x", "5");
        replay.apply(connection, BackendDialect.MYSQL, first);
        assertThat(sent).containsExactly("SET @@SESSION.sql_mode = 'ANSI_QUOTES', @@SESSION.time_zone = '+00:00', @x = 5");

        sent.clear();
        replay.apply(connection, BackendDialect.MYSQL, first);
        assertThat(sent).as("same settings: no round trip").isEmpty();

        SessionVariables second = new SessionVariables();
        second.setSystem("time_zone", "'+00:00'");
        second.setIsolation(Connection.TRANSACTION_READ_COMMITTED);
        replay.apply(connection, BackendDialect.MYSQL, second);
        assertThat(sent).containsExactly("SET @@SESSION.sql_mode = DEFAULT, @x = NULL");
        assertThat(isolation[0]).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);

        sent.clear();
        replay.forget(connection);
        replay.apply(connection, BackendDialect.MYSQL, second);
        assertThat(sent).as("unknown state: everything is sent again").containsExactly("SET @@SESSION.time_zone = '+00:00'");
    }

    private Connection recordingConnection() {
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "execute" -> {
                        sent.add((String) args[0]);
                        yield false;
                    }
                    default -> null;
                });
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "isWrapperFor" -> false;
                    case "getTransactionIsolation" -> isolation[0];
                    case "setTransactionIsolation" -> {
                        isolation[0] = (Integer) args[0];
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
