package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.EngineWarning;
import io.shardgate.error.ErrorCode;
import io.shardgate.proxy.backend.BackendLink;
import io.shardgate.proxy.backend.BackendLinkException;
import io.shardgate.proxy.backend.PrepareReply;
import io.shardgate.proxy.backend.WarningsReply;
import io.shardgate.proxy.protocol.ColumnCount;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ComQuery;
import io.shardgate.proxy.protocol.ComStmtExecute;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.Payload;

import java.util.List;

/**
 * One prepared-statement execution on the direct lane, all on the client's event loop: prepare the
 * statement on the backend link if the link has not yet, execute it there in the binary protocol
 * (a text statement: send it as COM_QUERY, values inlined as the client sent them), and relay the
 * reply to the client: column definitions renamed to logical names, rows passed on
 * as they are (no decoding), the end packet with this session's status flags. Back-pressure: while
 * the client's channel is not writable, the backend link stops reading.
 *
 * <p>If the link cannot be had or is lost before anything reached the client, the statement
 * {@linkplain Owner#fallBack falls back} to the engine; once the client has part of the reply, a
 * lost link ends it with an error packet instead.
 *
 * <p>A reply that counts warnings is followed by SHOW WARNINGS on the same link before the client
 * gets the end packet, so that the client's next SHOW WARNINGS lists them (the session keeps them).
 */
final class DirectExecution implements BackendLink.Exchange {

    /** The connection the execution reports to, on its event loop. */
    interface Owner {
        /** The reply is complete (rows, or an error) and the link is given back. */
        void finished(DirectExecution execution, BackendLink link);

        /**
         * Nothing was sent to the client: run the statement through the engine instead; the link
         * ({@link DirectExecution#link()}, if any) is the owner's to give back or close.
         */
        void fallBack(DirectExecution execution, BackendLinkException cause);

        /** Status flags of the session, with {@code extra} added. */
        int status(int extra);
    }

    private enum Stage { FIRST, DEFINITIONS, DEFINITIONS_END, ROWS, DONE }

    private final DirectRequest request;
    private final ClientOutput out;
    private final ResultSetWriter results;
    private final boolean deprecateEof;
    private final io.netty.channel.Channel client;
    private final Owner owner;
    private final Packet original;
    private BackendLink link;
    private Stage stage = Stage.FIRST;
    private long columnsLeft;
    private int column;
    private BackendLink.Prepared prepared;
    private boolean cancelled;
    private final long startedNanos = System.nanoTime();
    private ErrPacket failure;
    /** The end packet, held back while the backend's warnings are fetched. */
    private Runnable heldEnd;
    private List<EngineWarning> warnings = List.of();

    DirectExecution(DirectRequest request, Packet original, ClientOutput out, ResultSetWriter results,
                    boolean deprecateEof, io.netty.channel.Channel client, Owner owner) {
        this.request = request;
        this.original = original;
        this.out = out;
        this.results = results;
        this.deprecateEof = deprecateEof;
        this.client = client;
        this.owner = owner;
    }

    /** The client's packet, kept for a fall-back to the engine. */
    Packet original() {
        return original;
    }

    /** How long it ran, until now. */
    long nanos() {
        return System.nanoTime() - startedNanos;
    }

    /** The error the client was sent, or null when it succeeded. */
    ErrPacket failure() {
        return failure;
    }

    /** The warnings the backend raised (empty when it raised none). */
    List<EngineWarning> warnings() {
        return warnings;
    }

    /** The backend link in use, or null before one is ready. */
    BackendLink link() {
        return link;
    }

    DirectRoute route() {
        return request.route();
    }

    /** Runs on {@code ready}: prepares the statement there first if needed, then executes it. */
    void start(BackendLink ready) {
        link = ready;
        if (cancelled) {
            interrupted();
            return;
        }
        if (request.isText()) {
            try {
                link.send(new ComQuery(request.text()), this);
            } catch (RuntimeException e) {
                owner.fallBack(this, new BackendLinkException(BackendLinkException.Kind.LOST, e.getMessage()));
            }
            return;
        }
        String sql = request.route().sql();
        BackendLink.Prepared prepared = link.prepared(sql);
        if (prepared != null) {
            execute(prepared);
            return;
        }
        try {
            link.send(PrepareReply.command(sql), new PrepareReply(statement -> {
                link.remember(sql, statement);
                execute(statement);
            }, this::prepareFailed, this::onFailure));
        } catch (RuntimeException e) {
            owner.fallBack(this, new BackendLinkException(BackendLinkException.Kind.LOST, e.getMessage()));
        }
    }

    private void execute(BackendLink.Prepared prepared) {
        if (cancelled) {
            interrupted();
            return;
        }
        if (prepared.parameters() != request.values().size()) {
            owner.fallBack(this, new BackendLinkException(BackendLinkException.Kind.UNSUITABLE,
                    "the backend sees " + prepared.parameters() + " parameters, the route " + request.values().size()));
            return;
        }
        this.prepared = prepared;
        try {
            link.send(new ComStmtExecute(prepared.statementId(), ComStmtExecute.CURSOR_TYPE_NO_CURSOR, 1,
                    prepared.bind(request.types()), request.types(), request.values()), this);
        } catch (RuntimeException e) {
            prepared.unbind();
            // a value the binary protocol cannot carry as bound: the engine converts it
            owner.fallBack(this, new BackendLinkException(BackendLinkException.Kind.UNSUITABLE, e.getMessage()));
        }
    }

    private void prepareFailed(ErrPacket error) {
        stage = Stage.DONE;
        failure = error;
        out.write(error);
        out.flush();
        owner.finished(this, link);
    }

