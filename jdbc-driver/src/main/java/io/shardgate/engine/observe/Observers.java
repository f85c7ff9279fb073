package io.shardgate.engine.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The observers of one engine, called in the order they were added. A failing observer is logged
 * and skipped: metrics must never cost a client its statement.
 */
public final class Observers implements EngineObserver {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<EngineObserver> observers = new CopyOnWriteArrayList<>();

    public void add(EngineObserver observer) {
        observers.add(observer);
    }

    public void remove(EngineObserver observer) {
        observers.remove(observer);
    }

    @Override
    public void statementExecuted(StatementEvent event) {
        for (EngineObserver observer : observers) {
            try {
                observer.statementExecuted(event);
            } catch (RuntimeException e) {
                LOG.warn("engine observer {} failed on a statement event", observer, e);
            }
        }
    }

    @Override
    public void followerLag(FollowerLag lag) {
        for (EngineObserver observer : observers) {
            try {
                observer.followerLag(lag);
            } catch (RuntimeException e) {
                LOG.warn("engine observer {} failed on a follower lag", observer, e);
            }
        }
    }

    @Override
    public void crossShardDeadlock(String database, List<String> groups) {
        for (EngineObserver observer : observers) {
            try {
                observer.crossShardDeadlock(database, groups);
            } catch (RuntimeException e) {
                LOG.warn("engine observer {} failed on a deadlock", observer, e);
            }
        }
    }
}
