package io.shardgate.rules.route;

import java.util.Arrays;
import java.util.List;

/**
 * One physical statement: the group that runs it, the role of the server it needs, the rewritten
 * SQL, and which of the statement's parameters feed its {@code ?} markers, in order.
 * {@code nodes} are the physical tables it touches (for printing and metrics).
 */
public record RouteUnit(String group, Role role, String sql, int[] parameterIndexes, List<String> nodes) {

    public enum Role {
        /** must run on the group's leader (writes, locking reads, hints) */
        LEADER,
        /** a plain read: the engine picks leader or follower by the consistency level */
        READ
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteUnit u && group.equals(u.group) && role == u.role && sql.equals(u.sql)
                && Arrays.equals(parameterIndexes, u.parameterIndexes) && nodes.equals(u.nodes);
    }

    @Override
    public int hashCode() {
        return (group.hashCode() * 31 + sql.hashCode()) * 31 + Arrays.hashCode(parameterIndexes);
    }

    @Override
    public String toString() {
        return "RouteUnit[" + group + ", " + role + ", " + sql + ", " + Arrays.toString(parameterIndexes) + "]";
    }
}
