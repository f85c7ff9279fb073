package io.shardgate.proxy.frontend;

import io.shardgate.engine.DirectRoute;
import io.shardgate.proxy.protocol.ComStmtExecute.ParameterType;

import java.util.List;

/** A prepared statement's execution that the direct lane runs: the route, and the backend's parameters. */
record DirectRequest(DirectRoute route, List<Object> values, List<ParameterType> types) {
}
