package io.shardgate.engine.replica;

import java.util.HashMap;
import java.util.Map;

/**
 * The GTID position of a session's last committed write in each group: what a follower must have
 * applied before it may answer that session under {@code consistency: session}. Not thread-safe
 * (one session, one statement at a time).
 */
public final class SessionPositions {

    private final Map<String, String> lastWriteByGroup = new HashMap<>();

    public String lastWrite(String group) {
        return lastWriteByGroup.get(group);
    }

    public void wrote(Map<String, String> positionsByGroup) {
        positionsByGroup.forEach((group, position) -> {
            if (position != null && !position.isBlank()) {
                lastWriteByGroup.put(group, position);
            }
        });
    }

    public void clear() {
        lastWriteByGroup.clear();
    }
}
