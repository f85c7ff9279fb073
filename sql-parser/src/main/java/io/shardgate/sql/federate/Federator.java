package io.shardgate.sql.federate;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.Lex;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Programs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Computes a cross-shard join in Shardgate with Calcite's planner and enumerable operators: the
 * statement is planned over one table per logical table ({@link ShardTable}), whose scans read the
 * shards through {@link ShardScans} with each table's own conditions and only the needed columns
 * pushed down; joins (hash joins for equalities), semi/anti joins from IN/EXISTS subqueries,
 * aggregates, sorting and LIMIT then run in process. MySQL semantics where Calcite's defaults
 * differ: NULLs sort first ascending, strings compare case- and accent-insensitively, AVG and SUM
 * types ({@link MySqlTypeSystem}). Thread-safe: each statement gets its own planner.
 */
public final class Federator {

    /** The plan of one statement: what EXPLAIN ROUTE prints, and what {@link #execute} runs. */
    public record Plan(List<String> lines) {
    }

    /**
     * Plans and starts the statement; rows are read from the shards as the caller pulls them.
     *
     * @param database   the logical database (the schema unqualified and qualified names resolve in)
     * @param sql        Calcite text of the statement ({@link io.shardgate.sql.FederationText})
     * @param labels     the output column labels as MySQL names them, or null to use the planner's
     */
    public FederatedRows execute(String database, String sql, List<String> labels, List<FederatedTable> tables,
                                 ShardScans scans, RowBudget budget) {
        List<String> pushed = new ArrayList<>();
        Planned planned = plan(database, sql, tables, scans, budget, pushed);
        try {
            // objects the generated code reads back from its context (e.g. the interpreted scans' plans)
            Map<String, Object> stashed = new HashMap<>();
            Bindable<?> bindable = EnumerableInterpretable.toBindable(stashed, null,
                    (EnumerableRel) planned.physical, EnumerableRel.Prefer.ARRAY);
            AtomicBoolean cancel = new AtomicBoolean();
            Enumerable<?> enumerable = bindable.bind(new Context(planned.rootSchema, planned.typeFactory, cancel,
                    stashed));
            return new Rows(enumerable.enumerator(), columns(planned.rowType, labels), planned.rowType);
        } catch (RuntimeException e) {
            throw translate(e, sql);
        }
    }

