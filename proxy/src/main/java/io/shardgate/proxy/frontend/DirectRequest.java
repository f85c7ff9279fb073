package io.shardgate.proxy.frontend;

import io.shardgate.engine.DirectRoute;
import io.shardgate.proxy.protocol.ComStmtExecute.ParameterType;

import java.util.List;

/**
 * A statement the direct lane runs: the route and the backend's parameters of a prepared
 * statement's execution ({@code text} null), or a text statement as the backend gets it
 * ({@code text}, its values inlined again; {@code types} null).
 */
record DirectRequest(DirectRoute route, List<Object> values, List<ParameterType> types, String text) {

    static DirectRequest prepared(DirectRoute route, List<Object> values, List<ParameterType> types) {
        return new DirectRequest(route, values, types, null);
    }

    boolean isText() {
        return text != null;
    }
}
