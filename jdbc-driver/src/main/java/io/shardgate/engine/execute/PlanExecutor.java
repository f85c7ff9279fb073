package io.shardgate.engine.execute;

import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.RouteUnit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the units of a route plan against their backends. One unit runs on the calling thread;
 * several run in parallel on the engine's bounded executor, one task per connection "lane" (units
 * that share a transaction's connection run in sequence in one lane). Query units return open
 * {@link ResultSetCursor}s (streaming from the backend when the unit has its own connection);
 * write units return counts. Thread-safe; holds no per-statement state.
 */
public final class PlanExecutor {

    private final ExecutorService executor;

    public PlanExecutor(ExecutorService executor) {
        this.executor = executor;
    }

    /** How the statement behaves: rows expected (stream them), keys to ask for (INSERT/REPLACE). */
    public record Shape(boolean expectRows, boolean returnKeys) {
        public static final Shape QUERY = new Shape(true, false);
        public static final Shape WRITE = new Shape(false, false);
        public static final Shape INSERT = new Shape(false, true);
    }

    /**
     * Runs every unit. When a query unit fails, the others' cursors are closed and the first error
     * is thrown. When write units fail, all units still run to the end, and the error names each
     * failed group and the groups where the write was applied (it is not undone there).
     */
    public Executed execute(List<RouteUnit> units, List<Object> parameters, ConnectionSource source, Shape shape,
                            RunningStatements running) {
        BackendErrors errors = new BackendErrors(running, units.size() > 1);
        Object[] outcomes = new Object[units.size()];
        Map<Object, List<Integer>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            lanes.computeIfAbsent(source.lane(units.get(i), i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> laneList = new ArrayList<>(lanes.values());
        if (laneList.size() == 1) {
            runLane(laneList.get(0), units, parameters, source, shape, running, errors, outcomes);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Integer> lane : laneList.subList(1, laneList.size())) {
                Runnable task = () -> runLane(lane, units, parameters, source, shape, running, errors, outcomes);
                try {
                    futures.add(executor.submit(task));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    task.run(); // the engine is shutting down: finish this statement on the caller's thread
                }
            }
            runLane(laneList.get(0), units, parameters, source, shape, running, errors, outcomes);
            boolean interrupted = false;
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        running.cancelAll();
                    } catch (ExecutionException e) {
                        break; // runLane records failures in outcomes; nothing escapes but Errors
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return collect(units, outcomes, shape);
    }

    private Executed collect(List<RouteUnit> units, Object[] outcomes, Shape shape) {
        List<ResultSetCursor> cursors = new ArrayList<>();
        List<UnitCount> counts = new ArrayList<>();
        List<EngineWarning> warnings = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Object outcome = outcomes[i];
            if (outcome instanceof UnitOutcome ok) {
                warnings.addAll(ok.warnings());
                if (ok.cursor() != null) {
                    cursors.add(ok.cursor());
                } else {
                    counts.add(ok.count());
                }
            } else {
                failed.add(i);
            }
        }
        if (failed.isEmpty()) {
            if (!cursors.isEmpty() && !counts.isEmpty()) {
                cursors.forEach(ResultSetCursor::close);
                throw new ShardgateException(ErrorCode.INTERNAL,
                        "units of one statement disagree: some returned rows, some counts");
            }
            return new Executed(cursors, counts, warnings);
        }
        cursors.forEach(ResultSetCursor::close);
        RuntimeException first = failure(outcomes[failed.get(0)]);
        if (counts.isEmpty() || shape.expectRows()) {
            throw first;
        }
        // a write that landed on some groups and not on others: say exactly where
        List<String> failedGroups = failed.stream().map(i -> units.get(i).group()).distinct().toList();
        List<String> appliedGroups = counts.stream().map(c -> c.unit().group()).distinct()
                .filter(g -> !failedGroups.contains(g)).toList();
        String message = first.getMessage() + "; the write failed on group(s) " + String.join(", ", failedGroups)
                + " but was applied on group(s) " + String.join(", ", appliedGroups)
                + " (not undone there: fix the cause and re-run it on the failed group(s), or run it inside a "
                + "transaction)";
        if (first instanceof io.shardgate.engine.BackendException backend) {
            throw new io.shardgate.engine.BackendException(backend.group(), message,
                    (SQLException) backend.getCause());
        }
        throw new ShardgateException(((ShardgateException) first).code(), first, message);
    }

    private static RuntimeException failure(Object outcome) {
        if (outcome instanceof RuntimeException e) {
            return e;
        }
        if (outcome instanceof Error e) {
            throw e;
        }
        return new ShardgateException(ErrorCode.INTERNAL, "a unit did not run");
    }

    private void runLane(List<Integer> lane, List<RouteUnit> units, List<Object> parameters, ConnectionSource source,
                         Shape shape, RunningStatements running, BackendErrors errors, Object[] outcomes) {
        boolean sharedLane = lane.size() > 1;
        for (int index : lane) {
            try {
                outcomes[index] = runUnit(units.get(index), parameters, source, shape, running, errors, sharedLane);
            } catch (RuntimeException | Error e) {
                outcomes[index] = e;
            }
        }
    }

    private record UnitOutcome(ResultSetCursor cursor, UnitCount count, List<EngineWarning> warnings) {
    }

    private UnitOutcome runUnit(RouteUnit unit, List<Object> parameters, ConnectionSource source, Shape shape,
                                RunningStatements running, BackendErrors errors, boolean sharedLane) {
        if (running.cancelled()) {
            throw new ShardgateException(ErrorCode.QUERY_INTERRUPTED);
        }
        Lease lease = source.lease(unit);
        BackendServer server = lease.server();
        Statement statement = null;
        boolean handedOver = false;
        try {
            Connection connection = lease.connection();
            boolean streaming = shape.expectRows() && !sharedLane && !lease.shared();
            int keys = shape.returnKeys() ? Statement.RETURN_GENERATED_KEYS : Statement.NO_GENERATED_KEYS;
            boolean hasRows;
            if (unit.parameterIndexes().length == 0) {
                statement = connection.createStatement();
                if (streaming) {
                    server.dialect().streamResults(statement);
                }
                running.add(statement);
                hasRows = statement.execute(unit.sql(), keys);
            } else {
                PreparedStatement prepared = connection.prepareStatement(unit.sql(), keys);
                statement = prepared;
                int[] indexes = unit.parameterIndexes();
                for (int i = 0; i < indexes.length; i++) {
                    prepared.setObject(i + 1, parameter(parameters, indexes[i], unit));
                }
                if (streaming) {
                    server.dialect().streamResults(prepared);
                }
                running.add(prepared);
                hasRows = prepared.execute();
            }
            if (running.cancelled()) {
                throw new ShardgateException(ErrorCode.QUERY_INTERRUPTED);
            }
            // Connector/J fetches warnings with SHOW WARNINGS, which a connection busy streaming
            // rows cannot run: a streaming unit reports none
            List<EngineWarning> warnings = hasRows && streaming ? List.of() : warnings(statement);
            if (hasRows) {
                ResultSetCursor cursor = new ResultSetCursor(unit, lease, statement, statement.getResultSet(),
                        streaming, running, errors);
                handedOver = true;
                return new UnitOutcome(cursor, null, warnings);
            }
            long affected = Math.max(0, statement.getLargeUpdateCount());
            List<Long> generated = shape.returnKeys() ? generatedKeys(statement) : List.of();
            return new UnitOutcome(null, new UnitCount(unit, affected, generated), warnings);
        } catch (SQLException e) {
            throw errors.translate(e, server);
        } finally {
            if (!handedOver) {
                if (statement != null) {
                    running.remove(statement);
                    try {
                        statement.close();
                    } catch (SQLException ignored) {
                        // the statement's outcome is already decided
                    }
                }
                lease.release();
            }
        }
    }

    private static Object parameter(List<Object> parameters, int index, RouteUnit unit) {
        if (index < 0 || index >= parameters.size()) {
            throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS,
                    "statement on group " + unit.group() + ": parameter " + (index + 1) + " of "
                            + parameters.size() + " was not bound");
        }
        return parameters.get(index);
    }

    private static List<Long> generatedKeys(Statement statement) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (ResultSet rs = statement.getGeneratedKeys()) {
            while (rs != null && rs.next()) {
                Object key = rs.getObject(1);
                if (key instanceof Number number) {
                    keys.add(number.longValue());
                }
            }
        }
        return keys;
    }

    static List<EngineWarning> warnings(Statement statement) {
        SQLWarning warning;
        try {
            warning = statement.getWarnings();
        } catch (SQLException e) {
            return List.of(); // warnings are advice: never fail a statement that worked over them
        }
        List<EngineWarning> list = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            list.add(new EngineWarning("Warning", w.getErrorCode(), w.getMessage()));
        }
        return list;
    }
}
