package io.shardgate.engine.execute;

import io.shardgate.rules.route.RouteUnit;

import java.util.List;

/** What a write unit did: rows affected and the keys the backend generated (auto-increment), in order. */
public record UnitCount(RouteUnit unit, long affectedRows, List<Long> generatedKeys) {
}
