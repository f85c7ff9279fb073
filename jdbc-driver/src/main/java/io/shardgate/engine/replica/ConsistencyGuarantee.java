package io.shardgate.engine.replica;

import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.WriteRule;

import java.util.Locale;

/**
 * What a pair of {@code reads.consistency} and {@code writes.ack} guarantees in a group of N
 * copies, in the R + W > N terms of DESIGN §4: W copies have a write when it is acknowledged, a
 * read consults R copies (1 for a follower read, N for strong, which checks the leader's
 * position), and only R + W > N makes every read see every acknowledged write.
 */
public final class ConsistencyGuarantee {

    private ConsistencyGuarantee() {
    }

    public static int writeCopies(WriteRule.Ack ack, int copies) {
        return switch (ack) {
            case LEADER -> 1;
            case QUORUM -> copies / 2 + 1;
            case ALL -> copies;
        };
    }

    public static int readCopies(ReadRule.Consistency consistency, int copies) {
        return consistency == ReadRule.Consistency.STRONG ? copies : 1;
    }

    public static boolean strong(ReadRule.Consistency consistency, WriteRule.Ack ack, int copies) {
        return readCopies(consistency, copies) + writeCopies(ack, copies) > copies;
    }

    /** One sentence for SHOW SHARDGATE RULES. */
    public static String describe(ReadRule.Consistency consistency, WriteRule.Ack ack, int copies) {
        int w = writeCopies(ack, copies);
        int r = readCopies(consistency, copies);
        String level = consistency.name().toLowerCase(Locale.ROOT);
        String pair = "N=" + copies + " (leader" + (copies > 1 ? " + " + (copies - 1) + " follower(s)" : " only")
                + "), W=" + w + " (writes.ack=" + ack.name().toLowerCase(Locale.ROOT) + "), R=" + r
                + " (reads.consistency=" + level + "): R+W=" + (r + w);
        if (r + w > copies) {
            return pair + " > N: strong, every read sees every write acknowledged before it started";
        }
        String rest = switch (consistency) {
            case SESSION -> "; a session still reads its own writes";
            case BOUNDED -> "; reads are at most reads.max-lag behind";
            default -> "";
        };
        return pair + " <= N: not strong, a read may miss a write another session had acknowledged" + rest;
    }
}
