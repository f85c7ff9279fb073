package io.shardgate.rules.route;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardKey;
import io.shardgate.rules.algorithm.ShardingAlgorithm;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;
import io.shardgate.sql.AdminStatement;
import io.shardgate.sql.DdlStatement;
import io.shardgate.sql.DeleteStatement;
import io.shardgate.sql.InsertStatement;
import io.shardgate.sql.KillStatement;
import io.shardgate.sql.OtherStatement;
import io.shardgate.sql.Predicate;
import io.shardgate.sql.RewriteSpec;
import io.shardgate.sql.RewrittenSql;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SetStatement;
import io.shardgate.sql.ShowStatement;
import io.shardgate.sql.SqlRewriter;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.SqlValue;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.TableRef;
import io.shardgate.sql.TransactionStatement;
import io.shardgate.sql.UpdateStatement;
import io.shardgate.sql.UseStatement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an analyzed statement, its parameters and the session's state into a {@link RoutePlan}
 * for one logical database. Immutable and thread-safe; build one per rule set.
 */
public final class Router {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final RuleSet rules;
    private final Map<String, ShardingAlgorithm> algorithms = new HashMap<>();
    private final SqlRewriter rewriter = new SqlRewriter();
    private final MergePlanner mergePlanner = new MergePlanner();

    public Router(RuleSet rules, ShardingAlgorithms registry) {
        this.rules = rules;
        for (TableRule table : rules.tables().values()) {
            if (table instanceof TableRule.Sharded sharded) {
                algorithms.put(sharded.name(), registry.create(sharded.algorithm(), sharded.nodes().size()));
            }
        }
    }

    public RuleSet rules() {
        return rules;
    }

