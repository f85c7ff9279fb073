package io.shardgate.engine.testing;

import io.shardgate.engine.StatementRouter;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.rules.route.RouteUnit;
import io.shardgate.sql.DdlStatement;
import io.shardgate.sql.InsertStatement;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SetStatement;
import io.shardgate.sql.ShowStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.SqlValue;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.TableRef;
import io.shardgate.sql.TransactionStatement;
import io.shardgate.sql.UpdateStatement;
import io.shardgate.sql.UseStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for the analyzer and the router in engine tests: SQL text maps to a hand-built
 * statement and a hand-built plan, so the engine is tested on exactly the plans it is given.
 */
public final class Scripted {

    private final Map<String, SqlStatement> statements = new HashMap<>();
    private final Map<String, Function<RouteContext, RoutePlan>> plans = new HashMap<>();
    public final List<RouteContext> contexts = new ArrayList<>();

    public Function<String, SqlStatement> analyzer() {
        return sql -> {
            SqlStatement statement = statements.get(sql);
            if (statement == null) {
                throw new IllegalArgumentException("no scripted statement for: " + sql);
            }
            return statement;
        };
    }

    public StatementRouter router() {
        return (statement, parameters, context) -> {
            contexts.add(context);
            Function<RouteContext, RoutePlan> plan = plans.get(statement.sql());
            if (plan == null) {
                throw new IllegalArgumentException("no scripted plan for: " + statement.sql());
            }
            return plan.apply(context);
        };
    }

    public Scripted on(SqlStatement statement, RoutePlan plan) {
        return on(statement, context -> plan);
    }

    public Scripted on(SqlStatement statement, Function<RouteContext, RoutePlan> plan) {
        statements.put(statement.sql(), statement);
        plans.put(statement.sql(), plan);
        return this;
    }

    /** A statement that needs no plan (SET, USE, BEGIN …). */
    public Scripted on(SqlStatement statement) {
        statements.put(statement.sql(), statement);
        return this;
    }

    // ---- statements ---------------------------------------------------------------------------

    public static TableRef table(String name) {
        return new TableRef(name, null, null, 0, 0, false);
    }

    public static TableRef table(String schema, String name) {
        return new TableRef(name, schema, null, 0, 0, false);
    }

    public static SelectStatement select(String sql, TableRef... tables) {
        return new SelectStatement(sql, List.of(tables), (int) sql.chars().filter(c -> c == '?').count(), Map.of(),
                null, List.of(), List.of(), false, List.of(), List.of(), null, false, SelectStatement.LockMode.NONE,
                false, false, null);
    }

    public static SelectStatement selectItems(String sql, List<String> items) {
        List<SelectStatement.SelectItem> list = new ArrayList<>();
        for (String item : items) {
            list.add(new SelectStatement.SelectItem(item, null, SelectStatement.Aggregate.NONE, false, false, -1, -1));
        }
        return new SelectStatement(sql, List.of(), 0, Map.of(), null, list, List.of(), false, List.of(), List.of(),
                null, false, SelectStatement.LockMode.NONE, false, false, null);
    }

    public static InsertStatement insert(String sql, String table, List<String> columns) {
        return new InsertStatement(sql, StatementKind.INSERT, List.of(table(table)),
                (int) sql.chars().filter(c -> c == '?').count(), Map.of(), table, columns, List.of(), false, List.of(),
                null);
    }

    public static UpdateStatement update(String sql, String table) {
        return new UpdateStatement(sql, List.of(table(table)), (int) sql.chars().filter(c -> c == '?').count(),
                Map.of(), List.of(), null, false, null);
    }

    public static DdlStatement ddl(String sql, DdlStatement.DdlKind kind, String table) {
        return new DdlStatement(sql, kind, List.of(table(table)), 0, Map.of(), false, false, null);
    }

    public static TransactionStatement tx(String sql, StatementKind kind, String savepoint, boolean release) {
        return new TransactionStatement(sql, kind, savepoint, release, false, Map.of(), null);
    }

    public static TransactionStatement tx(String sql, StatementKind kind) {
        return tx(sql, kind, null, false);
    }

    public static SetStatement set(String sql, SetStatement.Scope scope, String name, String valueText, Object literal) {
        SqlValue value = literal == null ? null : new SqlValue.Literal(literal);
        return new SetStatement(sql, List.of(), 0, Map.of(),
                List.of(new SetStatement.SetAssignment(scope, name, valueText, value, null)), null);
    }

    public static UseStatement use(String sql, String database) {
        return new UseStatement(sql, database, Map.of(), null);
    }

    public static ShowStatement show(String sql, String what, String like, TableRef... tables) {
        return new ShowStatement(sql, what, List.of(tables), like, null, Map.of(), null);
    }

    // ---- plans --------------------------------------------------------------------------------

    public static RouteUnit unit(String group, String sql, int... parameterIndexes) {
        return new RouteUnit(group, RouteUnit.Role.READ, sql, parameterIndexes, List.of());
    }

    public static RouteUnit leaderUnit(String group, String sql, int... parameterIndexes) {
        return new RouteUnit(group, RouteUnit.Role.LEADER, sql, parameterIndexes, List.of());
    }

    public static RoutePlan plan(SqlStatement statement, MergeSpec merge, RouteUnit... units) {
        return plan(statement, merge, List.of(), List.of(), units);
    }

    public static RoutePlan plan(SqlStatement statement, MergeSpec merge, List<RouteFlag> flags, List<Long> keys,
                                 RouteUnit... units) {
        RoutePlan.Variant variant = units.length == 1 ? RoutePlan.Variant.SINGLE : RoutePlan.Variant.SCATTER;
        return new RoutePlan(statement.sql(), statement.kind(), variant, List.of(units), merge, flags, keys);
    }
}
