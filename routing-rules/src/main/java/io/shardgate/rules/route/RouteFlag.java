package io.shardgate.rules.route;

/**
 * Something the user should know about a statement's route; becomes a MySQL warning
 * (code {@link Kind#warningCode()}), an EXPLAIN ROUTE line, a metric and a log line.
 */
public record RouteFlag(Kind kind, String message) {

    public enum Kind {
        SCATTER_READ(8001),
        SCATTER_WRITE(8002),
        CROSS_SHARD_JOIN(8003),
        CROSS_SHARD_TRANSACTION(8004),
        BROADCAST_WRITE(8005),
        HINT_OVERRIDE(8006);

        private final int warningCode;

        Kind(int warningCode) {
            this.warningCode = warningCode;
        }

        public int warningCode() {
            return warningCode;
        }
    }
}
