package io.shardgate.engine;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.metadata.PhysicalNames;
import io.shardgate.rules.config.GroupRule;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement that one backend answers alone, exactly as the client should see it: one route unit,
 * nothing to merge, no flag to report, no transaction or session variable to carry. A front end
 * that speaks the backend's protocol may then send {@link #sql()} itself and relay the reply,
 * renaming only what {@link #logicalTable} and {@link #database()} say (the proxy's direct lane).
 *
 * @param server           where the statement runs (chosen as the engine would choose it)
 * @param sql              the statement rewritten for that server (physical table names)
 * @param parameterIndexes for each marker in {@code sql}, the index of the client's parameter
 * @param database         the logical database, the schema clients must see in column definitions
 * @param pool             the group's pool settings (connections a front end may open to the server)
 */
public record DirectRoute(BackendServer server, String sql, int[] parameterIndexes, String database,
                          PhysicalNames names, GroupRule.Pool pool) {

    /** The logical name of a table as the backend reported it (itself when it is not a shard). */
    public String logicalTable(String physical) {
        return names.logical(server.group(), physical);
    }

    /** The client's parameters in the order of {@link #sql()}'s markers. */
    public List<Object> parameters(List<Object> clientParameters) {
        List<Object> values = new ArrayList<>(parameterIndexes.length);
        for (int index : parameterIndexes) {
            values.add(clientParameters.get(index));
        }
        return values;
    }
}