    public RoutePlan route(SqlStatement statement, List<?> parameters, RouteContext context) {
        if (parameters.size() < statement.parameterCount()) {
            throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "statement: it has "
                    + statement.parameterCount() + " '?' markers but " + parameters.size() + " values were bound");
        }
        if (statement instanceof SelectStatement select) {
            return routeSelect(select, parameters, context);
        }
        if (statement instanceof InsertStatement insert) {
            return routeInsert(insert, parameters, context);
        }
        if (statement instanceof UpdateStatement update) {
            checkShardKeyNotAssigned(update);
            return routeWrite(update, update.where(), update.limited(), parameters, context);
        }
        if (statement instanceof DeleteStatement delete) {
            return routeWrite(delete, delete.where(), delete.limited(), parameters, context);
        }
        if (statement instanceof DdlStatement ddl) {
            return routeDdl(ddl);
        }
        if (statement instanceof ShowStatement show) {
            return routeShow(show);
        }
        if (statement instanceof OtherStatement other) {
            return routeOther(other, parameters, context);
        }
        if (statement instanceof SetStatement || statement instanceof UseStatement
                || statement instanceof TransactionStatement || statement instanceof AdminStatement
                || statement instanceof KillStatement) {
            return local(statement);
        }
        throw new IllegalStateException("unrouted statement kind " + statement.kind());
    }

    // ---- SELECT ---------------------------------------------------------------------------------

    private RoutePlan routeSelect(SelectStatement select, List<?> parameters, RouteContext context) {
        Placement placement = place(select, select.where(), parameters);
        boolean leader = context.inTransaction() || select.lock() != SelectStatement.LockMode.NONE
                || select.hints().containsKey("leader");
        RouteUnit.Role role = leader ? RouteUnit.Role.LEADER : RouteUnit.Role.READ;
        List<RouteFlag> flags = new ArrayList<>(placement.flags);
        if (placement.shards.size() > 1 || placement.shards.isEmpty()) {
            return multiShardSelect(select, placement, role, flags, parameters, context);
        }
        List<RouteUnit> units = List.of(unit(select, placement, placement.shards.get(0), role, RewriteSpecs.NONE));
        return plan(select, placement.variant(), units, MergeSpec.NONE, flags, context, List.of());
    }

    private RoutePlan multiShardSelect(SelectStatement select, Placement placement, RouteUnit.Role role,
                                       List<RouteFlag> flags, List<?> parameters, RouteContext context) {
        if (select.union() && !placement.crossShardJoin) { // a flagged UNION is federated whole
            throw new ShardgateException(ErrorCode.UNSUPPORTED_MERGE, "UNION over sharded table "
                    + placement.describeSharded() + " spans " + placement.shards.size() + " shards; "
                    + "add a shard-key condition to each branch so it reaches one shard, or run the branches separately");
        }
        MergePlanner.Merge merge;
        try {
            merge = mergePlanner.plan(select, parameters, placement.describeSharded());
        } catch (ShardgateException e) {
            if (!placement.crossShardJoin) {
                throw e;
            }
            // a federated join is computed whole in Shardgate: no per-shard merge is needed
            merge = new MergePlanner.Merge(MergeSpec.NONE, null);
        }
        if (placement.variant() == RoutePlan.Variant.SCATTER) {
            flags.add(0, new RouteFlag(RouteFlag.Kind.SCATTER_READ, "scatter read: "
                    + placement.describeSharded() + placement.has() + " no usable shard-key condition; the query runs on all "
                    + placement.shards.size() + " shards"));
        }
        RewriteSpecs extra = new RewriteSpecs(merge.perShardLimit(),
                !select.derived().isEmpty() || merge.spec().postFilter() != null);
        List<RouteUnit> units = new ArrayList<>();
        for (int shard : placement.shards) {
            units.add(unit(select, placement, shard, role, extra));
        }
        return plan(select, placement.variant(), units, merge.spec(), flags, context, List.of());
    }

    // ---- INSERT ---------------------------------------------------------------------------------

    private RoutePlan routeInsert(InsertStatement insert, List<?> parameters, RouteContext context) {
        TableRule rule = rules.table(insert.table());
        if (!(rule instanceof TableRule.Sharded sharded)) {
            Placement placement = place(insert, Predicate.OPAQUE, parameters);
            if (insert.select() && placement.hasSharded()) {
                throw notSupported("INSERT INTO " + insert.table() + " … SELECT from sharded table "
                        + placement.describeSharded() + "; select the rows and insert them in two statements");
            }
            return writePlan(insert, placement, context, List.of());
        }
        if (insert.select()) {
            throw notSupported("INSERT … SELECT into sharded table " + sharded.name()
                    + "; select the rows and insert them with VALUES so each row can be routed by "
                    + sharded.shardKey());
        }
        if (insert.onDuplicateKeyUpdate().contains(sharded.shardKey())) {
            throw new ShardgateException(ErrorCode.SHARD_KEY_UPDATE, "ON DUPLICATE KEY UPDATE assigns "
                    + sharded.name() + "." + sharded.shardKey() + ", the shard key; a row cannot move between "
                    + "shards this way: delete it and insert it again");
        }
        List<String> columns = insert.columns();
        TableRule.KeyGenerator generator = sharded.keyGenerator();
        boolean generate = generator != null && !columns.isEmpty() && !columns.contains(generator.column());
        int keyIndex = columns.indexOf(sharded.shardKey());
        boolean keyGenerated = generate && generator.column().equals(sharded.shardKey());
        if (columns.isEmpty()) {
            throw new ShardgateException(ErrorCode.MISSING_SHARD_KEY, "INSERT into sharded table "
                    + sharded.name() + " must list its columns, including the shard key " + sharded.shardKey()
                    + ": INSERT INTO " + sharded.name() + " (" + sharded.shardKey() + ", …) VALUES (…)");
        }
        if (keyIndex < 0 && !keyGenerated) {
            throw new ShardgateException(ErrorCode.MISSING_SHARD_KEY, "INSERT into sharded table "
                    + sharded.name() + " has no value for its shard key " + sharded.shardKey()
                    + "; add " + sharded.shardKey() + " to the column list and a value to each row");
        }
        List<Long> generated = new ArrayList<>();
        List<String> generatedTexts = new ArrayList<>();
        if (generate) {
            for (int row = 0; row < insert.rows().size(); row++) {
                long key = context.keys().next(sharded.name(), generator);
                generated.add(key);
                generatedTexts.add(Long.toString(key));
            }
        }
        ShardConditions conditions = conditions(sharded, parameters);
        Map<Integer, BitSet> rowsByShard = new java.util.TreeMap<>();
        for (int row = 0; row < insert.rows().size(); row++) {
            ShardKey key;
            if (keyGenerated) {
                key = ShardKey.of(generated.get(row));
            } else {
                SqlValue value = insert.rows().get(row).get(keyIndex);
                if (value == null) {
                    throw new ShardgateException(ErrorCode.ROUTE_ERROR, "row " + (row + 1) + " of the INSERT into "
                            + sharded.name() + " computes its shard key " + sharded.shardKey()
                            + " with an expression; write a literal or a ? marker so the row can be routed");
                }
                key = conditions.key(value);
            }
            rowsByShard.computeIfAbsent(conditions.shardOf(key), s -> new BitSet()).set(row);
        }
        Placement placement = place(insert, Predicate.OPAQUE, parameters);
        List<RouteUnit> units = new ArrayList<>();
        boolean split = rowsByShard.size() > 1;
        for (Map.Entry<Integer, BitSet> entry : rowsByShard.entrySet()) {
            RewriteSpec spec = new RewriteSpec(placement.tableMap(entry.getKey()), null, false,
                    split ? entry.getValue() : null, generate ? generator.column() : null,
                    generate ? generatedTexts : null);
            units.add(unit(insert, placement, entry.getKey(), RouteUnit.Role.LEADER, spec));
        }
        RoutePlan.Variant variant = units.size() == 1 ? RoutePlan.Variant.SINGLE : RoutePlan.Variant.MULTI;
        return plan(insert, variant, units, MergeSpec.NONE, placement.flags, context, generated);
    }

    // ---- UPDATE / DELETE ------------------------------------------------------------------------

    private void checkShardKeyNotAssigned(UpdateStatement update) {
        for (UpdateStatement.Assignment assignment : update.assignments()) {
            for (String table : update.tableNames()) {
                if (rules.table(table) instanceof TableRule.Sharded sharded
                        && assignment.column().column().equals(sharded.shardKey())
                        && (assignment.column().table() == null || assignment.column().table().equals(table))) {
                    throw new ShardgateException(ErrorCode.SHARD_KEY_UPDATE, "UPDATE assigns "
                            + sharded.name() + "." + sharded.shardKey() + ", the shard key; a row cannot move "
                            + "between shards in place: delete it and insert it again with the new "
                            + sharded.shardKey());
                }
            }
        }
    }

    private RoutePlan routeWrite(SqlStatement statement, Predicate where, boolean limited, List<?> parameters,
                                 RouteContext context) {
        Placement placement = place(statement, where, parameters);
        if (placement.hasSharded() && placement.shards.size() > 1 && limited) {
            throw notSupported(statement.kind() + " with ORDER BY/LIMIT on " + placement.describeSharded()
                    + " across " + placement.shards.size() + " shards; add a shard-key condition");
        }
        if (placement.variant() == RoutePlan.Variant.SCATTER) {
            if (rules.policies().scatterWrite() == Policies.ScatterWrite.REJECT) {
                throw new ShardgateException(ErrorCode.SCATTER_WRITE_REJECTED, statement.kind() + " on "
                        + placement.describeSharded() + placement.has() + " no shard-key condition and would run on all "
                        + placement.shards.size() + " shards; rejected by policy scatter-write=reject: add a "
                        + "condition on the shard key, or set policies.scatter-write: allow");
            }
            placement.flags.add(0, new RouteFlag(RouteFlag.Kind.SCATTER_WRITE, "scatter write: "
                    + statement.kind() + " on " + placement.describeSharded()
                    + placement.has() + " no usable shard-key condition; it runs on all " + placement.shards.size() + " shards"));
        }
        return writePlan(statement, placement, context, List.of());
    }

    private RoutePlan writePlan(SqlStatement statement, Placement placement, RouteContext context,
                                List<Long> generated) {
        List<RouteUnit> units = new ArrayList<>();
        for (int shard : placement.shards) {
            units.add(unit(statement, placement, shard, RouteUnit.Role.LEADER, RewriteSpecs.NONE));
        }
        return plan(statement, placement.variant(), units, MergeSpec.NONE, placement.flags, context, generated);
    }

    // ---- DDL, SHOW, others ----------------------------------------------------------------------

    private RoutePlan routeDdl(DdlStatement ddl) {
        List<String> tables = ddl.tableNames();
        if (ddl.ddlKind() == DdlStatement.DdlKind.CREATE_DATABASE || ddl.ddlKind() == DdlStatement.DdlKind.DROP_DATABASE) {
            throw notSupported(ddl.ddlKind() + ": logical databases are defined by rule files; "
                    + "create physical databases on the backends directly");
        }
        Placement placement = place(ddl, Predicate.OPAQUE, List.of());
        if (placement.hasSharded() && tables.size() > 1 && !placement.allShardedColocated()) {
            throw notSupported(ddl.ddlKind() + " naming several tables with different placements ("
                    + String.join(", ", tables) + "); run one statement per table");
        }
        List<RouteUnit> units = new ArrayList<>();
        for (int shard : placement.shards) {
            units.add(unit(ddl, placement, shard, RouteUnit.Role.LEADER, RewriteSpecs.NONE));
        }
        RoutePlan.Variant variant = units.size() > 1 ? RoutePlan.Variant.BROADCAST : RoutePlan.Variant.UNSHARDED;
        return plan(ddl, variant, units, MergeSpec.NONE, placement.flags, RouteContext.AUTOCOMMIT, List.of());
    }

    private RoutePlan routeShow(ShowStatement show) {
        String what = show.what();
        if (what.equals("TABLES") || what.equals("FULL TABLES") || what.equals("DATABASES") || what.equals("SCHEMAS")
                || what.equals("WARNINGS") || what.equals("ERRORS") || what.equals("COUNT(*) WARNINGS")
                || what.equals("COUNT(*) ERRORS") || what.equals("TABLE STATUS") || what.equals("PROCESSLIST")
                || what.equals("FULL PROCESSLIST")) {
            return local(show);
        }
        if (show.tables().isEmpty()) {
            return unsharded(show, RouteUnit.Role.READ);
        }
        // Metadata of one table: ask its first physical table.
        Placement placement = place(show, Predicate.OPAQUE, List.of());
        int first = placement.shards.get(0);
        List<RouteUnit> units = List.of(unit(show, placement, first, RouteUnit.Role.READ, RewriteSpecs.NONE));
        return plan(show, RoutePlan.Variant.UNSHARDED, units, MergeSpec.NONE, List.of(), RouteContext.AUTOCOMMIT, List.of());
    }

    private RoutePlan routeOther(OtherStatement other, List<?> parameters, RouteContext context) {
        if (other.kind() == StatementKind.EXPLAIN && other.explained() != null) {
            // MySQL EXPLAIN of a routed statement: run it where the statement would run first.
            Placement placement = place(other, predicateOf(other.explained()), parameters);
            List<RouteUnit> units = List.of(unit(other, placement, placement.shards.get(0),
                    RouteUnit.Role.READ, RewriteSpecs.NONE));
            return plan(other, RoutePlan.Variant.SINGLE, units, MergeSpec.NONE, placement.flags, context, List.of());
        }
        if (other.kind() == StatementKind.XA) {
            return local(other);
        }
        Placement placement = place(other, Predicate.OPAQUE, parameters);
        if (placement.hasSharded() || placement.hasBroadcast() && isWrite(other.kind())) {
            if (placement.hinted) {
                return writeOrRead(other, placement, context);
            }
            String reason = other.parsed() ? "Shardgate cannot route " + other.kind() + " statements"
                    : "Shardgate could not analyze this statement (" + other.parseError() + ")";
            throw new ShardgateException(ErrorCode.ROUTE_ERROR, reason + " on " + placement.describeTables()
                    + ", which is not in one place; rewrite it in supported syntax or add a hint "
                    + "/*+ shardgate: shard=<group.table> */ to run it on one shard");
        }
        return writeOrRead(other, placement, context);
    }

    private RoutePlan writeOrRead(OtherStatement other, Placement placement, RouteContext context) {
        RouteUnit.Role role = other.kind() == StatementKind.SELECT && !context.inTransaction()
                && !other.hints().containsKey("leader") ? RouteUnit.Role.READ : RouteUnit.Role.LEADER;
        List<RouteUnit> units = List.of(unit(other, placement, placement.shards.get(0), role, RewriteSpecs.NONE));
        return plan(other, placement.variant(), units, MergeSpec.NONE, placement.flags, context, List.of());
    }

    private RoutePlan unsharded(SqlStatement statement, RouteUnit.Role role) {
        RouteUnit unit = new RouteUnit(rules.defaultGroup(), role, statement.sql(), identity(statement.parameterCount()),
                List.of());
        return new RoutePlan(statement.sql(), statement.kind(), RoutePlan.Variant.UNSHARDED, List.of(unit),
                MergeSpec.NONE, List.of(), List.of());
    }

    private RoutePlan local(SqlStatement statement) {
        return new RoutePlan(statement.sql(), statement.kind(), RoutePlan.Variant.LOCAL, List.of(), MergeSpec.NONE,
                List.of(), List.of());
    }

    // ---- placement: which shards, which physical names ------------------------------------------

    /**
     * Decides the shards a statement touches. When every sharded table reference is pinned to one
     * shard and those shards share a group, the statement runs there as written (whatever it
     * joins). Otherwise tables must be co-located and joined on their shard keys (directly or
     * through each other) to run shard by shard; broadcast tables follow along, single tables pin
     * the default group. Anything else is a cross-shard join, flagged (or rejected by policy).
     */
    private Placement place(SqlStatement statement, Predicate where, List<?> parameters) {
        Placement placement = new Placement();
        List<BitSet> refShards = new ArrayList<>();
        List<TableRule.Sharded> refRules = new ArrayList<>();
        boolean shardedInSubquery = false;
        for (TableRef ref : statement.tables()) {
            if (ref.systemSchema()) {
                continue; // information_schema and friends: the server's own, never logical tables
            }
            String name = ref.name();
            TableRule rule = rules.table(name);
            if (rule instanceof TableRule.Sharded sharded) {
                refRules.add(sharded);
                // A reference is restricted by the conditions of its own query block (a subquery's
                // WHERE restricts the subquery's tables); without that analysis, only top-level
                // references are restricted, by the statement's condition.
                Predicate blockWhere = statement.tokens() == null ? null : statement.tokens().whereOf(ref);
                Predicate restriction = blockWhere != null ? blockWhere : ref.inSubquery() ? null : where;
                refShards.add(restriction == null ? null : conditions(sharded, parameters).shards(restriction));
                shardedInSubquery |= ref.inSubquery();
            }
            if (placement.names.containsKey(name)) {
                placement.names.put(name, placement.names.get(name) + 1);
                continue;
            }
            placement.names.put(name, 1);
            if (rule instanceof TableRule.Sharded sharded) {
                placement.sharded.add(sharded);
            } else if (rule instanceof TableRule.Broadcast) {
                placement.broadcast.add(name);
            } else {
                placement.single.add(name);
            }
        }
        String hintedShard = statement.hints().get("shard");
        if (placement.sharded.isEmpty()) {
            placeWithoutShardedTables(statement, placement);
            return placement;
        }
        TableRule.Sharded anchor = placement.sharded.get(0);
        placement.shardCount = anchor.nodes().size();
        if (hintedShard != null) {
            placement.hinted = true;
            int shard = hintedShardIndex(anchor, hintedShard);
            placement.shards = List.of(shard);
            placement.flags.add(new RouteFlag(RouteFlag.Kind.HINT_OVERRIDE, "hint shard=" + hintedShard
                    + " overrides routing: " + anchor.name() + " → " + anchor.nodes().get(shard)));
            return placement;
        }
        if (pin(placement, refRules, refShards)) {
            return placement;
        }
        if (statement.kind() != StatementKind.DDL) {
            checkJoins(statement, where, placement, anchor, shardedInSubquery);
        }
        BitSet shards = null;
        for (int i = 0; i < refRules.size(); i++) {
            if (refShards.get(i) != null && colocated(anchor, refRules.get(i))) {
                if (shards == null) {
                    shards = (BitSet) refShards.get(i).clone();
                } else {
                    shards.and(refShards.get(i));
                }
            }
        }
        List<Integer> list = new ArrayList<>();
        if (shards == null) {
            for (int i = 0; i < placement.shardCount; i++) {
                list.add(i);
            }
        } else {
            shards.stream().forEach(list::add);
        }
        if (list.isEmpty()) {
            // No shard can hold a matching row (contradictory conditions): any one shard answers
            // correctly — with no rows — and still gives the result's columns.
            list.add(0);
        }
        placement.shards = list;
        return placement;
    }

    /**
     * Pins the statement to one group when every sharded reference reaches exactly one physical
     * table (a contradiction, reaching none, counts as its first) and they all live in one group
     * with any single tables. Each logical table must then map to one physical table.
     */
    private boolean pin(Placement placement, List<TableRule.Sharded> refRules, List<BitSet> refShards) {
        Map<String, DataNode> nodes = new LinkedHashMap<>();
        String group = null;
        for (int i = 0; i < refRules.size(); i++) {
            BitSet shards = refShards.get(i);
            if (shards == null || shards.cardinality() > 1) {
                return false;
            }
            TableRule.Sharded table = refRules.get(i);
            DataNode node = table.nodes().get(shards.isEmpty() ? 0 : shards.nextSetBit(0));
            DataNode previous = nodes.putIfAbsent(table.name(), node);
            if (previous != null && !previous.equals(node) || group != null && !group.equals(node.group())) {
                return false;
            }
            group = node.group();
        }
        if (!placement.single.isEmpty() && !rules.defaultGroup().equals(group)) {
            return false;
        }
        placement.pinned = nodes;
        placement.shards = List.of(0);
        return true;
    }

        private void placeWithoutShardedTables(SqlStatement statement, Placement placement) {
        placement.shardCount = 1;
        String hinted = statement.hints().get("shard");
        if (!placement.broadcast.isEmpty() && placement.single.isEmpty()
                && (isWrite(statement.kind()) || statement.kind() == StatementKind.DDL) && hinted == null) {
            // Broadcast writes and DDL go to every group.
            placement.broadcastGroups = new ArrayList<>(rules.groups().keySet());
            placement.shards = new ArrayList<>();
            for (int i = 0; i < placement.broadcastGroups.size(); i++) {
                placement.shards.add(i);
            }
            return;
        }
        String group = rules.defaultGroup();
        if (hinted != null) {
            placement.hinted = true;
            String hintedGroup = hinted.contains(".") ? hinted.substring(0, hinted.indexOf('.')) : hinted;
            if (!rules.groups().containsKey(hintedGroup)) {
                throw new ShardgateException(ErrorCode.ROUTE_ERROR, "hint shard=" + hinted
                        + " names no group of database " + rules.database() + "; groups are "
                        + String.join(", ", rules.groups().keySet()));
            }
            group = hintedGroup;
        }
        placement.broadcastGroups = List.of(group);
        placement.shards = List.of(0);
    }

    /** Flags (or rejects) joins whose sharded tables cannot be answered shard by shard. */
    private void checkJoins(SqlStatement statement, Predicate where, Placement placement, TableRule.Sharded anchor,
                            boolean shardedInSubquery) {
        List<String> problems = new ArrayList<>();
        List<TableRule.Sharded> colocatedTables = new ArrayList<>();
        for (TableRule.Sharded table : placement.sharded) {
            if (colocated(anchor, table)) {
                colocatedTables.add(table);
            } else {
                problems.add(table.name() + " is sharded by " + table.shardKey() + " with its own placement, "
                        + anchor.name() + " by " + anchor.shardKey());
            }
        }
        List<String> unjoined = unjoinedOnKeys(where, colocatedTables);
        if (!unjoined.isEmpty()) {
            problems.add(String.join(" and ", unjoined) + " are co-located but not joined on their shard keys ("
                    + colocatedTables.stream().map(t -> t.name() + "." + t.shardKey()).reduce((a, b) -> a + " = " + b)
                    .orElse("") + ")");
        }
        for (TableRule.Sharded table : placement.sharded) {
            if (placement.names.get(table.name()) > 1 && !joinedOnKeys(where, table, table) && !shardedInSubquery) {
                problems.add(table.name() + " is joined with itself other than on " + table.shardKey());
            }
        }
        if (shardedInSubquery) {
            problems.add("a subquery reads " + placement.describeSharded() + " on more than one shard");
        }
        if (!placement.single.isEmpty() && !allShardsIn(anchor, rules.defaultGroup())) {
            problems.add(String.join(", ", placement.single) + " (unsharded, in group " + rules.defaultGroup()
                    + ") meets " + anchor.name() + " (sharded by " + anchor.shardKey() + " over several groups)");
        }
        if (problems.isEmpty()) {
            return;
        }
        String tables = placement.describeTables();
        if (isWrite(statement.kind()) || statement.kind() == StatementKind.DDL) {
            throw notSupported("a statement joining " + tables + " across shards (" + String.join("; ", problems)
                    + "); write to one table at a time, or declare co-located-with / broadcast");
        }
        if (rules.policies().crossShardJoin() == Policies.CrossShardJoin.REJECT) {
            throw new ShardgateException(ErrorCode.CROSS_SHARD_JOIN_REJECTED, "cross-shard join of " + tables
                    + " rejected by policy cross-shard-join=reject: " + String.join("; ", problems)
                    + "; declare co-located-with, make the small table broadcast, or set cross-shard-join: federate");
        }
        placement.crossShardJoin = true;
        placement.flags.add(new RouteFlag(RouteFlag.Kind.CROSS_SHARD_JOIN, "cross-shard join of " + tables + ": "
                + String.join("; ", problems) + " (policy cross-shard-join=federate)"));
    }

    /**
     * The co-located tables not connected to the first through shard-key equalities (a = b,
     * b = c connects a and c); empty when all are.
     */
    private static List<String> unjoinedOnKeys(Predicate where, List<TableRule.Sharded> tables) {
        if (tables.size() < 2) {
            return List.of();
        }
        java.util.Set<String> connected = new java.util.LinkedHashSet<>();
        connected.add(tables.get(0).name());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TableRule.Sharded a : tables) {
                for (TableRule.Sharded b : tables) {
                    if (connected.contains(a.name()) && !connected.contains(b.name()) && joinedOnKeys(where, a, b)) {
                        connected.add(b.name());
                        grew = true;
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (TableRule.Sharded table : tables) {
            if (!connected.contains(table.name())) {
                missing.add(table.name());
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        missing.add(0, tables.get(0).name());
        return missing;
    }

    private boolean allShardsIn(TableRule.Sharded table, String group) {
        return table.nodes().stream().allMatch(node -> node.group().equals(group));
    }

    private boolean colocated(TableRule.Sharded a, TableRule.Sharded b) {
        if (a.nodes().size() != b.nodes().size() || !a.algorithm().equals(b.algorithm())) {
            return false;
        }
        for (int i = 0; i < a.nodes().size(); i++) {
            if (!a.nodes().get(i).group().equals(b.nodes().get(i).group())) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code where} requires a.key = b.key (through a chain of ANDs). */
    private static boolean joinedOnKeys(Predicate where, TableRule.Sharded a, TableRule.Sharded b) {
        if (where instanceof Predicate.And and) {
            return and.terms().stream().anyMatch(term -> joinedOnKeys(term, a, b));
        }
        if (where instanceof Predicate.ColumnEquality eq) {
            return matches(eq.left(), a) && matches(eq.right(), b) || matches(eq.left(), b) && matches(eq.right(), a);
        }
        return false;
    }

    private static boolean matches(io.shardgate.sql.ColumnRef column, TableRule.Sharded table) {
        return column.column().equals(table.shardKey()) && (column.table() == null || column.table().equals(table.name()));
    }

    private int hintedShardIndex(TableRule.Sharded table, String hint) {
        if (hint.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(hint);
            if (index < table.nodes().size()) {
                return index;
            }
        }
        for (int i = 0; i < table.nodes().size(); i++) {
            if (table.nodes().get(i).toString().equalsIgnoreCase(hint)) {
                return i;
            }
        }
        throw new ShardgateException(ErrorCode.ROUTE_ERROR, "hint shard=" + hint + " is not a shard of "
                + table.name() + "; use an index 0.." + (table.nodes().size() - 1) + " or one of " + table.nodes());
    }

    private ShardConditions conditions(TableRule.Sharded table, List<?> parameters) {
        return new ShardConditions(table.name(), table.shardKey(), algorithms.get(table.name()), parameters);
    }

    private static Predicate predicateOf(SqlStatement statement) {
        if (statement instanceof SelectStatement s) {
            return s.where();
        }
        if (statement instanceof UpdateStatement u) {
            return u.where();
        }
        if (statement instanceof DeleteStatement d) {
            return d.where();
        }
        return Predicate.OPAQUE;
    }

    private static boolean isWrite(StatementKind kind) {
        return kind == StatementKind.INSERT || kind == StatementKind.REPLACE || kind == StatementKind.UPDATE
                || kind == StatementKind.DELETE;
    }

    private static ShardgateException notSupported(String what) {
        return new ShardgateException(ErrorCode.NOT_SUPPORTED, what);
    }

    private static int[] identity(int count) {
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = i;
        }
        return indexes;
    }

    // ---- units and plans ------------------------------------------------------------------------

    private RouteUnit unit(SqlStatement statement, Placement placement, int shard, RouteUnit.Role role,
                           RewriteSpecs extra) {
        return unit(statement, placement, shard, role, new RewriteSpec(placement.tableMap(shard),
                extra.limit == null ? null : extra.limit, extra.appendDerived, null, null, null));
    }

    private RouteUnit unit(SqlStatement statement, Placement placement, int shard, RouteUnit.Role role,
                           RewriteSpec spec) {
        String group = placement.group(shard);
        RewrittenSql rewritten = needsRewrite(statement, spec)
                ? rewriter.rewrite(statement, spec)
                : new RewrittenSql(statement.sql(), identity(statement.parameterCount()));
        return new RouteUnit(group, role, rewritten.sql(), rewritten.parameterIndexes(), placement.nodes(shard));
    }

    private static boolean needsRewrite(SqlStatement statement, RewriteSpec spec) {
        if (spec.limit() != null || spec.appendDerived() || spec.insertRows() != null || spec.insertColumn() != null) {
            return true;
        }
        for (TableRef ref : statement.tables()) {
            if (ref.schema() != null || !ref.name().equals(spec.tables().get(ref.name()))) {
                return true;
            }
        }
        return false;
    }

    private RoutePlan plan(SqlStatement statement, RoutePlan.Variant variant, List<RouteUnit> units,
                           MergeSpec merge, List<RouteFlag> flags, RouteContext context, List<Long> generated) {
        List<RouteFlag> all = new ArrayList<>(flags);
        if (context.inTransaction()) {
            Set<String> touched = new java.util.LinkedHashSet<>(context.transactionGroups());
            for (RouteUnit unit : units) {
                touched.add(unit.group());
            }
            if (touched.size() > 1) {
                all.add(new RouteFlag(RouteFlag.Kind.CROSS_SHARD_TRANSACTION, "cross-shard transaction: "
                        + "the open transaction now spans groups " + String.join(", ", touched) + " (policy "
                        + "cross-shard-transaction=" + rules.policies().crossShardTransaction().name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")"));
            }
        }
        return new RoutePlan(statement.sql(), statement.kind(), variant, List.copyOf(units), merge, List.copyOf(all),
                List.copyOf(generated));
    }

    /** Extra rewriting for multi-shard SELECTs. */
    private record RewriteSpecs(Long limit, boolean appendDerived) {
        static final RewriteSpecs NONE = new RewriteSpecs(null, false);
    }

    /** The tables of a statement sorted by placement, and the shard indexes it reaches. */
    private final class Placement {
        final Map<String, Integer> names = new LinkedHashMap<>();
        final List<TableRule.Sharded> sharded = new ArrayList<>();
        final List<String> broadcast = new ArrayList<>();
        final List<String> single = new ArrayList<>();
        final List<RouteFlag> flags = new ArrayList<>();
        List<Integer> shards = List.of();
        int shardCount;
        boolean hinted;
        boolean crossShardJoin;
        /** for statements without sharded tables: the group of each "shard" index */
        List<String> broadcastGroups = List.of();
        /** when every sharded table is pinned to one physical table: those tables (one unit) */
        Map<String, DataNode> pinned;

        boolean hasSharded() {
            return !sharded.isEmpty();
        }

        boolean hasBroadcast() {
            return !broadcast.isEmpty();
        }

        boolean allShardedColocated() {
            return sharded.stream().allMatch(t -> colocated(sharded.get(0), t));
        }

        RoutePlan.Variant variant() {
            if (sharded.isEmpty()) {
                return broadcastGroups.size() > 1 ? RoutePlan.Variant.BROADCAST : RoutePlan.Variant.UNSHARDED;
            }
            if (shards.size() == 1 || pinned != null) {
                return RoutePlan.Variant.SINGLE;
            }
            return shards.size() == shardCount ? RoutePlan.Variant.SCATTER : RoutePlan.Variant.MULTI;
        }

        String group(int shard) {
            if (pinned != null) {
                return pinned.values().iterator().next().group();
            }
            return sharded.isEmpty() ? broadcastGroups.get(shard) : sharded.get(0).nodes().get(shard).group();
        }

        DataNode node(TableRule.Sharded table, int shard) {
            return pinned != null ? pinned.get(table.name()) : table.nodes().get(Math.min(shard, table.nodes().size() - 1));
        }

        Map<String, String> tableMap(int shard) {
            Map<String, String> map = new HashMap<>();
            for (String name : names.keySet()) {
                map.put(name, name);
            }
            for (TableRule.Sharded table : sharded) {
                map.put(table.name(), node(table, shard).table());
            }
            return map;
        }

        List<String> nodes(int shard) {
            List<String> nodes = new ArrayList<>();
            String group = group(shard);
            for (String name : names.keySet()) {
                TableRule rule = rules.table(name);
                if (rule instanceof TableRule.Sharded table) {
                    nodes.add(node(table, shard).toString());
                } else {
                    nodes.add(group + "." + name);
                }
            }
            return nodes;
        }

        String describeSharded() {
            List<String> parts = new ArrayList<>();
            for (TableRule.Sharded table : sharded) {
                parts.add(table.name() + " (sharded by " + table.shardKey() + ")");
            }
            return String.join(", ", parts);
        }

        String has() {
            return sharded.size() > 1 ? " have" : " has";
        }

        String describeTables() {
            return String.join(", ", names.keySet());
        }
    }
}
