package io.shardgate.proxy.compat;

import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.backend.BackendServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the compatibility layer of one server shares between its sessions: the engine, the
 * server's facts (read once from the default group's leader when it speaks MySQL, else built in),
 * the proxy's own settings that clients see as variables, and the counters behind SHOW STATUS.
 * Thread-safe.
 */
public final class CompatContext {

    private static final Logger LOG = LoggerFactory.getLogger(CompatContext.class);

    private final Engine engine;
    private final Supplier<String> serverVersion;
    private final long maxAllowedPacket;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong questions = new AtomicLong();
    private final AtomicLong directQuestions = new AtomicLong();
    private volatile ServerFacts facts;

    /**
     * @param serverVersion    the version the proxy greets with (the backends')
     * @param maxAllowedPacket the largest packet the proxy accepts from a client
     */
    public CompatContext(Engine engine, Supplier<String> serverVersion, long maxAllowedPacket) {
        this.engine = engine;
        this.serverVersion = serverVersion;
        this.maxAllowedPacket = maxAllowedPacket;
    }

    Engine engine() {
        return engine;
    }

    /**
     * The server's facts: the default group leader's (first logical database) when it speaks MySQL,
     * read on first use and kept; built in for H2, or while that leader cannot be reached.
     */
    ServerFacts facts() {
        ServerFacts known = facts;
        if (known != null) {
            return known;
        }
        LogicalDatabase db = engine.database(engine.databases().get(0));
        BackendServer leader = db.backends().leader(db.rules().defaultGroup());
        if (!leader.dialect().understandsMysqlVariables()) {
            facts = ServerFacts.builtIn();
            return facts;
        }
        synchronized (this) {
            if (facts == null) {
                try (Connection connection = db.backends().connect(leader)) {
                    facts = ServerFacts.read(connection);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("reading the server variables of {} failed ({}); answering with built-in values until it "
                            + "can be read", leader.describe(), e.getMessage());
                    return ServerFacts.builtIn();
                }
            }
            return facts;
        }
    }

    /** Variables whose values are the proxy's, whatever the backend says. */
    Map<String, String> serverOverrides() {
        ServerFacts current = facts();
        Map<String, String> overrides = new LinkedHashMap<>();
        String version = serverVersion.get();
        overrides.put("version", version);
        String comment = current.global("version_comment");
        overrides.put("version_comment", comment == null || comment.isEmpty() || comment.equals("Shardgate")
                ? "Shardgate" : "Shardgate over " + comment);
        overrides.put("max_allowed_packet", Long.toString(maxAllowedPacket));
        return overrides;
    }

    String serverVersion() {
        return serverVersion.get();
    }

    /** True when the backend of {@code table} (its first shard's group leader) answers SHOW COLUMNS the MySQL way. */
    static boolean speaksMysql(LogicalDatabase db, String table) {
        String group = db.catalog().firstNode(table).group();
        return db.backends().leader(group).dialect().understandsMysqlVariables();
    }

    void opened() {
        openSessions.incrementAndGet();
        connections.incrementAndGet();
    }

    void closed() {
        openSessions.decrementAndGet();
    }

    void question() {
        questions.incrementAndGet();
    }

    /** A statement handed to the direct lane (it may still fall back to the engine). */
    void directQuestion() {
        questions.incrementAndGet();
        directQuestions.incrementAndGet();
    }

    /** SHOW STATUS: the counters the proxy keeps. */
    LocalTable status() {
        long uptime = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000_000L);
        return LocalTable.ofText(java.util.List.of("Variable_name", "Value"), java.util.List.of(
                new Object[] {"Connections", Long.toString(connections.get())},
                new Object[] {"Questions", Long.toString(questions.get())},
                new Object[] {"Shardgate_direct_lane_statements", Long.toString(directQuestions.get())},
                new Object[] {"Threads_connected", Integer.toString(openSessions.get())},
                new Object[] {"Threads_running", "1"},
                new Object[] {"Uptime", Long.toString(uptime)},
                new Object[] {"Uptime_since_flush_status", Long.toString(uptime)}));
    }
}
