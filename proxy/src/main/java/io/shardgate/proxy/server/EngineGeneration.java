package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.rules.config.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded set of rule files: its engine and the proxy sessions over it. Reference-counted: the
 * server holds one reference while the generation is current, and every client session one while
 * it runs on it. A reload retires the old generation, and its engine (pools included) closes when
 * its last session has moved on, so statements and transactions in flight finish on the rules
 * they started with.
 */
final class EngineGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(EngineGeneration.class);

    private final int number;
    private final List<RuleSet> rules;
    private final Engine engine;
    private final EngineSessions sessions;
    /** Holders: 1 for being current, plus one per session; 0 means closed for good. */
    private final AtomicInteger holders = new AtomicInteger(1);
    private final Runnable onClosed;

    /** @param onClosed called once the engine is closed (the owner forgets the generation) */
    EngineGeneration(int number, List<RuleSet> rules, Engine engine, EngineSessions sessions, Runnable onClosed) {
        this.onClosed = onClosed;
        this.number = number;
        this.rules = List.copyOf(rules);
        this.engine = engine;
        this.sessions = sessions;
    }

    int number() {
        return number;
    }

    List<RuleSet> rules() {
        return rules;
    }

    Engine engine() {
        return engine;
    }

    EngineSessions sessions() {
        return sessions;
    }

    /** Takes a reference; false when the generation is already closed (take the current one instead). */
    boolean acquire() {
        while (true) {
            int now = holders.get();
            if (now == 0) {
                return false;
            }
            if (holders.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the engine. */
    void release() {
        if (holders.decrementAndGet() == 0) {
            LOG.info("rules generation {} closed: its last session moved to newer rules", number);
            engine.close();
            onClosed.run();
        }
    }

    /** Sessions (and the server) still on this generation. */
    int holders() {
        return holders.get();
    }
}
