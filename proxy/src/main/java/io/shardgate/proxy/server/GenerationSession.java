package io.shardgate.proxy.server;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.proxy.frontend.ClientLogin;
import io.shardgate.proxy.ops.AdminCommands;
import io.shardgate.sql.OtherStatement;
import io.shardgate.sql.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A client session that follows rule reloads: it runs on one {@link EngineGeneration} and, before
 * a statement, when it is outside a transaction and a newer generation is current, opens a session
 * there with the same state (database, autocommit, isolation, session variables), closes the old
 * one and lets the old generation go. A statement or transaction in flight therefore always
 * finishes on the rules it started with. LAST_INSERT_ID() and the warnings of the last statement
 * before the move are not carried over. Same threading contract as {@link EngineSession}.
 */
final class GenerationSession implements EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationSession.class);

    private final ReloadableSessions owner;
    private final ClientLogin login;
    private EngineGeneration generation;
    private volatile EngineSession delegate;
    /** Statements prepared by the current delegate; those of an older one are prepared again after a move. */
    private final Set<SqlStatement> preparedHere = Collections.newSetFromMap(new WeakHashMap<>());
    private final Map<SqlStatement, SqlStatement> preparedAgain = new WeakHashMap<>();
    private boolean closed;
    /** A generation that refused this session (its database or account is gone): not tried again. */
    private EngineGeneration refused;

    GenerationSession(ReloadableSessions owner, EngineGeneration generation, EngineSession delegate, ClientLogin login) {
        this.owner = owner;
        this.generation = generation;
        this.delegate = delegate;
        this.login = login;
    }

    // ---- moving to new rules ------------------------------------------------------------------

    private EngineSession current() {
        EngineGeneration latest = owner.current();
        if (!closed && latest != generation && latest != refused && !delegate.inTransaction()) {
            move();
        }
        return delegate;
    }

    private void move() {
        EngineGeneration next = owner.acquire();
        EngineSession old = delegate;
        EngineSession moved;
        try {
            String database = old.database();
            boolean keepDatabase = database != null && next.engine().database(database) != null;
            moved = next.sessions().open(new ClientLogin(login.connectionId(), login.user(), login.host(),
                    keepDatabase ? database : null, login.foundRows(), login.attributes(), login.collationId()));
            carryState(old, moved);
        } catch (RuntimeException e) {
            refused = next;
            next.release();
            // the new rules do not accept this session as it is (its database or account is gone):
            // it stays on the old rules until it ends, rather than failing under the client
            LOG.info("connection {} of {} stays on rules generation {}: {}", login.connectionId(), login.user(),
                    generation.number(), e.getMessage());
            return;
        }
        delegate = moved;
        preparedHere.clear();
        preparedAgain.clear();
        EngineGeneration previous = generation;
        generation = next;
        try {
            old.close();
        } finally {
            previous.release();
        }
    }

    private static void carryState(EngineSession from, EngineSession to) {
        if (!from.autocommit()) {
            to.setAutocommit(false);
        }
        if (from.transactionIsolation() != 0) {
            to.setTransactionIsolation(from.transactionIsolation());
        }
        for (Map.Entry<String, String> variable : from.sessionVariables().entrySet()) {
            String sql = "SET SESSION " + variable.getKey() + " = " + variable.getValue();
            try (ExecutionResult ignored = to.execute(sql, List.of())) {
                // nothing to read
            } catch (RuntimeException e) {
                LOG.debug("session variable {} not carried to the new rules: {}", variable.getKey(), e.getMessage());
            }
        }
    }

    // ---- statements ---------------------------------------------------------------------------

    @Override
    public ExecutionResult execute(String sql, List<Object> parameters) {
        AdminCommands admin = owner.admin();
        ExecutionResult answer = admin == null ? null : admin.answer(sql);
        return answer != null ? answer : current().execute(sql, parameters);
    }

    @Override
    public ExecutionResult execute(SqlStatement statement, List<Object> parameters) {
        AdminCommands admin = owner.admin();
        ExecutionResult answer = admin == null ? null : admin.answer(statement);
        if (answer != null) {
            return answer;
        }
        EngineSession session = current();
        return session.execute(here(session, statement), parameters);
    }

    @Override
    public DirectRoute directRoute(SqlStatement statement, List<Object> parameters) {
        EngineSession session = current();
        return session.directRoute(here(session, statement), parameters);
    }

    @Override
    public void directFinished(long nanos, int errorCode, String sqlState, String message) {
        current().directFinished(nanos, errorCode, sqlState, message);
    }

    @Override
    public void directWarnings(List<io.shardgate.engine.EngineWarning> warnings) {
        current().directWarnings(warnings);
    }

    @Override
    public SqlStatement cachedAnalysis(String sql) {
        return current().cachedAnalysis(sql);
    }

    @Override
    public SqlStatement prepare(String sql) {
        SqlStatement statement = current().prepare(sql);
        preparedHere.add(statement);
        return statement;
    }

    @Override
    public List<ColumnMeta> resultColumns(SqlStatement statement) {
        EngineSession session = current();
        return session.resultColumns(here(session, statement));
    }

    /**
     * The statement as the current delegate knows it: statements the proxy answers itself are
     * prepared as placeholders that only the session that prepared them recognizes, so one
     * prepared before a move is prepared again (analyzed statements work on any session).
     */
    private SqlStatement here(EngineSession session, SqlStatement statement) {
        if (!(statement instanceof OtherStatement other) || other.tokens() != null || preparedHere.contains(statement)) {
            return statement;
        }
        return preparedAgain.computeIfAbsent(statement, old -> session.prepare(old.sql()));
    }

    // ---- state: always the current delegate's ------------------------------------------------

    @Override
    public String database() {
        return delegate.database();
    }

    @Override
    public void useDatabase(String database) {
        current().useDatabase(database);
    }

    @Override
    public boolean autocommit() {
        return delegate.autocommit();
    }

    @Override
    public void setAutocommit(boolean autocommit) {
        current().setAutocommit(autocommit);
    }

    @Override
    public boolean inTransaction() {
        return delegate.inTransaction();
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public void rollback() {
        delegate.rollback();
    }

    @Override
    public int transactionIsolation() {
        return delegate.transactionIsolation();
    }

    @Override
    public void setTransactionIsolation(int level) {
        current().setTransactionIsolation(level);
    }

    @Override
    public long lastInsertId() {
        return delegate.lastInsertId();
    }

    @Override
    public List<Long> generatedKeys() {
        return delegate.generatedKeys();
    }

    @Override
    public Map<String, String> sessionVariables() {
        return delegate.sessionVariables();
    }

    @Override
    public List<EngineWarning> warnings() {
        return delegate.warnings();
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    @Override
    public void reset() {
        current().reset();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            generation.release();
        }
    }
}
