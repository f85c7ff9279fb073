package io.shardgate.engine.transaction.xa;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The identifier of one XA branch: the global transaction id, shared by every group of a
 * transaction, and the branch qualifier, the group's name. Shardgate's global ids read
 * {@code sg-<node>-<epoch>-<sequence>}: the node id (see {@link NodeId}) says which Shardgate
 * instance owns the branch, so that recovery never touches another instance's branches; the epoch
 * (the engine's start, base 36 milliseconds) tells a branch left over from an earlier run of this
 * instance from a live one.
 */
public record Xid(String gtrid, String bqual) {

    /** The XA format id of every Shardgate branch ("SG"); branches of other formats are never ours. */
    public static final int FORMAT_ID = 0x5347;

    /** XA limits gtrid and bqual to 64 bytes each. */
    static final int MAX_PART_BYTES = 64;

    /** The xid as XA statements take it: {@code 'gtrid',X'bqual-hex',formatID} (hex: group names need no quoting). */
    public String sql() {
        return "'" + gtrid + "',X'" + HexFormat.of().formatHex(bqual.getBytes(StandardCharsets.UTF_8)) + "',"
                + FORMAT_ID;
    }

    /** The branch qualifier of {@code group} (its name; a hash when the name is longer than XA allows). */
    static String bqualOf(String group) {
        byte[] bytes = group.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_PART_BYTES ? group : "#" + Integer.toHexString(group.hashCode());
    }

    /** The xid of one row of {@code XA RECOVER}: data holds gtrid then bqual. */
    static Xid fromRecover(int gtridLength, byte[] data) {
        String gtrid = new String(data, 0, gtridLength, StandardCharsets.UTF_8);
        String bqual = new String(data, gtridLength, data.length - gtridLength, StandardCharsets.UTF_8);
        return new Xid(gtrid, bqual);
    }

    @Override
    public String toString() {
        return gtrid + "/" + bqual;
    }
}
