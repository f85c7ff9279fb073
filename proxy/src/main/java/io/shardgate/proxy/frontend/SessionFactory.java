package io.shardgate.proxy.frontend;

import io.shardgate.engine.EngineSession;

import java.util.Optional;

/**
 * What the proxy needs from the engine to accept a client: its accounts, a session per connection
 * and the version string to greet with. Implemented over the real engine by the server's wiring
 * (and by a fake in protocol tests). Called from worker threads, never from the event loop.
 */
public interface SessionFactory {

    /** The account with this name, or empty if there is none (the client then gets ERR 1045). */
    Optional<UserAccount> user(String name);

    /**
     * Opens an engine session for an authenticated client, with {@code login.database()} as the
     * current database (null for none). Throws a ShardgateException with UNKNOWN_DATABASE (ERR 1049)
     * or DB_ACCESS_DENIED (ERR 1044) to refuse it.
     */
    EngineSession open(ClientLogin login);

    /**
     * The server version clients see in the greeting: the backends' version (clients pick SQL by it),
     * e.g. {@code 8.0.36} or {@code 11.4.5-MariaDB}.
     */
    String serverVersion();
}
