package io.shardgate.proxy.compat;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.metadata.TableCatalog.TableInfo;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.compat.LocalStatement.InformationSchemaQuery;
import io.shardgate.proxy.compat.LocalStatement.Item;
import io.shardgate.proxy.compat.LocalStatement.Literal;
import io.shardgate.proxy.compat.LocalStatement.SessionFunction;
import io.shardgate.proxy.compat.LocalStatement.ShowServer;
import io.shardgate.proxy.compat.LocalStatement.ShowTable;
import io.shardgate.proxy.compat.LocalStatement.SystemVariable;
import io.shardgate.proxy.compat.LocalStatement.VariableSelect;
import io.shardgate.sql.OtherStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.StatementKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * An engine session as a MySQL server's session looks to its client: the statements that must not
 * reach a backend as they are (system variables, session functions, SHOW VARIABLES / COLLATION /
 * CHARACTER SET / ENGINES / PLUGINS / STATUS / WARNINGS, information_schema, and table
 * descriptions where the backend is H2) are answered here, over the logical schema and from the
 * engine session's own state (what the session SET, its database, autocommit, isolation,
 * LAST_INSERT_ID, warnings); everything else goes to the engine unchanged. Prepared statements of
 * local statements are answered here at every execution. Same threading contract as the engine
 * session it wraps.
 */