    /** The physical plan as text, one line per operator (for EXPLAIN ROUTE). */
    public Plan explain(String database, String sql, List<FederatedTable> tables) {
        Planned planned = plan(database, sql, tables, (t, c, w) -> {
            throw new IllegalStateException("EXPLAIN reads no rows");
        }, new RowBudget(0, "-"), new ArrayList<>());
        String text = RelOptUtil.toString(planned.physical, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        return new Plan(List.copyOf(lines));
    }

    private record Planned(RelNode physical, RelDataType rowType, SchemaPlus rootSchema, JavaTypeFactory typeFactory) {
    }

    private Planned plan(String database, String sql, List<FederatedTable> tables, ShardScans scans,
                         RowBudget budget, List<String> pushed) {
        SchemaPlus root = Frameworks.createRootSchema(false);
        Map<String, org.apache.calcite.schema.Table> tableMap = new HashMap<>();
        for (FederatedTable table : tables) {
            tableMap.put(table.name(), new ShardTable(table, scans, budget, pushed));
        }
        SchemaPlus schema = root.add(database, new AbstractSchema() {
            @Override
            protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
                return tableMap;
            }
        });
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .parserConfig(SqlParser.config().withLex(Lex.MYSQL).withConformance(SqlConformanceEnum.MYSQL_5)
                        .withIdentifierMaxLength(65_536))
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.MYSQL_5)
                        .withDefaultNullCollation(NullCollation.LOW).withIdentifierExpansion(true))
                .operatorTable(SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD,
                        SqlLibrary.MYSQL))
                .typeSystem(MySqlTypeSystem.INSTANCE)
                .defaultSchema(schema)
                .programs(Programs.standard())
                .build();
        Planner planner = Frameworks.getPlanner(config);
        try {
            SqlNode parsed = planner.parse(sql);
            SqlNode validated = planner.validate(parsed);
            RelRoot relRoot = planner.rel(validated);
            RelNode logical = mysqlSemantics(relRoot.project());
            // A merge join sorts both whole inputs (with a slow generic comparator) where a hash join
            // keeps one side: with inputs read in full from the shards, hashing is what we want.
            logical.getCluster().getPlanner().removeRule(
                    org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
            RelTraitSet traits = logical.getTraitSet().replace(EnumerableConvention.INSTANCE);
            RelNode physical = planner.transform(0, traits, logical);
            JavaTypeFactory typeFactory = (JavaTypeFactory) logical.getCluster().getTypeFactory();
            // the validated names with the final types (MySQL's division may have made a column DECIMAL)
            RelDataType rowType = typeFactory.createStructType(physical.getRowType().getFieldList().stream()
                    .map(RelDataTypeField::getType).toList(), relRoot.validatedRowType.getFieldNames());
            return new Planned(physical, rowType, root, typeFactory);
        } catch (ShardgateException e) {
            throw e;
        } catch (Exception e) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, e, "this cross-shard join in Shardgate's federation: "
                    + firstLine(e) + "; make the tables co-located (co-located-with) or broadcast so the join runs on "
                    + "the shards, or rewrite the query");
        } finally {
            planner.close();
        }
    }

    /**
     * Subqueries become (semi/anti) joins and correlations are removed first, so that
     * {@link MySqlSemantics} sees every join, sort and aggregate it must adapt.
     */
    private static RelNode mysqlSemantics(RelNode logical) {
        org.apache.calcite.plan.hep.HepProgram program = new org.apache.calcite.plan.hep.HepProgramBuilder()
                .addRuleInstance(org.apache.calcite.rel.rules.CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
                .addRuleInstance(org.apache.calcite.rel.rules.CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
                .addRuleInstance(org.apache.calcite.rel.rules.CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)
                .build();
        org.apache.calcite.plan.hep.HepPlanner hep = new org.apache.calcite.plan.hep.HepPlanner(program);
        hep.setRoot(logical);
        RelNode withoutSubqueries = hep.findBestExp();
        org.apache.calcite.tools.RelBuilder builder = org.apache.calcite.rel.core.RelFactories.LOGICAL_BUILDER
                .create(logical.getCluster(), null);
        RelNode decorrelated = org.apache.calcite.sql2rel.RelDecorrelator.decorrelateQuery(withoutSubqueries, builder);
        MySqlSemantics semantics = new MySqlSemantics(builder);
        return semantics.finalDivisions(decorrelated.accept(semantics));
    }

    private static List<FederatedRows.Column> columns(RelDataType rowType, List<String> labels) {
        List<FederatedRows.Column> columns = new ArrayList<>();
        List<RelDataTypeField> fields = rowType.getFieldList();
        boolean useLabels = labels != null && labels.size() == fields.size();
        for (int i = 0; i < fields.size(); i++) {
            RelDataTypeField field = fields.get(i);
            RelDataType type = field.getType();
            SqlTypeName name = type.getSqlTypeName();
            String label = useLabels && labels.get(i) != null ? labels.get(i) : undeduplicated(field.getName(), fields, i);
            int precision = type.getPrecision() < 0 ? 0 : type.getPrecision();
            int scale = name == SqlTypeName.DECIMAL ? Math.max(0, type.getScale()) : 0;
            columns.add(new FederatedRows.Column(label, CalciteTypes.jdbcType(name),
                    name.getName().toUpperCase(Locale.ROOT), precision, scale, type.isNullable()));
        }
        return List.copyOf(columns);
    }

    /**
     * A field name as MySQL labels it: the planner makes duplicate names unique ({@code user_id},
     * {@code user_id0}), MySQL repeats them ({@code SELECT o.*, u.*} has two {@code user_id}).
     */
    private static String undeduplicated(String name, List<RelDataTypeField> fields, int index) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        if (end == name.length() || end == 0) {
            return name;
        }
        String base = name.substring(0, end);
        for (int i = 0; i < index; i++) {
            if (fields.get(i).getName().equals(base)) {
                return base;
            }
        }
        return name;
    }

    static RuntimeException translate(Throwable e, String sql) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShardgateException s) {
                return s;
            }
        }
        return new ShardgateException(ErrorCode.INTERNAL, e, "federated join failed: " + firstLine(e));
    }

    private static String firstLine(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The rows of a bound plan, converted back to JDBC values. */
    private static final class Rows implements FederatedRows {
        private final Enumerator<?> enumerator;
        private final List<Column> columns;
        private final SqlTypeName[] types;
        private Object[] current;
        private boolean closed;

        Rows(Enumerator<?> enumerator, List<Column> columns, RelDataType rowType) {
            this.enumerator = enumerator;
            this.columns = columns;
            this.types = rowType.getFieldList().stream().map(f -> f.getType().getSqlTypeName())
                    .toArray(SqlTypeName[]::new);
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            if (closed) {
                return false;
            }
            try {
                if (!enumerator.moveNext()) {
                    current = null;
                    return false;
                }
                Object row = enumerator.current();
                current = row instanceof Object[] array ? array : new Object[] {row};
                return true;
            } catch (RuntimeException e) {
                close();
                throw translate(e, "");
            }
        }

        @Override
        public Object value(int index) {
            return CalciteTypes.external(current[index], types[index]);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                enumerator.close();
            }
        }
    }

    /** What generated code asks of its context: the schema, the type factory, time and cancel flag. */
    private static final class Context implements DataContext {
        private final SchemaPlus rootSchema;
        private final JavaTypeFactory typeFactory;
        private final AtomicBoolean cancel;
        private final Map<String, Object> stashed;
        private final long now = System.currentTimeMillis();

        Context(SchemaPlus rootSchema, JavaTypeFactory typeFactory, AtomicBoolean cancel, Map<String, Object> stashed) {
            this.stashed = stashed;
            this.rootSchema = rootSchema;
            this.typeFactory = typeFactory == null ? new JavaTypeFactoryImpl(MySqlTypeSystem.INSTANCE) : typeFactory;
            this.cancel = cancel;
        }

        @Override
        public SchemaPlus getRootSchema() {
            return rootSchema;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return typeFactory;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            Object value = stashed.get(name);
            if (value != null) {
                return value;
            }
            TimeZone zone = TimeZone.getDefault();
            return switch (name) {
                case "utcTimestamp", "currentTimestamp" -> now;
                case "localTimestamp" -> now + zone.getOffset(now);
                case "timeZone" -> zone;
                case "cancelFlag" -> cancel;
                case "locale" -> Locale.ROOT;
                default -> null;
            };
        }
    }
}
