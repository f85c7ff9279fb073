package io.shardgate.proxy.frontend;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The live client connections of one server by their ids (for KILL, statistics and shutdown). */
final class ConnectionRegistry {

    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, FrontendConnection> connections = new ConcurrentHashMap<>();

    long newId() {
        return nextId.getAndIncrement();
    }

    void add(FrontendConnection connection) {
        connections.put(connection.id(), connection);
    }

    void remove(FrontendConnection connection) {
        connections.remove(connection.id(), connection);
    }

    Optional<FrontendConnection> find(long id) {
        return Optional.ofNullable(connections.get(id));
    }

    int size() {
        return connections.size();
    }

    Collection<FrontendConnection> all() {
        return connections.values();
    }
}
