package io.shardgate.sql.federate;

import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a logical plan (subqueries already turned into joins) so Calcite's operators give
 * MySQL's answers: sorts put NULLs first ascending and last descending; sorts, GROUP BY / DISTINCT
 * and join equalities on character columns work on {@link CollationKey}s (so 'Paris' and 'PARIS'
 * meet in a hash join and fall in one group, as under MySQL's default collation). A group's value
 * is one of its members, as MySQL returns one. AVG and {@code /} of exact numbers give MySQL's
 * decimals ({@link MySqlAverage}).
 */
final class MySqlSemantics extends RelShuttleImpl {

    static final SqlUserDefinedFunction COLLATION_KEY = new SqlUserDefinedFunction(
            new SqlIdentifier("SHARDGATE_COLLATION_KEY", SqlParserPos.ZERO), ReturnTypes.ARG0_NULLABLE_VARYING,
            null, OperandTypes.family(SqlTypeFamily.CHARACTER), null,
            ScalarFunctionImpl.create(CollationKey.class, "of"));

    static final SqlUserDefinedFunction AVERAGE = new SqlUserDefinedFunction(
            new SqlIdentifier("SHARDGATE_AVG", SqlParserPos.ZERO),
            ReturnTypes.explicit(org.apache.calcite.sql.type.SqlTypeName.DECIMAL), null,
            OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER), null,
            ScalarFunctionImpl.create(MySqlAverage.class, "of"));

    static final SqlUserDefinedFunction DIVIDE = new SqlUserDefinedFunction(
            new SqlIdentifier("SHARDGATE_DIVIDE", SqlParserPos.ZERO),
            ReturnTypes.explicit(org.apache.calcite.sql.type.SqlTypeName.DECIMAL), null,
            OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER), null,
            ScalarFunctionImpl.create(MySqlAverage.class, "divide"));

    private final RelBuilder builder;

    MySqlSemantics(RelBuilder builder) {
        this.builder = builder;
    }

    /**
     * {@code /} of exact numbers gives a DECIMAL with four more decimals than the dividend, as in
     * MySQL (Calcite divides integers as integers). Applied to the statement's final operators
     * only — the chain of projections, filters and sorts from the root down to the first join,
     * aggregate or scan — where a changed column type reaches nothing but the client; a division
     * deeper in the plan (inside a subquery or a join condition) keeps Calcite's arithmetic.
     */
    RelNode finalDivisions(RelNode rel) {
        if (rel instanceof LogicalSort sort) {
            return sort.copy(sort.getTraitSet(), List.of(finalDivisions(sort.getInput())));
        }
        if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter filter) {
            RelNode input = finalDivisions(filter.getInput());
            return filter.copy(filter.getTraitSet(), input, filter.getCondition().accept(retyped(input)));
        }
        if (rel instanceof org.apache.calcite.rel.logical.LogicalProject project) {
            RelNode input = finalDivisions(project.getInput());
            List<RexNode> expressions = new ArrayList<>();
            for (RexNode e : project.getProjects()) {
                expressions.add(e.accept(retyped(input)));
            }
            return org.apache.calcite.rel.logical.LogicalProject.create(input, project.getHints(), expressions,
                    project.getRowType().getFieldNames(), project.getVariablesSet());
        }
        return rel;
    }

    /** Rewrites divisions, and re-derives the types of what uses a column whose type changed below. */
    private RexShuttle retyped(RelNode input) {
        org.apache.calcite.rex.RexBuilder rex = builder.getRexBuilder();
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return rex.makeInputRef(input, ref.getIndex());
            }

            @Override
            public RexNode visitCall(RexCall call) {
                List<RexNode> operands = new ArrayList<>();
                boolean changed = false;
                for (RexNode operand : call.getOperands()) {
                    RexNode visited = operand.accept(this);
                    changed |= !visited.getType().equals(operand.getType());
                    operands.add(visited);
                }
                if (call.getKind() == SqlKind.DIVIDE && operands.size() == 2
                        && SqlTypeUtil.isExactNumeric(operands.get(0).getType())
                        && SqlTypeUtil.isExactNumeric(operands.get(1).getType())) {
                    RexNode a = operands.get(0);
                    int scale = Math.min(30, (SqlTypeUtil.isDecimal(a.getType()) ? a.getType().getScale() : 0) + 4);
                    RelDataType decimal = rex.getTypeFactory().createTypeWithNullability(rex.getTypeFactory()
                            .createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL, 65, scale), true);
                    RexNode quotient = rex.makeCall(DIVIDE, a, operands.get(1),
                            rex.makeExactLiteral(java.math.BigDecimal.valueOf(scale)));
                    return rex.makeCast(decimal, quotient, true, false);
                }
                if (!changed) {
                    return call.clone(call.getType(), operands);
                }
                if (call.getKind() == SqlKind.CAST) {
                    return rex.makeCast(call.getType(), operands.get(0), true, false);
                }
                return rex.makeCall(call.getOperator(), operands);
            }
        };
    }

    @Override
    public RelNode visit(LogicalSort sort) {
        RelNode input = sort.getInput().accept(this);
        int width = input.getRowType().getFieldCount();
        builder.push(input);
        List<RexNode> keys = new ArrayList<>();
        List<RelFieldCollation> collations = new ArrayList<>();
        for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
            int index = field.getFieldIndex();
            if (isText(input.getRowType().getFieldList().get(index).getType())) {
                keys.add(key(builder.field(index)));
                index = width + keys.size() - 1;
            }
            RelFieldCollation.NullDirection nulls = field.getDirection().isDescending()
                    ? RelFieldCollation.NullDirection.LAST : RelFieldCollation.NullDirection.FIRST;
            collations.add(new RelFieldCollation(index, field.getDirection(), nulls));
        }
        if (!keys.isEmpty()) {
            builder.projectPlus(keys);
        }
        RelNode sorted = LogicalSort.create(builder.build(), RelCollations.of(collations), sort.offset, sort.fetch);
        if (keys.isEmpty()) {
            return sorted;
        }
        builder.push(sorted);
        return builder.project(fields(0, width)).build();
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput().accept(this);
        List<Integer> groupKeys = aggregate.getGroupSet().asList();
        List<Integer> textKeys = aggregate.getGroupSets().size() != 1 ? List.of() : groupKeys.stream()
                .filter(k -> isText(input.getRowType().getFieldList().get(k).getType())).toList();
        boolean averages = aggregate.getAggCallList().stream().anyMatch(c -> exactAverage(c, input));
        if (textKeys.isEmpty() && !averages || aggregate.getGroupSets().size() != 1) {
            return aggregate.copy(aggregate.getTraitSet(), List.of(input));
        }
        int width = input.getRowType().getFieldCount();
        builder.push(input);
        List<RexNode> keys = new ArrayList<>();
        for (int k : textKeys) {
            keys.add(key(builder.field(k)));
        }
        if (!keys.isEmpty()) {
            builder.projectPlus(keys);
        }
        List<Integer> newKeys = new ArrayList<>();
        for (int k : groupKeys) {
            newKeys.add(textKeys.contains(k) ? width + textKeys.indexOf(k) : k);
        }
        ImmutableBitSet groupSet = ImmutableBitSet.of(newKeys);
        List<RelBuilder.AggCall> calls = new ArrayList<>();
        List<int[]> callOutputs = new ArrayList<>(); // {index} or {sum index, count index}
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (exactAverage(call, input)) {
                RexNode argument = builder.field(call.getArgList().get(0));
                calls.add(builder.sum(false, null, argument));
                calls.add(builder.count(false, null, argument));
                callOutputs.add(new int[] {calls.size() - 2, calls.size() - 1});
            } else {
                calls.add(builder.aggregateCall(call));
                callOutputs.add(new int[] {calls.size() - 1});
            }
        }
        int firstValue = calls.size();
        for (int k : textKeys) {
            calls.add(builder.aggregateCall(SqlStdOperatorTable.ANY_VALUE, builder.field(k)));
        }
        builder.aggregate(builder.groupKey(groupSet), calls);
        int groups = groupSet.cardinality();
        List<Integer> sortedNewKeys = groupSet.asList();
        List<RexNode> output = new ArrayList<>();
        for (int k : groupKeys) {
            output.add(textKeys.contains(k) ? builder.field(groups + firstValue + textKeys.indexOf(k))
                    : builder.field(sortedNewKeys.indexOf(k)));
        }
        for (int a = 0; a < callOutputs.size(); a++) {
            int[] at = callOutputs.get(a);
            if (at.length == 1) {
                output.add(builder.field(groups + at[0]));
            } else {
                RelDataType type = aggregate.getRowType().getFieldList().get(groupKeys.size() + a).getType();
                RexNode average = builder.call(AVERAGE, builder.field(groups + at[0]), builder.field(groups + at[1]),
                        builder.literal(Math.max(0, type.getScale())));
                output.add(builder.getRexBuilder().makeCast(type, average, true, false));
            }
        }
        return builder.project(output, aggregate.getRowType().getFieldNames(), true).build();
    }

    private static boolean exactAverage(AggregateCall call, RelNode input) {
        return call.getAggregation().getKind() == SqlKind.AVG && !call.isDistinct() && call.getArgList().size() == 1
                && SqlTypeUtil.isExactNumeric(input.getRowType().getFieldList().get(call.getArgList().get(0)).getType());
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        RelNode left = join.getLeft().accept(this);
        RelNode right = join.getRight().accept(this);
        int leftWidth = left.getRowType().getFieldCount();
        int rightWidth = right.getRowType().getFieldCount();
        List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getCondition());
        List<int[]> pairs = new ArrayList<>();
        List<RexNode> others = new ArrayList<>();
        for (RexNode conjunct : conjuncts) {
            int[] pair = textEquality(conjunct, leftWidth, left, right);
            if (pair != null) {
                pairs.add(pair);
            } else {
                others.add(conjunct);
            }
        }
        if (pairs.isEmpty()) {
            return join.copy(join.getTraitSet(), join.getCondition(), left, right, join.getJoinType(),
                    join.isSemiJoinDone());
        }
        builder.push(left);
        List<RexNode> leftKeys = new ArrayList<>();
        for (int[] pair : pairs) {
            leftKeys.add(key(builder.field(pair[0])));
        }
        RelNode newLeft = builder.projectPlus(leftKeys).build();
        builder.push(right);
        List<RexNode> rightKeys = new ArrayList<>();
        for (int[] pair : pairs) {
            rightKeys.add(key(builder.field(pair[1] - leftWidth)));
        }
        RelNode newRight = builder.projectPlus(rightKeys).build();
        int extra = pairs.size();
        RexShuttle shift = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getIndex() < leftWidth ? ref
                        : new RexInputRef(ref.getIndex() + extra, ref.getType());
            }
        };
        List<RexNode> condition = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            RexNode l = new RexInputRef(leftWidth + i, newLeft.getRowType().getFieldList().get(leftWidth + i).getType());
            int r = leftWidth + extra + rightWidth + i;
            RexNode rr = new RexInputRef(r, newRight.getRowType().getFieldList().get(rightWidth + i).getType());
            condition.add(builder.getRexBuilder().makeCall(SqlStdOperatorTable.EQUALS, l, rr));
        }
        for (RexNode other : others) {
            condition.add(other.accept(shift));
        }
        RelNode newJoin = LogicalJoin.create(newLeft, newRight, join.getHints(),
                org.apache.calcite.rex.RexUtil.composeConjunction(builder.getRexBuilder(), condition),
                join.getVariablesSet(), join.getJoinType(), join.isSemiJoinDone(),
                com.google.common.collect.ImmutableList.copyOf(join.getSystemFieldList()));
        builder.push(newJoin);
        List<RexNode> output = new ArrayList<>(fields(0, leftWidth));
        if (join.getJoinType().projectsRight()) {
            for (int i = 0; i < rightWidth; i++) {
                output.add(builder.field(leftWidth + extra + i));
            }
        }
        return builder.project(output, join.getRowType().getFieldNames(), true).build();
    }

    /** {left, right} field indexes of {@code a = b} between a left and a right character column. */
    private static int[] textEquality(RexNode node, int leftWidth, RelNode left, RelNode right) {
        if (node.getKind() != SqlKind.EQUALS) {
            return null;
        }
        RexCall call = (RexCall) node;
        int a = ref(call.getOperands().get(0));
        int b = ref(call.getOperands().get(1));
        if (a < 0 || b < 0) {
            return null;
        }
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        if (a >= leftWidth || b < leftWidth) {
            return null;
        }
        boolean text = isText(left.getRowType().getFieldList().get(a).getType())
                && isText(right.getRowType().getFieldList().get(b - leftWidth).getType());
        return text ? new int[] {a, b} : null;
    }

    private static int ref(RexNode node) {
        RexNode inner = node;
        while (inner.getKind() == SqlKind.CAST) {
            inner = ((RexCall) inner).getOperands().get(0);
        }
        return inner instanceof RexInputRef r && SqlTypeUtil.inCharFamily(r.getType()) ? r.getIndex() : -1;
    }

    private List<RexNode> fields(int from, int to) {
        List<RexNode> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(builder.field(i));
        }
        return list;
    }

    private RexNode key(RexNode value) {
        return builder.call(COLLATION_KEY, value);
    }

    private static boolean isText(RelDataType type) {
        return SqlTypeUtil.inCharFamily(type);
    }

    /** Unused join types are left as they are. */
    static boolean handles(JoinRelType type) {
        return true;
    }
}
