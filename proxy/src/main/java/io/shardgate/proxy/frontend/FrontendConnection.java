package io.shardgate.proxy.frontend;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.QueryResult;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.frontend.ClientOutput.ClientGoneException;
import io.shardgate.proxy.protocol.CapabilityFlags;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ComChangeUser;
import io.shardgate.proxy.protocol.ComFieldList;
import io.shardgate.proxy.protocol.ComInitDb;
import io.shardgate.proxy.protocol.ComProcessKill;
import io.shardgate.proxy.protocol.ComQuery;
import io.shardgate.proxy.protocol.ComSetOption;
import io.shardgate.proxy.protocol.ComStatistics;
import io.shardgate.proxy.protocol.ComStmtClose;
import io.shardgate.proxy.protocol.ComStmtFetch;
import io.shardgate.proxy.protocol.ComStmtPrepare;
import io.shardgate.proxy.protocol.ComStmtReset;
import io.shardgate.proxy.protocol.ComStmtSendLongData;
import io.shardgate.proxy.protocol.CommandType;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.SslRequest;
import io.shardgate.proxy.protocol.StatusFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection: the connection phase (greeting, authentication, TLS already negotiated by
 * {@link FrontendHandler}) and then the command phase, dispatching every command to the engine
 * session. Packets are handled one at a time, in arrival order, on a worker thread (never the
 * event loop); only {@link #kill()}, {@link #cancelQuery()} and the event-loop callbacks are called
 * from other threads.
 */
final class FrontendConnection {

    private static final Logger LOG = LoggerFactory.getLogger(FrontendConnection.class);
    /** One INFO line per connection event (open, auth ok, auth failed, close): user and address, never secrets. */
    private static final Logger CONNECTIONS = LoggerFactory.getLogger("io.shardgate.proxy.connections");

    /** Stop reading from the socket while this many packets wait (pipelining clients). */
    private static final int MAX_QUEUED_PACKETS = 64;
    private static final int CHARSET_UTF8MB4_GENERAL_CI = 45;
    private static final int SET_OPTION_MULTI_STATEMENTS_ON = 0;
    private static final int SET_OPTION_MULTI_STATEMENTS_OFF = 1;

    private enum Phase { HANDSHAKE, AUTHENTICATION, COMMAND, CLOSED }

    /** Everything the connections of one server share. */
    record Shared(SessionFactory sessions, TlsConfig tls, ProxyOptions options, ConnectionRegistry registry,
                  ServerStatistics statistics, CachingSha2Password sha2, SecureRandom random, Executor workers,
                  DirectLane lane, Transport transport) {

        int capabilities() {
            int flags = CapabilityFlags.SERVER_DEFAULT | (tls.enabled() ? CapabilityFlags.SSL : 0);
            return options.deprecateEof() ? flags : flags & ~CapabilityFlags.DEPRECATE_EOF;
        }
    }

    private final long id;
    private final Channel channel;
    private final Shared shared;
    private final SerialExecutor serial;
    private final ClientOutput out;
    private final AtomicInteger queued = new AtomicInteger();
    private final byte[] scramble;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Phase phase = Phase.HANDSHAKE;
    private int capabilities;
    private boolean secure;
    private boolean multiStatements;
    private Authentication authentication;
    private String requestedDatabase;
    private String loginUser;
    private Map<String, String> attributes = Map.of();
    private int collationId;
    private ResultSetWriter results;
    private PreparedStatements statements;
    private volatile String user;
    private volatile EngineSession session;
    /** The direct-lane execution in progress, and client packets that arrived meanwhile (event loop only). */
    private DirectExecution direct;
    private final ArrayDeque<Packet> held = new ArrayDeque<>();

    FrontendConnection(long id, Channel channel, Shared shared) {
        this.id = id;
        this.channel = channel;
        this.shared = shared;
        this.serial = new SerialExecutor(shared.workers());
        this.out = new ClientOutput(channel, shared.options().writeTimeout());
        this.scramble = Scramble.generate(shared.random());
    }

    long id() {
        return id;
    }

    String user() {
        return user;
    }

    // ---- called on the event loop --------------------------------------------------------------

    void start() {
        shared.registry().add(this);
        CONNECTIONS.info("connection {} open from {}", id, channel.remoteAddress());
        serial.execute(this::greet);
    }

    void receive(Packet packet) {
        if (direct != null || !held.isEmpty()) {
            hold(packet);
            return;
        }
        // The worker is idle (nothing queued), so the state read here is the state it left.
        if (shared.lane() != null && queued.get() == 0 && phase == Phase.COMMAND && startDirect(packet)) {
            return;
        }
        enqueue(packet);
    }

    private void enqueue(Packet packet) {
        if (queued.incrementAndGet() >= MAX_QUEUED_PACKETS) {
            channel.config().setAutoRead(false);
        }
        serial.execute(() -> {
            out.beginDeferring();
            try {
                handle(packet);
            } finally {
                packet.release();
                int left = queued.decrementAndGet();
                out.endDeferring(); // the reply leaves once the connection counts as idle
                if (left == MAX_QUEUED_PACKETS / 2) {
                    // Decided on the event loop, where reading was paused, so no resume is lost.
                    channel.eventLoop().execute(this::resumeReading);
                }
            }
        });
    }

    /** A pipelined packet behind a direct execution: it runs after it, in order. */
    private void hold(Packet packet) {
        held.add(packet);
        if (held.size() >= MAX_QUEUED_PACKETS) {
            channel.config().setAutoRead(false);
        }
    }

    private void releaseHeld() {
        while (direct == null && !held.isEmpty()) {
            Packet next = held.poll();
            if (shared.lane() != null && queued.get() == 0 && phase == Phase.COMMAND && startDirect(next)) {
                continue;
            }
            enqueue(next);
        }
        if (held.isEmpty()) {
            resumeReading();
        }
    }

    /** COM_STMT_EXECUTE or COM_QUERY that one backend answers verbatim: run it here, on the event loop. */
    private boolean startDirect(Packet packet) {
        if (packet.firstSequenceId() != 0 || packet.sequenceId() != 0 || session == null) {
            return false;
        }
        int command = packet.payload().peekInt1();
        DirectRequest request = command == CommandType.STMT_EXECUTE.code() ? statements.direct(session, packet.payload())
                : command == CommandType.QUERY.code() ? textRequest(packet.payload()) : null;
        if (request == null) {
            return false;
        }
        shared.statistics().question();
        out.replyTo(0);
        DirectExecution execution = new DirectExecution(request, packet, out, results,
                CapabilityFlags.has(capabilities, CapabilityFlags.DEPRECATE_EOF), channel, directOwner);
        direct = execution;
        if (!shared.lane().start(channel.eventLoop(), execution)) {
            direct = null;
            return false; // the engine runs it: the packet was left unread
        }
        return true;
    }

    private DirectRequest textRequest(Payload payload) {
        int start = payload.buffer().readerIndex();
        try {
            return TextRequests.of(session, ComQuery.decode(payload).query());
        } catch (RuntimeException e) {
            return null;
        } finally {
            payload.buffer().readerIndex(start);
        }
    }

    private final DirectExecution.Owner directOwner = new DirectExecution.Owner() {
        @Override
        public void finished(DirectExecution execution, io.shardgate.proxy.backend.BackendLink link) {
            shared.lane().release(channel.eventLoop(), link);
            EngineSession current = session;
            ErrPacket failure = execution.failure();
            if (current != null) {
                if (!execution.warnings().isEmpty()) {
                    current.directWarnings(execution.warnings());
                }
                current.directFinished(execution.nanos(), failure == null ? 0 : failure.errorCode(),
                        failure == null ? null : failure.sqlState(), failure == null ? null : failure.message());
            }
            if (direct == execution) {
                direct = null;
                execution.original().release();
                releaseHeld();
            }
        }

        @Override
        public void fallBack(DirectExecution execution, io.shardgate.proxy.backend.BackendLinkException cause) {
            LOG.debug("connection {}: direct lane fell back to the engine: {}", id, cause.getMessage());
            shared.lane().release(channel.eventLoop(), execution.link());
            if (direct == execution) {
                direct = null;
                enqueue(execution.original());
                releaseHeld();
            } else {
                execution.original().release();
            }
        }

        @Override
        public int status(int extra) {
            return FrontendConnection.this.status(extra);
        }

    };

    private void resumeReading() {
        if (queued.get() <= MAX_QUEUED_PACKETS / 2 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** The client's SSLRequest was accepted and TLS is being negotiated in the pipeline. */
    void tlsStarted(int sslRequestSequence) {
        serial.execute(() -> {
            secure = true;
            out.replyTo(sslRequestSequence);
        });
    }

    void writabilityChanged() {
        if (direct != null) {
            direct.writable();
        }
        out.writabilityChanged();
    }

    /** The decoder or the socket failed: answer with ERR if the cause is the client's packet, then close. */
    void failed(Throwable cause) {
        ShardgateException protocolError = cause instanceof ShardgateException se ? se
                : cause.getCause() instanceof ShardgateException se ? se : null;
        if (protocolError == null) {
            LOG.debug("connection {} failed: {}", id, cause.toString());
            channel.close();
            return;
        }
        serial.execute(() -> {
            if (phase == Phase.COMMAND) {
                out.replyTo(0);
            }
            fail(ErrPackets.from(protocolError));
        });
    }

    void closed() {
        shared.registry().remove(this);
        if (direct != null) {
            direct.cancel();
        }
        held.forEach(Packet::release);
        held.clear();
        CONNECTIONS.info("connection {} closed: user={} from {}", id, user == null ? "(not logged in)" : user,
                channel.remoteAddress());
        EngineSession running = session;
        if (running != null) {
            running.cancel();
        }
        try {
            serial.execute(this::release);
        } catch (RejectedExecutionException e) {
            LOG.warn("connection {}: the worker executor is shut down; releasing the session on the event loop", id);
            release();
        }
    }

    /** Completes once the engine session is closed after the client went away. */
    CompletableFuture<Void> released() {
        return released;
    }

    // ---- called from any thread ---------------------------------------------------------------

    /**
     * Graceful shutdown: once the packet in hand (a running statement) is done, tell the client
     * with ERR 1053 and close; closing the session rolls back its open transaction.
     */
    void shutdown(String reason) {
        try {
            serial.execute(() -> {
                if (phase == Phase.COMMAND && channel.isActive()) {
                    out.replyTo(-1); // unsolicited: the client reads it as the answer to whatever it sends next
                    fail(ErrPackets.from(new ShardgateException(ErrorCode.SERVER_SHUTDOWN, reason)));
                } else {
                    phase = Phase.CLOSED;
                    channel.close();
                }
            });
        } catch (RejectedExecutionException e) {
            channel.close();
        }
    }

    /** KILL [CONNECTION]: interrupt what runs and close the connection. */
    void kill() {
        cancelQuery();
        channel.close();
    }

    /** KILL QUERY: interrupt the running statement; the connection stays. */
    void cancelQuery() {
        channel.eventLoop().execute(() -> {
            if (direct != null) {
                direct.cancel();
            }
        });
        EngineSession running = session;
        if (running != null) {
            running.cancel();
        }
    }

    // ---- worker: connection phase --------------------------------------------------------------

    private void greet() {
        if (!channel.isActive()) {
            return;
        }
        out.writeAndFlush(new HandshakeV10(shared.sessions().serverVersion(), id, scramble, shared.capabilities(),
                CHARSET_UTF8MB4_GENERAL_CI, StatusFlags.AUTOCOMMIT, shared.options().greetingPlugin().protocolName()));
    }

    private void handle(Packet packet) {
        try {
            try {
                switch (phase) {
                    case HANDSHAKE -> handshakeResponse(packet);
                    case AUTHENTICATION -> authenticationData(packet);
                    case COMMAND -> command(packet);
                    case CLOSED -> { }
                }
            } catch (IndexOutOfBoundsException truncated) {
                throw Payload.malformed(truncated.getMessage());
            }
        } catch (ClientGoneException gone) {
            LOG.debug("connection {}: {}", id, gone.getMessage());
            channel.close();
        } catch (RuntimeException | Error e) {
            if (isFatal(e) || phase != Phase.COMMAND) {
                fail(ErrPackets.from(e));
            } else {
                replyError(e);
            }
        }
    }

    private void handshakeResponse(Packet packet) {
        expectSequence(packet);
        out.replyTo(packet.sequenceId());
        Payload payload = packet.payload();
        if (SslRequest.matches(payload)) {
            throw new ShardgateException(ErrorCode.BAD_HANDSHAKE,
                    "the client asked for TLS but this server has no TLS configured; connect without TLS or configure it");
        }
        HandshakeResponse41 response;
        try {
            response = HandshakeResponse41.decode(payload);
        } catch (ShardgateException e) {
            throw new ShardgateException(ErrorCode.BAD_HANDSHAKE, e, e.getMessage());
        }
        capabilities = response.capabilities() & shared.capabilities();
        multiStatements = CapabilityFlags.has(capabilities, CapabilityFlags.MULTI_STATEMENTS);
        boolean deprecateEof = CapabilityFlags.has(capabilities, CapabilityFlags.DEPRECATE_EOF);
        collationId = response.characterSet();
        results = new ResultSetWriter(out, deprecateEof);
        statements = new PreparedStatements(out, results, deprecateEof, this::status);
        authenticate(response.user(), response.database(), response.authPluginName(), response.authResponse(),
                response.attributes());
    }

    private void authenticate(String userName, String database, String plugin, byte[] response,
                              Map<String, String> connectAttributes) {
        requestedDatabase = database;
        attributes = connectAttributes;
        loginUser = userName;
        authentication = new Authentication(userName, host(), shared.sessions().user(userName), scramble, secure,
                shared.sha2(), shared.options().alwaysFullAuth());
        proceed(authentication.begin(plugin, response));
    }

    private void authenticationData(Packet packet) {
        expectSequence(packet);
        out.replyTo(packet.sequenceId());
        proceed(authentication.next(packet.payload().readRestBytes()));
    }

    private void proceed(Authentication.Step step) {
        if (step instanceof Authentication.Reply reply) {
            phase = Phase.AUTHENTICATION;
            out.writeAndFlush(reply.packet());
        } else if (step instanceof Authentication.Success success) {
            if (success.preface() != null) {
                out.write(success.preface());
            }
            logIn(success.account());
        } else if (step instanceof Authentication.Failure failure) {
            CONNECTIONS.info("connection {} auth failed: user={} from {}: error {}", id, loginUser,
                    channel.remoteAddress(), failure.error().errorCode());
            fail(failure.error());
        }
    }

    private void logIn(UserAccount account) {
        EngineSession opened;
        try {
            opened = shared.sessions().open(new ClientLogin(id, account.name(), host(), requestedDatabase,
                    CapabilityFlags.has(capabilities, CapabilityFlags.FOUND_ROWS), attributes, collationId));
        } catch (RuntimeException e) {
            ErrPacket refused = ErrPackets.from(e);
            CONNECTIONS.info("connection {} auth failed: user={} from {}: error {}", id, account.name(),
                    channel.remoteAddress(), refused.errorCode());
            fail(refused);
            return;
        }
        CONNECTIONS.info("connection {} auth ok: user={} from {} database={}", id, account.name(),
                channel.remoteAddress(), requestedDatabase == null || requestedDatabase.isEmpty() ? "(none)"
                        : requestedDatabase);
        EngineSession previous = session;
        if (previous != null) {
            closeStatements();
            previous.close();
        }
        session = opened;
        user = account.name();
        authentication = null;
        phase = Phase.COMMAND;
        out.writeAndFlush(OkPacket.of(0, 0, status(0), 0));
    }

    private void expectSequence(Packet packet) {
        if (packet.firstSequenceId() != out.sequence()) {
            throw new ShardgateException(ErrorCode.PACKETS_OUT_OF_ORDER,
                    "sequence id " + packet.firstSequenceId() + ", expected " + out.sequence());
        }
    }

    // ---- worker: command phase -----------------------------------------------------------------

    private void command(Packet packet) {
        out.replyTo(packet.sequenceId());
        if (packet.firstSequenceId() != 0) {
            out.replyTo(0);
            throw new ShardgateException(ErrorCode.PACKETS_OUT_OF_ORDER,
                    "a command must start with sequence id 0, got " + packet.firstSequenceId());
        }
        shared.statistics().question();
        Payload payload = packet.payload();
        int code = payload.peekInt1();
        CommandType type = CommandType.of(code);
        if (type == null) {
            throw new ShardgateException(ErrorCode.UNKNOWN_COMMAND, "0x" + Integer.toHexString(code));
        }
        switch (type) {
            case QUERY -> query(ComQuery.decode(payload).query());
            case INIT_DB -> {
                session.useDatabase(ComInitDb.decode(payload).schema());
                out.writeAndFlush(ok(0));
            }
            case PING -> out.writeAndFlush(ok(0));
            case QUIT -> channel.close();
            case FIELD_LIST -> fieldList(ComFieldList.decode(payload));
            case SET_OPTION -> setOption(ComSetOption.decode(payload));
            case STATISTICS -> {
                ComStatistics.decode(payload);
                out.writeAndFlush(new ComStatistics.Response(shared.statistics().line(shared.registry().size())));
            }
            case PROCESS_KILL -> {
                kill(new KillCommand(false, ComProcessKill.decode(payload).connectionId()));
                out.writeAndFlush(ok(0));
            }
            case RESET_CONNECTION -> {
                closeStatements();
                session.reset();
                multiStatements = CapabilityFlags.has(capabilities, CapabilityFlags.MULTI_STATEMENTS);
                out.writeAndFlush(ok(0));
            }
            case CHANGE_USER -> {
                ComChangeUser change = ComChangeUser.decode(payload, capabilities);
                if (change.characterSet() > 0) {
                    collationId = change.characterSet();
                }
                authenticate(change.user(), change.database(), change.authPluginName(), change.authResponse(),
                        change.attributes());
            }
            case STMT_PREPARE -> statements.prepare(session, ComStmtPrepare.decode(payload).query());
            case STMT_EXECUTE -> statements.execute(session, payload);
            case STMT_FETCH -> statements.fetch(ComStmtFetch.decode(payload));
            case STMT_SEND_LONG_DATA -> statements.sendLongData(ComStmtSendLongData.decode(payload));
            case STMT_CLOSE -> statements.close(ComStmtClose.decode(payload).statementId());
            case STMT_RESET -> {
                statements.reset(ComStmtReset.decode(payload).statementId());
                out.writeAndFlush(ok(0));
            }
            default -> throw new ShardgateException(ErrorCode.UNKNOWN_COMMAND, type.name());
        }
    }

    private void query(String sql) {
        List<String> texts = multiStatements ? StatementSplitter.split(sql) : sql.isBlank() ? List.of() : List.of(sql);
        if (texts.isEmpty()) {
            throw new ShardgateException(ErrorCode.EMPTY_QUERY);
        }
        for (int i = 0; i < texts.size(); i++) {
            int more = i < texts.size() - 1 ? StatusFlags.MORE_RESULTS_EXISTS : 0;
            try {
                runText(texts.get(i), more);
            } catch (ClientGoneException gone) {
                throw gone;
            } catch (RuntimeException e) {
                if (isFatal(e)) {
                    throw e;
                }
                replyError(e);
                return;
            }
        }
        out.flush();
    }

    private void runText(String sql, int moreResults) {
        Optional<KillCommand> kill = KillCommand.parse(sql);
        if (kill.isPresent()) {
            kill(kill.get());
            out.write(ok(moreResults));
            return;
        }
        try (ExecutionResult result = session.execute(sql, List.of())) {
            results.writeResult(result, status(moreResults), false);
        }
    }

    private void fieldList(ComFieldList request) {
        String sql = "SELECT * FROM `" + request.table().replace("`", "``") + "` LIMIT 0";
        try (ExecutionResult result = session.execute(sql, List.of())) {
            if (result instanceof QueryResult rows) {
                for (ColumnDefinition41 column : ColumnDefinitions.from(rows.columns())) {
                    out.write(new ComFieldList.Column(column, null));
                }
            }
        }
        results.writeEnd(status(0), 0);
        out.flush();
    }

    private void setOption(ComSetOption option) {
        switch (option.option()) {
            case SET_OPTION_MULTI_STATEMENTS_ON -> multiStatements = true;
            case SET_OPTION_MULTI_STATEMENTS_OFF -> multiStatements = false;
            default -> throw new ShardgateException(ErrorCode.UNKNOWN_COMMAND, "COM_SET_OPTION " + option.option());
        }
        results.writeEnd(status(0), 0);
        out.flush();
    }

    private void kill(KillCommand command) {
        FrontendConnection target = shared.registry().find(command.connectionId())
                .orElseThrow(() -> new ShardgateException(ErrorCode.UNKNOWN_THREAD, command.connectionId()));
        if (!Objects.equals(target.user(), user)) {
            throw new ShardgateException(ErrorCode.NOT_THREAD_OWNER, command.connectionId());
        }
        if (command.queryOnly()) {
            target.cancelQuery();
        } else {
            target.kill();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private OkPacket ok(int extraStatus) {
        return OkPacket.of(0, 0, status(extraStatus), 0);
    }

    private int status(int extra) {
        EngineSession current = session;
        int flags = extra;
        if (current != null) {
            flags |= current.autocommit() ? StatusFlags.AUTOCOMMIT : 0;
            flags |= current.inTransaction() ? StatusFlags.IN_TRANS : 0;
        } else {
            flags |= StatusFlags.AUTOCOMMIT;
        }
        return flags;
    }

    private void replyError(Throwable e) {
        if (!(e instanceof ShardgateException)) {
            LOG.warn("connection {}: a statement failed unexpectedly", id, e);
        }
        if (channel.isActive()) {
            out.writeAndFlush(ErrPackets.from(e));
        }
    }

    /** Sends the error, then closes once it is written. */
    private void fail(ErrPacket error) {
        phase = Phase.CLOSED;
        if (channel.isActive()) {
            out.write(error);
            out.flush();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean isFatal(Throwable e) {
        if (e instanceof ShardgateException se) {
            return switch (se.code()) {
                case MALFORMED_PACKET, PACKETS_OUT_OF_ORDER, BAD_HANDSHAKE, PACKET_TOO_LARGE -> true;
                default -> false;
            };
        }
        return e instanceof Error;
    }

    private String host() {
        return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : "localhost";
    }

    private void closeStatements() {
        if (statements != null) {
            statements.closeAll();
        }
    }

    private void release() {
        phase = Phase.CLOSED;
        try {
            closeStatements();
            EngineSession open = session;
            session = null;
            if (open != null) {
                open.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("connection {}: closing the engine session failed", id, e);
        } finally {
            released.complete(null);
        }
    }
}
