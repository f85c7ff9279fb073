package io.shardgate.proxy.backend;

import io.shardgate.engine.EngineWarning;
import io.shardgate.proxy.protocol.ComQuery;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.TextResultsetRow;
import io.shardgate.proxy.protocol.WirePacket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code SHOW WARNINGS} on a backend link, right after a statement that raised some, so that the
 * client's own SHOW WARNINGS can list them. The reply is a text result of three columns (Level,
 * Code, Message) in the link's EOF framing; {@code done} gets the warnings (none when the server
 * refused), with the link ready again.
 */
public final class WarningsReply implements BackendLink.Exchange {

    public static final WirePacket COMMAND = new ComQuery("SHOW WARNINGS");

    private enum Stage { FIRST, DEFINITIONS, ROWS, DONE }

    private final Consumer<List<EngineWarning>> done;
    private final Consumer<BackendLinkException> lost;
    private final List<EngineWarning> warnings = new ArrayList<>();
    private Stage stage = Stage.FIRST;
    private long columns;

    public WarningsReply(Consumer<List<EngineWarning>> done, Consumer<BackendLinkException> lost) {
        this.done = done;
        this.lost = lost;
    }

    @Override
    public boolean onPacket(Packet packet) {
        try {
            Payload payload = packet.payload();
            int header = payload.peekInt1();
            switch (stage) {
                case FIRST -> {
                    if (header == 0xFF || header == 0x00) {
                        stage = Stage.DONE; // refused, or no result: nothing to list
                        return true;
                    }
                    columns = payload.readLenencInt();
                    stage = Stage.DEFINITIONS;
                }
                case DEFINITIONS -> {
                    if (EofPacket.matches(payload)) {
                        stage = Stage.ROWS;
                    }
                }
                case ROWS -> {
                    if (EofPacket.matches(payload) || header == 0xFF) {
                        stage = Stage.DONE;
                        return true;
                    }
                    List<String> row = TextResultsetRow.decode(payload, (int) columns);
                    if (row.size() >= 3 && row.get(1) != null) {
                        warnings.add(new EngineWarning(row.get(0), Integer.parseInt(row.get(1)), row.get(2)));
                    }
                }
                case DONE -> throw new IllegalStateException("a packet after the end of SHOW WARNINGS");
            }
            return false;
        } finally {
            packet.release();
        }
    }

    @Override
    public void onComplete() {
        done.accept(List.copyOf(warnings));
    }

    @Override
    public void onFailure(BackendLinkException cause) {
        lost.accept(cause);
    }
}
