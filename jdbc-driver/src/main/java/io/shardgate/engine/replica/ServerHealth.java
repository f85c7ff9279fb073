package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;

/**
 * What the last health check saw on one server. {@code lagMillis} is -1 when unknown (the server
 * is no follower, or is unreachable); {@code position} is what it has applied (a follower) or
 * written (a leader).
 */
public record ServerHealth(BackendServer server, boolean reachable, boolean readOnly, Replication replication,
                           long lagMillis, String position, String problem, long checkedAtNanos) {

    /** The state of the server's own replication from a leader. */
    public enum Replication {
        /** not configured as a replica */
        NONE,
        /** receiving and applying */
        RUNNING,
        /** receiving (or reconnecting to its leader) but not applying: it falls behind, still consistent */
        PAUSED,
        /** both threads stopped by someone: not a follower any more (a promotion, or maintenance) */
        STOPPED,
        /** an error stopped it */
        BROKEN
    }

    private static final String NOT_CHECKED = "not checked yet";

    static ServerHealth unknown(BackendServer server) {
        return new ServerHealth(server, false, true, Replication.NONE, -1, "", NOT_CHECKED, System.nanoTime());
    }

    /** Whether a health check has looked at the server yet. */
    public boolean checked() {
        return !NOT_CHECKED.equals(problem);
    }

    /** Whether reads may go here as a follower: up, and still replicating (applying or paused). */
    public boolean servesReads() {
        return reachable && (replication == Replication.RUNNING || replication == Replication.PAUSED);
    }

    /** Whether the server can act as its group's leader: up, writable, and replicating from nobody. */
    public boolean canLead() {
        return reachable && !readOnly && (replication == Replication.NONE || replication == Replication.STOPPED);
    }

    /** "healthy", "lagging", "down" … as SHOW SHARDGATE GROUPS prints it. */
    public String state(boolean leader) {
        if (!checked()) {
            return "unknown";
        }
        if (!reachable) {
            return "down";
        }
        if (leader) {
            return canLead() ? "healthy" : "not writable";
        }
        return switch (replication) {
            case RUNNING -> "healthy";
            case PAUSED -> "paused";
            case STOPPED -> "replication stopped";
            case BROKEN -> "replication broken";
            case NONE -> "not replicating";
        };
    }
}
