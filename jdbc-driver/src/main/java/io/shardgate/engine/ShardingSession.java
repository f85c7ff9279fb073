package io.shardgate.engine;

import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.execute.ConnectionSource;
import io.shardgate.engine.execute.Executed;
import io.shardgate.engine.execute.PlanExecutor;
import io.shardgate.engine.replica.ReadWriteConnections;
import io.shardgate.engine.replica.SessionPositions;
import io.shardgate.engine.execute.ResultSetCursor;
import io.shardgate.engine.execute.RunningStatements;
import io.shardgate.engine.merge.ResultMerger;
import io.shardgate.engine.merge.RowStream;
import io.shardgate.engine.metadata.ColumnMetas;
import io.shardgate.engine.metadata.LocalColumns;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.engine.transaction.Transaction;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.rules.route.RoutePlanPrinter;
import io.shardgate.rules.route.RouteUnit;
import io.shardgate.sql.AdminStatement;
import io.shardgate.sql.KillStatement;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SetStatement;
import io.shardgate.sql.ShowStatement;
import io.shardgate.sql.LiteralParameters;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.TableRef;
import io.shardgate.sql.TransactionStatement;
import io.shardgate.sql.UseStatement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The engine's session: analyze → route → execute → merge for data statements, and the session
 * state MySQL keeps per connection (database, variables, autocommit, transaction, warnings,
 * LAST_INSERT_ID) for everything else. One statement at a time; {@link #cancel()} from any thread.
 */
final class ShardingSession implements EngineSession {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShardingSession.class);

    /** Schemas of the server itself: statements on them go to the default group unchanged. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema",
            "sys");

    private final Engine engine;
    private final SessionVariables variables = new SessionVariables();
    private final RunningStatements running = new RunningStatements();
    /** The session's last write per group, and the groups the open transaction wrote to (read-your-writes). */
    private final SessionPositions positions = new SessionPositions();
    private final Set<String> transactionWrites = new LinkedHashSet<>();
    private String database;
    private boolean autocommit = true;
    private Transaction transaction;
    private Integer nextTransactionIsolation;
    private List<EngineWarning> warnings = List.of();
    private long lastInsertId;
    private List<Long> generatedKeys = List.of();
    private boolean closed;
    /** The direct-lane statement in progress and what its observers are told when it ends. */
    private DirectRoute direct;
    private RuleSet directRules;
    private SqlStatement directStatement;
    private List<Object> directParameters;
    private RoutePlan directPlan;
    /** The route and rules of the running statement, for the engine's observers (null until routed). */
    private RoutePlan observedPlan;
    private io.shardgate.rules.config.RuleSet observedRules;

    ShardingSession(Engine engine) {
        this.engine = engine;
    }

    // ---- statements -----------------------------------------------------------------------------

    @Override
    public ExecutionResult execute(String sql, List<Object> parameters) {
        requireOpen();
        SqlStatement statement;
        List<Object> values = parameters;
        try {
            // a text statement's values become parameters, so that it shares its parse with its siblings
            LiteralParameters.Normalized normalized = parameters == null || parameters.isEmpty()
                    ? LiteralParameters.of(sql) : null;
            statement = normalized == null ? null : engine.analyzeTemplate(normalized.sql());
            if (statement != null) {
                values = normalized.values();
            } else {
                statement = engine.analyze(sql);
            }
        } catch (ShardgateException e) {
            warnings = List.of(new EngineWarning("Error", e.code().mysqlCode(), e.getMessage()));
            engine.observer().statementExecuted(new StatementEvent(null, null, parameters, null, 0, e));
            throw e;
        }
        return execute(statement, values);
    }

    @Override
    public SqlStatement prepare(String sql) {
        requireOpen();
        return engine.analyze(sql);
    }

    /**
     * A SELECT's columns without running it here: the statement is routed with NULL for every
     * marker and the first unit's physical SQL is described by its backend
     * ({@code PreparedStatement.getMetaData()}), named as logical columns. Clients of the binary
     * protocol need them at prepare time (libmysqlclient/libmariadb, as used by sysbench and PHP,
     * only read rows of a statement whose prepare announced columns). Empty when it cannot be
     * known (the backend is unreachable, a marker NULL is not valid there …): never an error.
     */
    @Override
    public List<ColumnMeta> resultColumns(SqlStatement statement) {
        if (!(statement instanceof SelectStatement select) || select.lock() != SelectStatement.LockMode.NONE
                || closed) {
            return List.of();
        }
        try {
            LogicalDatabase db = targetDatabase(statement);
            List<Object> nulls = java.util.Collections.nCopies(statement.parameterCount(), null);
            RoutePlan plan = usesSystemSchema(statement) ? passThrough(db, statement) : route(db, statement, nulls);
            if (plan.units().isEmpty()) {
                return List.of();
            }
            RouteUnit unit = plan.units().get(0);
            try (java.sql.Connection connection = db.backends().connect(db.backends().serverFor(unit), variables);
                 java.sql.PreparedStatement prepared = describable(connection, unit.sql())) {
                java.sql.ResultSetMetaData meta = prepared.getMetaData();
                if (meta == null) {
                    return List.of();
                }
                List<ColumnMeta> columns = ColumnMetas.of(meta, unit.group(), db.names(), db.name());
                int visible = Math.max(0, columns.size() - plan.merge().hiddenColumns());
                return List.copyOf(columns.subList(0, visible));
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("columns of '{}' unknown at prepare: {}", abbreviate(statement.sql()), e.toString());
            return List.of();
        }
    }

    /**
     * A statement whose metadata comes from the server's own prepare (COM_STMT_PREPARE: one round
     * trip, nothing runs) where the backend driver is Connector/J, whose client-side statements
     * would run the query with NULL parameters to describe it; the plain JDBC way elsewhere.
     */
    private static java.sql.PreparedStatement describable(java.sql.Connection connection, String sql)
            throws SQLException {
        if (connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
            return connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).serverPrepareStatement(sql);
        }
        return connection.prepareStatement(sql);
    }

    @Override
    public ExecutionResult execute(SqlStatement statement, List<Object> parameters) {
        requireOpen();
        running.reset();
        generatedKeys = List.of();
        if (!isWarningsQuery(statement)) {
            warnings = List.of();
        }
        long start = System.nanoTime();
        observedPlan = null;
        observedRules = null;
        ShardgateException failure = null;
        try {
            ExecutionResult result = dispatch(statement, parameters == null ? List.of() : parameters);
            if (!isWarningsQuery(statement)) {
                warnings = result.warnings();
            }
            return result;
        } catch (ShardgateException e) {
            ShardgateException reported = asDeadlock(e);
            failure = reported;
            afterError(reported);
            throw reported;
        } catch (RuntimeException e) {
            // a bug must cost this statement with a clear error, never the session or the caller's thread
            log.error("statement failed unexpectedly: {}", abbreviate(statement.sql()), e);
            ShardgateException error = new ShardgateException(ErrorCode.INTERNAL, e, "internal error in Shardgate ("
                    + e + ") running '" + abbreviate(statement.sql()) + "'; please report it");
            failure = error;
            afterError(error);
            throw error;
        } finally {
            engine.observer().statementExecuted(new StatementEvent(observedRules, statement,
                    parameters == null ? List.of() : parameters, observedPlan, System.nanoTime() - start, failure));
        }
    }

    @Override
    public DirectRoute directRoute(SqlStatement statement, List<Object> parameters) {
        if (closed || transaction != null || !autocommit || !variables.isEmpty()
                || !(statement instanceof SelectStatement select) || select.tables().isEmpty()
                || usesSystemSchema(statement)) {
            return null;
        }
        RoutePlan plan;
        LogicalDatabase db;
        try {
            db = targetDatabase(statement);
            plan = route(db, statement, parameters);
        } catch (RuntimeException e) {
            return null; // the engine path reports it, with the session's bookkeeping
        }
        if (plan.units().size() != 1 || !plan.flags().isEmpty() || !plan.merge().equals(MergeSpec.NONE)
                || !plan.generatedKeys().isEmpty() || plan.variant() == RoutePlan.Variant.LOCAL) {
            return null;
        }
        RouteUnit unit = plan.units().get(0);
        BackendServer server;
        try {
            server = db.replicas().connections(variables, false, false, positions,
                    db.replicas().consistency(statement.hints())).chooseWithoutWaiting(unit);
        } catch (RuntimeException e) {
            return null;
        }
        if (server == null || !server.dialect().understandsMysqlVariables()) {
            return null; // the choice needs a round trip, or not a MySQL-protocol server (H2)
        }
        running.reset();
        generatedKeys = List.of();
        warnings = List.of();
        directRules = db.rules();
        directStatement = statement;
        directParameters = parameters;
        directPlan = plan;
        GroupRule.Pool pool = db.rules().groups().get(server.group()).pool();
        direct = new DirectRoute(server, unit.sql(), unit.parameterIndexes(), db.name(), db.names(),
                pool == null ? GroupRule.Pool.DEFAULT : pool);
        return direct;
    }

    @Override
    public SqlStatement cachedAnalysis(String sql) {
        return engine.cachedAnalysis(sql);
    }

    @Override
    public void directWarnings(List<EngineWarning> backendWarnings) {
        warnings = List.copyOf(backendWarnings);
    }

    @Override
    public void directFinished(long nanos, int errorCode, String sqlState, String message) {
        DirectRoute route = direct;
        direct = null;
        ShardgateException failure = null;
        if (message != null) {
            warnings = List.of(new EngineWarning("Error", errorCode, message));
            failure = new BackendException(route == null ? null : route.server().group(), message,
                    new java.sql.SQLException(message, sqlState, errorCode));
        }
        if (route != null) {
            engine.observer().statementExecuted(new StatementEvent(directRules, directStatement, directParameters,
                    directPlan, nanos, failure));
        }
    }

    private ExecutionResult dispatch(SqlStatement statement, List<Object> parameters) {
        if (statement instanceof TransactionStatement command) {
            return transactionCommand(command);
        }
        if (statement instanceof UseStatement use) {
            useDatabase(use.database());
            return done();
        }
        if (statement instanceof SetStatement set) {
            new SessionSet(this).apply(set, parameters);
            return done();
        }
        if (statement instanceof AdminStatement admin && admin.command() == AdminStatement.Command.EXPLAIN_ROUTE) {
            return explainRoute(admin, parameters);
        }
        if (statement instanceof AdminStatement admin && (admin.command() == AdminStatement.Command.SHOW_GROUPS
                || admin.command() == AdminStatement.Command.SHOW_RULES)) {
            return new ReplicaShow(engine).answer(admin.command());
        }
        if (statement instanceof KillStatement || statement instanceof AdminStatement) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, statement.kind() + " through the engine; "
                    + "the Shardgate proxy answers it");
        }
        if (statement.kind() == StatementKind.XA) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "XA statements; Shardgate manages transactions "
                    + "across shards itself (policies.cross-shard-transaction)");
        }
        LogicalDatabase db = targetDatabase(statement);
        if (statement instanceof ShowStatement show) {
            ExecutionResult local = new SessionShow(this, db).answer(show);
            if (local != null) {
                return local;
            }
        }
        if (statement instanceof SelectStatement select && select.tables().isEmpty()) {
            ExecutionResult local = sessionFunctions(select);
            if (local != null) {
                return local;
            }
        }
        RoutePlan plan = usesSystemSchema(statement) ? passThrough(db, statement) : route(db, statement, parameters);
        return run(db, statement, plan, parameters);
    }

    /**
     * EXPLAIN ROUTE: the plan the statement would get in this session now, printed as the CLI and
     * the golden tests print it, one (key, value) row per line. Markers without values route as NULL.
     */
    private ExecutionResult explainRoute(AdminStatement admin, List<Object> parameters) {
        SqlStatement inner = engine.analyze(admin.argument());
        List<Object> values = new ArrayList<>(parameters);
        while (values.size() < inner.parameterCount()) {
            values.add(null);
        }
        LogicalDatabase db = targetDatabase(inner);
        RoutePlan plan = usesSystemSchema(inner) ? passThrough(db, inner) : route(db, inner, values);
        List<Object[]> rows = new ArrayList<>();
        for (String[] line : RoutePlanPrinter.rows(plan)) {
            rows.add(new Object[] {line[0], line[1]});
        }
        if (plan.hasFlag(RouteFlag.Kind.CROSS_SHARD_JOIN) && inner instanceof SelectStatement select) {
            // the units above are not run: Shardgate joins per-table scans itself
            for (String line : new FederatedSelect(engine, db, s -> route(db, s, List.of()), null, running)
                    .explain(select, values)) {
                rows.add(new Object[] {"federate", line});
            }
        }
        return LocalResults.of(List.of(LocalColumns.text("key"), LocalColumns.text("value")), rows, List.of());
    }

    /** The one place statements are routed. */
    private RoutePlan route(LogicalDatabase db, SqlStatement statement, List<Object> parameters) {
        RouteContext context = new RouteContext(transaction != null || !autocommit,
                transaction == null ? Set.of() : transaction.groups(), engine.keys());
        return db.router().route(statement, parameters, context);
    }

    /**
     * A join the router flagged cross-shard would give a wrong answer if each shard joined only
     * its own rows; SELECTs are federated, anything else flagged so is refused clearly.
     */
    private static void refuseUnfederatedJoin(RoutePlan plan) {
        for (RouteFlag flag : plan.flags()) {
            if (flag.kind() == RouteFlag.Kind.CROSS_SHARD_JOIN) {
                throw new ShardgateException(ErrorCode.NOT_SUPPORTED, flag.message()
                        + ". Shardgate federates only SELECTs, and running this statement shard by shard would be "
                        + "wrong; add shard-key conditions that put every table on one shard, declare "
                        + "co-located-with, or make the small table broadcast");
            }
        }
    }

    /** Executes a plan and merges its results. */
    private ExecutionResult run(LogicalDatabase db, SqlStatement statement, RoutePlan plan, List<Object> parameters) {
        if (plan.variant() == RoutePlan.Variant.LOCAL || plan.units().isEmpty()) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, statement.kind() + " statement '"
                    + abbreviate(statement.sql()) + "' in the engine");
        }
        observedPlan = plan;
        observedRules = db.rules();
        if (!(plan.hasFlag(RouteFlag.Kind.CROSS_SHARD_JOIN) && statement instanceof SelectStatement)) {
            ResultMerger.checkSupported(plan.merge(), plan.units().size());
            refuseUnfederatedJoin(plan);
        }
        boolean ddl = statement.kind() == StatementKind.DDL;
        if (ddl && transaction != null) {
            commit(); // DDL commits the open transaction first, as on MySQL
        }
        List<EngineWarning> statementWarnings = new ArrayList<>();
        for (RouteFlag flag : plan.flags()) {
            statementWarnings.add(new EngineWarning("Warning", flag.kind().warningCode(), flag.message()));
        }
        ConnectionSource source;
        ReadWriteConnections pooled = null;
        boolean writes = shape(statement) != PlanExecutor.Shape.QUERY;
        if (!ddl && (transaction != null || !autocommit)) {
            Transaction tx = openTransaction();
            tx.bind(db.name(), db.backends(), db.rules().policies().crossShardTransaction(), db.xa(), db.deadlocks());
            statementWarnings.addAll(tx.join(plan.groups(), plan.hasFlag(RouteFlag.Kind.CROSS_SHARD_TRANSACTION)));
            if (writes) {
                transactionWrites.addAll(plan.groups());
            }
            source = tx;
        } else {
            source = pooled = db.replicas().connections(variables, ddl, writes, positions,
                    db.replicas().consistency(statement.hints()));
        }
        // while it runs, a transaction's statement may wait for locks: the deadlock detector looks then
        Transaction watched = source instanceof Transaction tx ? tx : null;
        if (watched != null) {
            watched.statementStarted();
        }
        Executed executed;
        try {
            if (plan.hasFlag(RouteFlag.Kind.CROSS_SHARD_JOIN) && statement instanceof SelectStatement select) {
                // policy cross-shard-join=federate (reject never reaches here): join in Shardgate
                return new FederatedSelect(engine, db, s -> route(db, s, List.of()), source, running)
                        .execute(select, parameters, statementWarnings);
            }
            executed = engine.planExecutor().execute(plan.units(), parameters, source, shape(statement), running);
        } finally {
            if (watched != null) {
                watched.statementEnded();
            }
        }
        statementWarnings.addAll(executed.warnings());
        if (executed.hasRows()) {
            return rows(db, statement, plan, executed, statementWarnings);
        }
        if (ddl) {
            db.catalog().invalidate(statement.tableNames());
        }
        List<Long> keys = plan.generatedKeys().isEmpty() ? executed.generatedKeys() : plan.generatedKeys();
        long insertId = 0;
        if (!keys.isEmpty()) {
            insertId = keys.get(0);
            lastInsertId = insertId;
        }
        generatedKeys = keys;
        if (pooled != null) {
            db.replicas().afterWrite(pooled, positions, statement.hints());
        }
        return new UpdateResult(affectedRows(plan, executed), insertId, List.copyOf(statementWarnings));
    }

    /**
     * Rows a write changed, as one MySQL would count them: the sum over shards, except for a
     * broadcast write, which changes the same rows in every group's copy, so one copy's count is
     * what the client changed (an application checking {@code executeUpdate(…) == 1} keeps working).
     */
    private static long affectedRows(RoutePlan plan, Executed executed) {
        if (plan.variant() == RoutePlan.Variant.BROADCAST && !executed.counts().isEmpty()) {
            return executed.counts().get(0).affectedRows();
        }
        return executed.affectedRows();
    }

    private QueryResult rows(LogicalDatabase db, SqlStatement statement, RoutePlan plan, Executed executed,
                             List<EngineWarning> statementWarnings) {
        try {
            ResultSetCursor first = executed.cursors().get(0);
            List<ColumnMeta> columns = ColumnMetas.of(first.metaData(), first.unit().group(), db.names(), db.name());
            int columnCount = first.columnCount();
            MergeSpec merge = plan.merge();
            RowStream rows = executed.cursors().size() == 1 ? first
                    : engine.merger().merge(executed.cursors(), columnCount, merge);
            int visible = Math.max(0, columnCount - merge.hiddenColumns());
            if (statement instanceof ShowStatement show && !show.tables().isEmpty()) {
                rows = SessionShow.logicalNames(rows, db, show);
            }
            // streamed units add their backend's warnings when drained: the list is live until then
            List<EngineWarning> warnings = new java.util.concurrent.CopyOnWriteArrayList<>(statementWarnings);
            for (ResultSetCursor cursor : executed.cursors()) {
                cursor.reportLateWarningsTo(warnings);
            }
            return new QueryResult(List.copyOf(columns.subList(0, visible)), rows, java.util.Collections.unmodifiableList(warnings));
        } catch (SQLException e) {
            executed.close();
            throw new ShardgateException(ErrorCode.BACKEND_ERROR, e, "reading result metadata failed: " + e.getMessage());
        } catch (RuntimeException e) {
            executed.close();
            throw e;
        }
    }

    private static PlanExecutor.Shape shape(SqlStatement statement) {
        return switch (statement.kind()) {
            case SELECT, SHOW, EXPLAIN -> PlanExecutor.Shape.QUERY;
            case INSERT, REPLACE -> PlanExecutor.Shape.INSERT;
            default -> PlanExecutor.Shape.WRITE;
        };
    }

    /**
     * The error of a statement the deadlock detector killed to break a deadlock across groups:
     * ER_LOCK_DEADLOCK, as one MySQL reports a deadlock (afterError then rolls the transaction back
     * on every group); any other error as it is.
     */
    private ShardgateException asDeadlock(ShardgateException e) {
        String deadlock = transaction == null ? null : transaction.deadlockVictim();
        if (deadlock == null) {
            return e;
        }
        String group = e instanceof BackendException backend ? backend.group() : null;
        return new BackendException(group, 1213, "40001", deadlock, e);
    }

    private void afterError(ShardgateException e) {
        int code = e instanceof BackendException backend ? backend.errorNumber() : e.code().mysqlCode();
        warnings = List.of(new EngineWarning("Error", code, e.getMessage())); // what SHOW WARNINGS/ERRORS show
        if (transaction == null) {
            return;
        }
        String state = e instanceof BackendException backend ? backend.sqlState() : e.code().sqlState();
        // a deadlock (40xxx) has already rolled back the transaction on its server, and a lost
        // connection (08xxx) loses it: end it everywhere, so no group commits half of it
        if (state != null && (state.startsWith("40") || state.startsWith("08"))) {
            transaction.rollback();
            transaction = null;
            nextTransactionIsolation = null;
        } else if (transaction.ended()) {
            transaction = null;
        }
    }

    // ---- databases --------------------------------------------------------------------------------

    private LogicalDatabase targetDatabase(SqlStatement statement) {
        Set<String> named = new LinkedHashSet<>();
        boolean unqualified = false;
        for (TableRef table : statement.tables()) {
            if (table.schema() == null) {
                unqualified = true;
                continue;
            }
            String schema = table.schema().toLowerCase(Locale.ROOT);
            if (SYSTEM_SCHEMAS.contains(schema)) {
                continue;
            }
            if (engine.database(schema) == null) {
                throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, table.schema());
            }
            named.add(engine.database(schema).name());
        }
        if (statement instanceof ShowStatement show && show.database() != null) {
            LogicalDatabase db = engine.database(show.database());
            if (db == null && !SYSTEM_SCHEMAS.contains(show.database().toLowerCase(Locale.ROOT))) {
                throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, show.database());
            }
            if (db != null) {
                named.add(db.name());
            }
        }
        if (unqualified) {
            if (database == null) {
                throw new ShardgateException(ErrorCode.NO_DATABASE_SELECTED);
            }
            named.add(database);
        }
        if (named.size() > 1) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "a statement across logical databases "
                    + String.join(" and ", named) + "; each logical database has its own shards: query them separately");
        }
        String name = named.isEmpty() ? (database != null ? database : engine.databases().get(0)) : named.iterator().next();
        return engine.database(name);
    }

    private static boolean usesSystemSchema(SqlStatement statement) {
        for (TableRef table : statement.tables()) {
            if (table.schema() != null && SYSTEM_SCHEMAS.contains(table.schema().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The statement unchanged on the default group (server schemas such as information_schema). */
    private RoutePlan passThrough(LogicalDatabase db, SqlStatement statement) {
        int[] indexes = new int[statement.parameterCount()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        RouteUnit unit = new RouteUnit(db.rules().defaultGroup(),
                transaction != null ? RouteUnit.Role.LEADER : RouteUnit.Role.READ, statement.sql(), indexes, List.of());
        return new RoutePlan(statement.sql(), statement.kind(), RoutePlan.Variant.UNSHARDED, List.of(unit),
                MergeSpec.NONE, List.of(), List.of());
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public void useDatabase(String name) {
        LogicalDatabase db = engine.database(name);
        if (db == null) {
            throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, name);
        }
        database = db.name();
    }

    /** SELECT DATABASE(), SCHEMA(), LAST_INSERT_ID() — answered from the session (logical names). */
    private ExecutionResult sessionFunctions(SelectStatement select) {
        if (select.items().isEmpty() || select.where() != null && !(select.where() instanceof io.shardgate.sql.Predicate.Opaque)) {
            return null;
        }
        List<ColumnMeta> columns = new ArrayList<>();
        Object[] row = new Object[select.items().size()];
        for (int i = 0; i < select.items().size(); i++) {
            SelectStatement.SelectItem item = select.items().get(i);
            String function = item.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            String label = item.alias() != null ? item.alias() : item.text();
            switch (function) {
                case "database()", "schema()" -> {
                    columns.add(LocalColumns.text(label));
                    row[i] = database;
                }
                case "last_insert_id()" -> {
                    columns.add(LocalColumns.unsignedNumber(label));
                    row[i] = lastInsertId;
                }
                default -> {
                    return null;
                }
            }
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        return LocalResults.of(columns, rows, List.of());
    }

    SessionVariables variables() {
        return variables;
    }

    /** SET TRANSACTION ISOLATION LEVEL without SESSION: for the next transaction only. */
    void setNextTransactionIsolation(Integer level) {
        nextTransactionIsolation = level;
    }

    /** The logical database SET statements are checked against: the current one, else the first. */
    LogicalDatabase settingsDatabase() {
        return engine.database(database != null ? database : engine.databases().get(0));
    }

    // ---- transactions -----------------------------------------------------------------------------

    private ExecutionResult transactionCommand(TransactionStatement command) {
        switch (command.kind()) {
            case BEGIN -> {
                if (transaction != null) {
                    commit(); // BEGIN commits the open transaction, as on MySQL
                }
                openTransaction();
            }
            case COMMIT -> commit();
            case ROLLBACK -> {
                if (command.savepoint() == null) {
                    rollback();
                } else {
                    requireTransaction(command).rollbackTo(command.savepoint());
                }
            }
            case SAVEPOINT -> {
                if (command.release()) {
                    requireTransaction(command).release(command.savepoint());
                } else if (transaction != null || !autocommit) {
                    openTransaction().savepoint(command.savepoint());
                }
            }
            default -> throw new ShardgateException(ErrorCode.INTERNAL, "transaction statement " + command.kind());
        }
        return done();
    }

    private Transaction requireTransaction(TransactionStatement command) {
        if (transaction == null) {
            throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "SAVEPOINT " + command.savepoint()
                    + " (it does not exist: no transaction is open)");
        }
        return transaction;
    }

    private Transaction openTransaction() {
        if (transaction == null) {
            transactionWrites.clear();
            transaction = new Transaction(variables, nextTransactionIsolation);
        }
        return transaction;
    }

    @Override
    public boolean autocommit() {
        return autocommit;
    }

    @Override
    public void setAutocommit(boolean on) {
        if (on && !autocommit && transaction != null) {
            commit();
        }
        autocommit = on;
    }

    @Override
    public boolean inTransaction() {
        return transaction != null;
    }

    @Override
    public void commit() {
        Transaction tx = transaction;
        transaction = null;
        nextTransactionIsolation = null;
        if (tx == null) {
            return;
        }
        // the replicas read each written group's commit position (read-your-writes, writes.ack)
        LogicalDatabase db = tx.database() == null ? null : engine.database(tx.database());
        if (db == null) {
            tx.commit();
        } else {
            db.replicas().commit(tx, transactionWrites, positions);
        }
    }

    @Override
    public void rollback() {
        Transaction tx = transaction;
        transaction = null;
        nextTransactionIsolation = null;
        if (tx != null) {
            tx.rollback();
        }
    }

    @Override
    public int transactionIsolation() {
        Integer level = variables.isolation();
        return level == null ? 0 : level;
    }

    @Override
    public void setTransactionIsolation(int level) {
        variables.setIsolation(level == 0 ? null : level);
    }

    // ---- the rest of the session ------------------------------------------------------------------

    @Override
    public List<EngineWarning> warnings() {
        return warnings;
    }

    @Override
    public java.util.Map<String, String> sessionVariables() {
        return variables.sessionValues();
    }

    @Override
    public long lastInsertId() {
        return lastInsertId;
    }

    @Override
    public List<Long> generatedKeys() {
        return generatedKeys;
    }

    @Override
    public void cancel() {
        running.cancelAll();
    }

    @Override
    public void reset() {
        rollback();
        variables.clear();
        autocommit = true;
        nextTransactionIsolation = null;
        warnings = List.of();
        lastInsertId = 0;
        generatedKeys = List.of();
        positions.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            rollback();
        } finally {
            closed = true;
            engine.closed(this);
        }
    }

    Engine engine() {
        return engine;
    }

    private void requireOpen() {
        if (closed) {
            throw new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE, "the session is closed");
        }
    }

    private static boolean isWarningsQuery(SqlStatement statement) {
        return statement instanceof ShowStatement show && (show.what().endsWith("WARNINGS")
                || show.what().endsWith("ERRORS"));
    }

    private static ExecutionResult done() {
        return new UpdateResult(0, 0, List.of());
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
