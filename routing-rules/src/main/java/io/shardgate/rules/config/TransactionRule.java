package io.shardgate.rules.config;

/**
 * {@code transactions:} settings of cross-shard transactions under
 * {@code policies.cross-shard-transaction: xa}.
 *
 * @param xaLogDir the directory of the XA decision log and of this instance's node id, as written
 *                 (a relative path is relative to the working directory of the process), or null
 *                 for the default {@code shardgate-xa/<database>}
 */
public record TransactionRule(String xaLogDir) {

    public static final TransactionRule DEFAULT = new TransactionRule(null);

    /** The directory to use for {@code database}: the configured one, else {@code shardgate-xa/<database>}. */
    public String xaLogDir(String database) {
        return xaLogDir != null ? xaLogDir : "shardgate-xa/" + database;
    }
}
