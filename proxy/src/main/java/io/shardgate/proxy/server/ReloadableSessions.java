package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.proxy.frontend.ClientLogin;
import io.shardgate.proxy.frontend.SessionFactory;
import io.shardgate.proxy.frontend.UserAccount;
import io.shardgate.proxy.ops.AdminCommands;
import io.shardgate.rules.config.RuleSet;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The proxy's sessions over rules that can be reloaded: accounts, greeting and new sessions come
 * from the current {@link EngineGeneration}; {@link #swap} makes new rules current atomically.
 * Each client session ({@link GenerationSession}) stays on the generation it runs on until it is
 * between statements and outside a transaction, then moves to the current one.
 */
public final class ReloadableSessions implements SessionFactory {

    private final Function<List<RuleSet>, Engine> engines;
    private final long maxPacketSize;
    private final AtomicReference<EngineGeneration> current = new AtomicReference<>();
    /** Generations not closed yet (the current one and retired ones still in use), to close them all at shutdown. */
    private final Set<EngineGeneration> live = ConcurrentHashMap.newKeySet();
    private volatile AdminCommands admin;
    private int generations;

    /**
     * @param engines       builds the engine of a set of rules (observers attached); throws
     *                      IllegalArgumentException when the rules cannot be served together
     * @param maxPacketSize the largest packet clients may send
     */
    public ReloadableSessions(List<RuleSet> rules, Function<List<RuleSet>, Engine> engines, long maxPacketSize) {
        this.engines = engines;
        this.maxPacketSize = maxPacketSize;
        swap(rules);
    }

    /** Makes {@code rules} current; returns the new generation's number. The old one closes once unused. */
    public synchronized int swap(List<RuleSet> rules) {
        Engine engine = engines.apply(rules);
        EngineGeneration[] self = new EngineGeneration[1];
        EngineGeneration next = new EngineGeneration(++generations, rules, engine,
                new EngineSessions(engine, rules, maxPacketSize), () -> live.remove(self[0]));
        self[0] = next;
        live.add(next);
        EngineGeneration previous = current.getAndSet(next);
        if (previous != null) {
            previous.release();
        }
        return next.number();
    }

    /** The engine of the current rules. */
    public Engine engine() {
        return current.get().engine();
    }

    /** The current generation's number (1 at start, +1 per successful reload). */
    public int generation() {
        return current.get().number();
    }

    /** The rules in service now. */
    public List<RuleSet> rules() {
        return current.get().rules();
    }

    void admin(AdminCommands commands) {
        this.admin = commands;
    }

    AdminCommands admin() {
        return admin;
    }

    EngineGeneration current() {
        return current.get();
    }

    /** A reference to the current generation (retried if a reload retires it meanwhile). */
    EngineGeneration acquire() {
        while (true) {
            EngineGeneration generation = current.get();
            if (generation.acquire()) {
                return generation;
            }
        }
    }

    @Override
    public Optional<UserAccount> user(String name) {
        return current.get().sessions().user(name);
    }

    @Override
    public EngineSession open(ClientLogin login) {
        EngineGeneration generation = acquire();
        try {
            return new GenerationSession(this, generation, generation.sessions().open(login), login);
        } catch (RuntimeException e) {
            generation.release();
            throw e;
        }
    }

    @Override
    public String serverVersion() {
        return current.get().sessions().serverVersion();
    }

    /**
     * Closes every engine still open, the current one and retired ones whose sessions have not all
     * ended (their sessions are expected to be closed or abandoned: this is the end of the server).
     */
    public void close() {
        for (EngineGeneration generation : List.copyOf(live)) {
            generation.engine().close();
            live.remove(generation);
        }
    }

    /** Generations whose engine is still open (1 when no retired rules are still in use). */
    public int openGenerations() {
        return live.size();
    }
}
