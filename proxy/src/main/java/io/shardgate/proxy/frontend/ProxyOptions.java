package io.shardgate.proxy.frontend;

import java.time.Duration;

/**
 * Tunables of the MySQL front end; {@link #defaults()} suits production.
 *
 * @param maxPacketSize       largest logical packet a client may send (max_allowed_packet)
 * @param writeTimeout        how long a result may wait for a client that does not read (net_write_timeout);
 *                            then the connection is closed
 * @param writeBufferLowWaterMark  bytes queued for a client below which writing resumes
 * @param writeBufferHighWaterMark bytes queued above which the worker stops reading rows from the engine
 * @param greetingPlugin      the auth plugin named in the greeting (clients start with it)
 * @param alwaysFullAuth      caching_sha2_password: skip fast auth and always ask for the password
 *                            (over TLS, or RSA-encrypted), as MySQL does on a cold cache
 * @param deprecateEof        advertise CLIENT_DEPRECATE_EOF (off only to test the EOF framing)
 * @param ioThreads           Netty event-loop threads (protocol work, and the direct lane's statements)
 * @param directLane          run prepared statements that one backend answers verbatim on the event loop
 *                            over the proxy's own backend connections ({@link DirectLane}); off: all via JDBC
 */
public record ProxyOptions(long maxPacketSize, Duration writeTimeout, int writeBufferLowWaterMark,
                           int writeBufferHighWaterMark, AuthPlugin greetingPlugin, boolean alwaysFullAuth,
                           boolean deprecateEof, int ioThreads, boolean directLane) {

    /** Production settings; {@code -Dshardgate.directLane=false} turns the direct lane off (to compare, or to rule it out);
     * {@code -Dshardgate.ioThreads=N} sets the event-loop threads (default: one per core). */
    public static ProxyOptions defaults() {
        return new ProxyOptions(64L << 20, Duration.ofSeconds(60), 256 << 10, 1 << 20,
                AuthPlugin.CACHING_SHA2_PASSWORD, false, true,
                Integer.getInteger("shardgate.ioThreads", Math.max(1, Runtime.getRuntime().availableProcessors())),
                !"false".equalsIgnoreCase(System.getProperty("shardgate.directLane")));
    }

    public ProxyOptions withMaxPacketSize(long bytes) {
        return new ProxyOptions(bytes, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark, greetingPlugin,
                alwaysFullAuth, deprecateEof, ioThreads, directLane);
    }

    public ProxyOptions withWriteTimeout(Duration timeout) {
        return new ProxyOptions(maxPacketSize, timeout, writeBufferLowWaterMark, writeBufferHighWaterMark, greetingPlugin,
                alwaysFullAuth, deprecateEof, ioThreads, directLane);
    }

    public ProxyOptions withWriteBufferWaterMarks(int low, int high) {
        return new ProxyOptions(maxPacketSize, writeTimeout, low, high, greetingPlugin, alwaysFullAuth, deprecateEof,
                ioThreads, directLane);
    }

    public ProxyOptions withGreetingPlugin(AuthPlugin plugin) {
        return new ProxyOptions(maxPacketSize, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark, plugin,
                alwaysFullAuth, deprecateEof, ioThreads, directLane);
    }

    public ProxyOptions withAlwaysFullAuth(boolean always) {
        return new ProxyOptions(maxPacketSize, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                greetingPlugin, always, deprecateEof, ioThreads, directLane);
    }

    public ProxyOptions withDeprecateEof(boolean advertise) {
        return new ProxyOptions(maxPacketSize, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                greetingPlugin, alwaysFullAuth, advertise, ioThreads, directLane);
    }

    public ProxyOptions withIoThreads(int threads) {
        return new ProxyOptions(maxPacketSize, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                greetingPlugin, alwaysFullAuth, deprecateEof, threads, directLane);
    }

    public ProxyOptions withDirectLane(boolean enabled) {
        return new ProxyOptions(maxPacketSize, writeTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                greetingPlugin, alwaysFullAuth, deprecateEof, ioThreads, enabled);
    }
}