    @Override
    public boolean onPacket(Packet packet) {
        Payload payload = packet.payload();
        boolean relayed = false;
        try {
            switch (stage) {
                case FIRST -> {
                    int header = payload.peekInt1();
                    if (header == 0xFF) {
                        ErrPacket error = ErrPacket.decode(payload);
                        failure = error;
                        if (prepared != null) {
                            prepared.unbind(); // the server may not have taken the types: send them next time
                        }
                        out.write(error);
                        return done();
                    }
                    if (header == 0x00) {
                        OkPacket ok = OkPacket.decode(payload);
                        return end(() -> out.write(OkPacket.of(ok.affectedRows(), ok.lastInsertId(), owner.status(0),
                                ok.warnings())), ok.warnings());
                    }
                    columnsLeft = ColumnCount.decode(payload).count();
                    out.write(new ColumnCount(columnsLeft));
                    stage = Stage.DEFINITIONS;
                }
                case DEFINITIONS -> {
                    int index = column++;
                    ColumnDefinition41 shown = prepared == null ? logical(ColumnDefinition41.decode(payload))
                            : (ColumnDefinition41) prepared.clientColumn(index, packet.content());
                    if (shown == null) {
                        ByteBuf definition = packet.content().retainedDuplicate();
                        try {
                            shown = logical(ColumnDefinition41.decode(payload));
                            prepared.rememberColumn(index, definition, shown);
                        } finally {
                            definition.release();
                        }
                    }
                    out.write(shown);
                    if (--columnsLeft == 0) {
                        stage = Stage.DEFINITIONS_END;
                    }
                }
                case DEFINITIONS_END -> {
                    if (!EofPacket.matches(payload)) {
                        throw new IllegalStateException("expected EOF after the column definitions");
                    }
                    if (!deprecateEof) {
                        out.write(new EofPacket(0, owner.status(0)));
                    }
                    stage = Stage.ROWS;
                }
                case ROWS -> {
                    int header = payload.peekInt1();
                    if (header == 0xFE && payload.readableBytes() < 9) {
                        EofPacket end = EofPacket.decode(payload);
                        return end(() -> results.writeEnd(owner.status(0), end.warnings()), end.warnings());
                    }
                    if (header == 0xFF) {
                        ErrPacket error = ErrPacket.decode(payload);
                        failure = error;
                        out.write(error);
                        return done();
                    }
                    out.writePayload(packet.content());
                    relayed = true;
                    if (!client.isWritable()) {
                        link.channel().config().setAutoRead(false);
                    }
                }
                case DONE -> throw new IllegalStateException("a packet after the end of the reply");
            }
            return false;
        } finally {
            if (!relayed) {
                packet.release();
            }
        }
    }

    private boolean done() {
        stage = Stage.DONE;
        out.flush();
        return true;
    }

    /** The reply's end: written now, or after the backend's warnings were fetched (onComplete). */
    private boolean end(Runnable writeEnd, int warningCount) {
        if (warningCount > 0) {
            heldEnd = writeEnd;
        } else {
            writeEnd.run();
        }
        return done();
    }

    private void fetchWarnings() {
        try {
            link.send(WarningsReply.COMMAND, new WarningsReply(fetched -> {
                warnings = fetched;
                releaseEnd();
            }, lost -> releaseEnd()));
        } catch (RuntimeException e) {
            releaseEnd(); // the statement succeeded: only its warnings cannot be listed
        }
    }

    private void releaseEnd() {
        Runnable writeEnd = heldEnd;
        heldEnd = null;
        if (client.isActive()) {
            writeEnd.run();
            out.flush();
        }
        owner.finished(this, link);
    }

    @Override
    public void onReadComplete() {
        out.flush();
    }

    @Override
    public void onComplete() {
        if (stage == Stage.DONE) {
            if (heldEnd != null) {
                fetchWarnings();
            } else {
                owner.finished(this, link);
            }
        }
    }

    @Override
    public void onFailure(BackendLinkException cause) {
        if (stage == Stage.FIRST && !cancelled) {
            owner.fallBack(this, cause);
            return;
        }
        if (cancelled) {
            interrupted();
            return;
        }
        stage = Stage.DONE;
        failure = ErrPacket.of(ErrorCode.BACKEND_UNAVAILABLE, cause.getMessage() + " (on "
                + request.route().server().describe() + "); the statement's result is incomplete");
        out.write(failure);
        out.flush();
        owner.finished(this, link);
    }

    /** The client's channel can take more: read from the backend again. */
    void writable() {
        if (link != null && client.isWritable()) {
            link.channel().config().setAutoRead(true);
        }
    }

    /** KILL QUERY or the client went away: drop the backend connection (the server stops the query). */
    void cancel() {
        cancelled = true;
        if (link != null) {
            link.close();
        }
    }

    private void interrupted() {
        stage = Stage.DONE;
        failure = ErrPacket.of(ErrorCode.QUERY_INTERRUPTED);
        if (client.isActive()) {
            out.write(failure);
            out.flush();
        }
        owner.finished(this, link);
    }

    private ColumnDefinition41 logical(ColumnDefinition41 column) {
        DirectRoute route = request.route();
        String orgTable = route.logicalTable(column.orgTable());
        return new ColumnDefinition41(orgTable == null || orgTable.isEmpty() ? "" : route.database(),
                route.logicalTable(column.table()), orgTable, column.name(), column.orgName(), column.characterSet(),
                column.columnLength(), column.type(), column.flags(), column.decimals());
    }
}
