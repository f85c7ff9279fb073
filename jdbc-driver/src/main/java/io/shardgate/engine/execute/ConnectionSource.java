package io.shardgate.engine.execute;

import io.shardgate.rules.route.RouteUnit;

/** Where the units of a statement get their connections: the pools, or an open transaction. */
public interface ConnectionSource {

    /** A connection ready for {@code unit} (session variables applied); may block on the pool. */
    Lease lease(RouteUnit unit);

    /**
     * A key that is equal for units that will share one connection (the group inside a
     * transaction), unique per unit otherwise. Units with the same lane run in sequence.
     */
    Object lane(RouteUnit unit, int index);
}
