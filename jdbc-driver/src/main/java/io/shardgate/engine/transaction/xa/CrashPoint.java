package io.shardgate.engine.transaction.xa;

/**
 * Named points of the two-phase commit where a fault test kills the process, to prove that
 * recovery leaves every shard consistent. Inert unless the system property {@value #PROPERTY}
 * names the point; then the JVM halts there at once (no shutdown hooks, no finally blocks), as a
 * crash or a {@code kill -9} would.
 */
final class CrashPoint {

    static final String PROPERTY = "shardgate.test.crash-point";

    /** Every branch prepared, no commit decision logged yet. */
    static final String AFTER_PREPARE = "xa-after-prepare";
    /** The commit decision is on disk, no branch committed yet. */
    static final String AFTER_DECISION = "xa-after-decision";
    /** The first branch committed, the others still prepared. */
    static final String AFTER_FIRST_COMMIT = "xa-after-first-commit";

    private CrashPoint() {
    }

    static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            System.err.println("shardgate: halting at crash point " + point);
            System.err.flush();
            Runtime.getRuntime().halt(77);
        }
    }
}