public final class CompatSession implements EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(CompatSession.class);

    private final EngineSession engine;
    private final CompatContext context;
    private final long connectionId;
    private final String user;
    private final String host;
    private final String handshakeCollation;
    /** Prepared local statements, by the placeholder handed to the front end (dropped with it). */
    private final Map<SqlStatement, LocalStatement> prepared = new WeakHashMap<>();
    /** The warnings of the last statement when it was answered here; null when the engine ran it. */
    private List<EngineWarning> localWarnings;
    private boolean closed;

    /**
     * @param collationId the collation the client chose in its handshake (0 when unknown)
     */
    public CompatSession(EngineSession engine, CompatContext context, long connectionId, String user, String host,
                         int collationId) {
        this.engine = engine;
        this.context = context;
        this.connectionId = connectionId;
        this.user = user;
        this.host = host;
        this.handshakeCollation = collationId > 0 ? context.facts().collationName(collationId) : null;
        context.opened();
    }

    // ---- statements ---------------------------------------------------------------------------------

    @Override
    public ExecutionResult execute(String sql, List<Object> parameters) {
        context.question();
        Optional<LocalStatement> local = LocalStatements.recognize(sql);
        if (local.isPresent()) {
            ExecutionResult answer = answer(local.get(), parameters);
            if (answer != null) {
                return answer;
            }
        }
        localWarnings = null;
        return engine.execute(sql, parameters);
    }

    @Override
    public ExecutionResult execute(SqlStatement statement, List<Object> parameters) {
        context.question();
        LocalStatement local = local(statement);
        if (local != null) {
            ExecutionResult answer = answer(local, parameters);
            if (answer != null) {
                return answer;
            }
            localWarnings = null;
            return engine.execute(statement.sql(), parameters);
        }
        localWarnings = null;
        return engine.execute(statement, parameters);
    }

    @Override
    public DirectRoute directRoute(SqlStatement statement, List<Object> parameters) {
        if (local(statement) != null) {
            return null;
        }
        DirectRoute route = engine.directRoute(statement, parameters);
        if (route != null) {
            context.directQuestion();
            localWarnings = null;
        }
        return route;
    }

    @Override
    public void directFinished(long nanos, int errorCode, String sqlState, String message) {
        engine.directFinished(nanos, errorCode, sqlState, message);
    }

    @Override
    public void directWarnings(List<io.shardgate.engine.EngineWarning> warnings) {
        engine.directWarnings(warnings);
    }

    @Override
    public SqlStatement cachedAnalysis(String sql) {
        return engine.cachedAnalysis(sql);
    }

    @Override
    public SqlStatement prepare(String sql) {
        Optional<LocalStatement> local = LocalStatements.recognize(sql);
        if (local.isEmpty()) {
            return engine.prepare(sql);
        }
        int markers = local.get() instanceof InformationSchemaQuery query ? query.parameterCount() : 0;
        StatementKind kind = local.get() instanceof VariableSelect || local.get() instanceof InformationSchemaQuery
                ? StatementKind.SELECT : StatementKind.SHOW;
        SqlStatement placeholder = new OtherStatement(sql, kind, List.of(), markers, Map.of(), true, null, null, null);
        prepared.put(placeholder, local.get());
        return placeholder;
    }

    @Override
    public List<ColumnMeta> resultColumns(SqlStatement statement) {
        LocalStatement local = local(statement);
        if (local == null) {
            return engine.resultColumns(statement);
        }
        if (local instanceof InformationSchemaQuery) {
            return List.of(); // known once executed; building the schema twice per statement is not worth it
        }
        List<EngineWarning> before = localWarnings;
        try (ExecutionResult answer = answer(local, List.of())) {
            return answer instanceof QueryResult rows ? rows.columns() : List.of();
        } catch (ShardgateException e) {
            return List.of();
        } finally {
            localWarnings = before;
        }
    }

    /**
     * The local statement behind a placeholder this session handed out, else null. Only our
     * placeholders (other statements without rewrite tokens) are looked up: hashing an engine
     * statement (a record over its whole analysis) on every execution would cost more than it runs.
     */
    private LocalStatement local(SqlStatement statement) {
        return statement instanceof OtherStatement other && other.tokens() == null ? prepared.get(statement) : null;
    }

    /** The local answer, or null when the engine should run the statement after all. */
    private ExecutionResult answer(LocalStatement local, List<Object> parameters) {
        try {
            ExecutionResult result = compute(local, parameters);
            if (result != null && clearsWarnings(local)) {
                localWarnings = List.of();
            }
            return result;
        } catch (ShardgateException e) {
            localWarnings = List.of(new EngineWarning("Error", e.code().mysqlCode(), e.getMessage()));
            throw e;
        }
    }

    /** Reading variables or the warnings themselves keeps the last statement's warnings, as in MySQL. */
    private static boolean clearsWarnings(LocalStatement local) {
        if (local instanceof VariableSelect) {
            return false;
        }
        if (local instanceof ShowServer show) {
            return switch (show.subject()) {
                case WARNINGS, ERRORS, WARNING_COUNT, ERROR_COUNT -> false;
                default -> true;
            };
        }
        return true;
    }

    private ExecutionResult compute(LocalStatement local, List<Object> parameters) {
        if (local instanceof VariableSelect select) {
            return select(select);
        }
        if (local instanceof ShowServer show) {
            return show(show);
        }
        if (local instanceof ShowTable show) {
            return describe(show);
        }
        if (local instanceof InformationSchemaQuery query) {
            try {
                return new InformationSchema(context.engine(), context.facts())
                        .query(query.sql(), parameters, engine.database()).toResult();
            } catch (SQLException e) {
                LOG.debug("information_schema query not answered over the logical schema ({}); the engine runs it",
                        e.getMessage());
                return null;
            }
        }
        throw new IllegalStateException("unknown local statement " + local);
    }

    // ---- SELECT @@… ---------------------------------------------------------------------------------

    private ExecutionResult select(VariableSelect select) {
        SystemVariables variables = variables();
        List<ColumnMeta> columns = new ArrayList<>();
        Object[] row = new Object[select.items().size()];
        for (int i = 0; i < row.length; i++) {
            Item item = select.items().get(i);
            if (item.expression() instanceof SystemVariable variable) {
                row[i] = variables.value(variable.name(), "GLOBAL".equals(variable.scope()));
                columns.add(Columns.of(item.label(), row[i]));
            } else if (item.expression() instanceof SessionFunction function) {
                row[i] = function(function.name());
                columns.add(row[i] instanceof Long ? Columns.unsignedNumber(item.label()) : Columns.text(item.label()));
            } else if (item.expression() instanceof Literal literal) {
                row[i] = literal.value();
                columns.add(literal.value() == null ? Columns.nullLiteral(item.label())
                        : Columns.of(item.label(), literal.value()));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        if (!select.noRows()) {
            rows.add(row);
        }
        return new LocalTable(columns, rows).toResult();
    }

    private Object function(String name) {
        return switch (name) {
            case "DATABASE", "SCHEMA" -> engine.database();
            case "USER", "SESSION_USER", "SYSTEM_USER" -> user + "@" + host;
            case "CURRENT_USER" -> user + "@%";
            case "CONNECTION_ID" -> connectionId;
            case "VERSION" -> context.serverVersion();
            case "LAST_INSERT_ID" -> engine.lastInsertId();
            default -> throw new IllegalStateException("session function " + name);
        };
    }

    private SystemVariables variables() {
        return new SystemVariables(context.facts(), context.serverOverrides(), engine, connectionId, handshakeCollation,
                warnings());
    }

    // ---- SHOW --------------------------------------------------------------------------------------

    private ExecutionResult show(ShowServer show) {
        ServerFacts facts = context.facts();
        LocalTable table = switch (show.subject()) {
            case VARIABLES -> LocalTable.ofText(List.of("Variable_name", "Value"), variables().list(show.global()));
            case STATUS -> context.status();
            case COLLATION -> facts.collations();
            case CHARACTER_SET -> facts.characterSets();
            case ENGINES -> facts.engines();
            case PLUGINS -> facts.plugins();
            case WARNINGS, ERRORS -> warningsTable(show.subject() == LocalStatement.Subject.ERRORS);
            case WARNING_COUNT, ERROR_COUNT -> {
                boolean errors = show.subject() == LocalStatement.Subject.ERROR_COUNT;
                long count = warnings().stream().filter(w -> !errors || w.level().equalsIgnoreCase("Error")).count();
                String label = errors ? "@@session.error_count" : "@@session.warning_count";
                yield new LocalTable(List.of(Columns.number(label)), List.<Object[]>of(new Object[] {count}));
            }
            case CREATE_DATABASE -> {
                LogicalDatabase db = context.engine().database(show.argument());
                if (db == null) {
                    throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, show.argument());
                }
                yield LocalTable.ofText(List.of("Database", "Create Database"), List.<Object[]>of(new Object[] {
                    db.name(), TableDescriptions.createDatabase(db.name(), charset(facts), collation(facts))}));
            }
        };
        table = table.like(show.like());
        if (show.where() != null) {
            try {
                table = table.where(show.where());
            } catch (SQLException e) {
                throw new ShardgateException(ErrorCode.PARSE_ERROR, e, "the WHERE condition of SHOW could not be "
                        + "evaluated (" + e.getMessage() + "); use LIKE or a simpler condition");
            }
        }
        return table.toResult();
    }

    private LocalTable warningsTable(boolean errorsOnly) {
        List<Object[]> rows = new ArrayList<>();
        for (EngineWarning warning : warnings()) {
            if (!errorsOnly || warning.level().equalsIgnoreCase("Error")) {
                rows.add(new Object[] {warning.level(), (long) warning.code(), warning.message()});
            }
        }
        return new LocalTable(List.of(Columns.text("Level"), Columns.unsignedInt("Code"), Columns.text("Message")),
                rows);
    }

    /** SHOW COLUMNS / DESCRIBE / SHOW CREATE TABLE / SHOW INDEX; null when the table's backend answers them. */
    private ExecutionResult describe(ShowTable show) {
        String name = show.database() != null ? show.database() : engine.database();
        if (name == null) {
            return null; // the engine reports "no database selected"
        }
        LogicalDatabase db = context.engine().database(name);
        if (db == null || CompatContext.speaksMysql(db, show.table())) {
            return null;
        }
        TableInfo table = db.catalog().table(show.table()).orElseThrow(() -> new ShardgateException(
                ErrorCode.UNKNOWN_TABLE, db.name() + "." + show.table()));
        ServerFacts facts = context.facts();
        LocalTable answer = switch (show.subject()) {
            case COLUMNS -> TableDescriptions.columns(table, false, show.like(), collation(facts));
            case FULL_COLUMNS -> TableDescriptions.columns(table, true, show.like(), collation(facts));
            case CREATE_TABLE -> TableDescriptions.createTable(table, charset(facts), collation(facts));
            case INDEX -> TableDescriptions.indexes(table);
        };
        return answer.toResult();
    }

    private static String charset(ServerFacts facts) {
        String charset = facts.global("character_set_server");
        return charset == null ? "utf8mb4" : charset;
    }

    private static String collation(ServerFacts facts) {
        String collation = facts.global("collation_server");
        return collation == null ? "utf8mb4_general_ci" : collation;
    }

    // ---- the rest is the engine session's ----------------------------------------------------------

    @Override
    public List<EngineWarning> warnings() {
        List<EngineWarning> local = localWarnings;
        return local != null ? local : engine.warnings();
    }

    @Override
    public String database() {
        return engine.database();
    }

    @Override
    public void useDatabase(String database) {
        engine.useDatabase(database);
    }

    @Override
    public boolean autocommit() {
        return engine.autocommit();
    }

    @Override
    public void setAutocommit(boolean autocommit) {
        engine.setAutocommit(autocommit);
    }

    @Override
    public boolean inTransaction() {
        return engine.inTransaction();
    }

    @Override
    public void commit() {
        engine.commit();
    }

    @Override
    public void rollback() {
        engine.rollback();
    }

    @Override
    public int transactionIsolation() {
        return engine.transactionIsolation();
    }

    @Override
    public void setTransactionIsolation(int level) {
        engine.setTransactionIsolation(level);
    }

    @Override
    public long lastInsertId() {
        return engine.lastInsertId();
    }

    @Override
    public List<Long> generatedKeys() {
        return engine.generatedKeys();
    }

    @Override
    public Map<String, String> sessionVariables() {
        return engine.sessionVariables();
    }

    @Override
    public void cancel() {
        engine.cancel();
    }

    @Override
    public void reset() {
        localWarnings = null;
        prepared.clear();
        engine.reset();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.closed();
        }
        engine.close();
    }
}
