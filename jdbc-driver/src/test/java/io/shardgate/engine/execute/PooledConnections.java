package io.shardgate.engine.execute;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.rules.route.RouteUnit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The simplest connection source, for executor tests: each unit borrows its own pooled connection
 * (so units run in parallel and stream), with the session's variables applied, and gives it back as
 * soon as its rows are read or its count is known. (The engine uses ReadWriteConnections, which adds
 * the follower choice.)
 */
public final class PooledConnections implements ConnectionSource {

    private final Backends backends;
    private final SessionVariables variables;
    private final boolean oneAtATimePerGroup;

    public PooledConnections(Backends backends, SessionVariables variables) {
        this(backends, variables, false);
    }

    /**
     * @param oneAtATimePerGroup run a group's units one after another (DDL: statements on tables of
     *                           one server contend for its data dictionary locks, so running them
     *                           in parallel gains nothing and risks lock timeouts)
     */
    public PooledConnections(Backends backends, SessionVariables variables, boolean oneAtATimePerGroup) {
        this.backends = backends;
        this.variables = variables;
        this.oneAtATimePerGroup = oneAtATimePerGroup;
    }

    @Override
    public Lease lease(RouteUnit unit) {
        BackendServer server = backends.serverFor(unit);
        Connection connection = backends.connect(server, variables);
        return new Lease() {
            private boolean released;

            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public BackendServer server() {
                return server;
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public void release() {
                if (released) {
                    return;
                }
                released = true;
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the pool discards a connection it cannot take back
                }
            }
        };
    }

    @Override
    public Object lane(RouteUnit unit, int index) {
        return oneAtATimePerGroup ? unit.group() : index;
    }
}
