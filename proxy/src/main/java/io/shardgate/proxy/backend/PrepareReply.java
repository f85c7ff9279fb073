package io.shardgate.proxy.backend;

import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.WirePacket;

import java.util.function.Consumer;

/**
 * The reply to COM_STMT_PREPARE on a backend link: the statement id and shape, then the parameter
 * and column definitions (each list ended by EOF), which are skipped: the execution's reply sends
 * the columns again. Calls {@code prepared} (with the link ready again) or {@code failed} with the
 * server's error.
 */
public final class PrepareReply implements BackendLink.Exchange {

    private final Consumer<BackendLink.Prepared> prepared;
    private final Consumer<ErrPacket> failed;
    private final Consumer<BackendLinkException> lost;
    private BackendLink.Prepared result;
    private ErrPacket error;
    private int remaining = -1;

    public PrepareReply(Consumer<BackendLink.Prepared> prepared, Consumer<ErrPacket> failed,
                        Consumer<BackendLinkException> lost) {
        this.prepared = prepared;
        this.failed = failed;
        this.lost = lost;
    }

    /** The command itself. */
    public static WirePacket command(String sql) {
        return out -> {
            out.writeInt1(0x16);
            out.writeRestString(sql);
        };
    }

    @Override
    public boolean onPacket(Packet packet) {
        try {
            if (remaining >= 0) {
                return --remaining == 0;
            }
            Payload payload = packet.payload();
            int header = payload.readInt1();
            if (header == 0xFF) {
                payload.buffer().readerIndex(payload.buffer().readerIndex() - 1);
                error = ErrPacket.decode(payload);
                return true;
            }
            long statementId = payload.readInt4();
            int columns = payload.readInt2();
            int parameters = payload.readInt2();
            result = new BackendLink.Prepared(statementId, parameters);
            remaining = (parameters > 0 ? parameters + 1 : 0) + (columns > 0 ? columns + 1 : 0);
            return remaining == 0;
        } finally {
            packet.release();
        }
    }

    @Override
    public void onComplete() {
        if (error != null) {
            failed.accept(error);
        } else {
            prepared.accept(result);
        }
    }

    @Override
    public void onFailure(BackendLinkException cause) {
        lost.accept(cause);
    }
}
