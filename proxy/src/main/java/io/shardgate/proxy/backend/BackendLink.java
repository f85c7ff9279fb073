package io.shardgate.proxy.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.shardgate.proxy.frontend.CachingSha2Password;
import io.shardgate.proxy.frontend.NativePassword;
import io.shardgate.proxy.protocol.AuthSwitchRequest;
import io.shardgate.proxy.protocol.CapabilityFlags;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.PacketDecoder;
import io.shardgate.proxy.protocol.PacketEncoder;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.WirePacket;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One connection from the proxy to a backend server, speaking the client side of the MySQL protocol
 * on a Netty event loop: greeting, authentication ({@code mysql_native_password}, and
 * {@code caching_sha2_password} with fast auth or the RSA exchange), then one command at a time,
 * its reply handed packet by packet to an {@link Exchange}. It keeps the statements it prepared,
 * by text. Confined to its event loop: every method must be called there.
 */
public final class BackendLink extends ChannelInboundHandlerAdapter {

    /** One command's reply. Called on the link's event loop. */
    public interface Exchange {
        /** A packet of the reply, owned by the exchange from now on; true once the reply is complete. */
        boolean onPacket(Packet packet);

        /** The bytes read so far are handled: a moment to flush what was relayed. */
        default void onReadComplete() {
        }

        /** The reply is complete and the link is ready for the next command (it may be sent from here). */
        default void onComplete() {
        }

        /** The link was lost before the reply was complete. */
        void onFailure(BackendLinkException cause);
    }

    /**
     * A statement prepared on this link: its id and shape on the server, and what its executions
     * can reuse (confined to the link's event loop, like the link): the parameter types last sent
     * (the server keeps them, so equal types need not be sent again) and, per column, the
     * definition as the server sends it with what the client is shown instead.
     */
    public static final class Prepared {
        private final long statementId;
        private final int parameters;
        private List<?> boundTypes;
        private ByteBuf[] serverColumns = new ByteBuf[0];
        private Object[] clientColumns = new Object[0];

        public Prepared(long statementId, int parameters) {
            this.statementId = statementId;
            this.parameters = parameters;
        }

        public long statementId() {
            return statementId;
        }

        public int parameters() {
            return parameters;
        }

        /** Whether {@code types} must be sent with this execution (they differ from the last sent). */
        public boolean bind(List<?> types) {
            if (types.equals(boundTypes)) {
                return false;
            }
            boundTypes = types;
            return true;
        }

        /** Forgets the bound types (an execution failed before the server took them). */
        public void unbind() {
            boundTypes = null;
        }

        /** What the client was shown for column {@code index} when the server sent exactly {@code definition}, or null. */
        public Object clientColumn(int index, ByteBuf definition) {
            return index < serverColumns.length && definition.equals(serverColumns[index]) ? clientColumns[index] : null;
        }

        public void rememberColumn(int index, ByteBuf definition, Object shown) {
            if (index >= serverColumns.length) {
                serverColumns = java.util.Arrays.copyOf(serverColumns, index + 1);
                clientColumns = java.util.Arrays.copyOf(clientColumns, index + 1);
            }
            serverColumns[index] = io.netty.buffer.Unpooled.copiedBuffer(definition);
            clientColumns[index] = shown;
        }
    }

    private enum State { CONNECTING, AUTHENTICATING, READY, BUSY, CLOSED }

    private static final int CHARSET_UTF8MB4_GENERAL_CI = 45;
    private static final int MAX_PREPARED = 256;
    private static final int CAPABILITIES = CapabilityFlags.LONG_PASSWORD | CapabilityFlags.LONG_FLAG
            | CapabilityFlags.CONNECT_WITH_DB | CapabilityFlags.PROTOCOL_41 | CapabilityFlags.TRANSACTIONS
            | CapabilityFlags.SECURE_CONNECTION | CapabilityFlags.PLUGIN_AUTH
            | CapabilityFlags.PLUGIN_AUTH_LENENC_CLIENT_DATA;
    private static final String NATIVE = "mysql_native_password";
    private static final String SHA2 = "caching_sha2_password";

    private final BackendEndpoint endpoint;
    private final Map<String, Prepared> prepared = new LinkedHashMap<>(16, 0.75f, true);
    private Channel channel;
    private State state = State.CONNECTING;
    private Exchange exchange;
    private Runnable whenReady;
    private Consumer<BackendLinkException> whenRefused;
    private byte[] scramble;
    private String plugin;
    private int sequence;
    private boolean publicKeyRequested;

    private BackendLink(BackendEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Starts connecting on {@code loop}; {@code ready} runs once authenticated, {@code refused} if the
     * server cannot be reached or refuses us. Exactly one of them runs, on the loop.
     */
    public static BackendLink connect(EventLoop loop, Class<? extends SocketChannel> channelType,
                                      BackendEndpoint endpoint, Duration timeout, Runnable ready,
                                      Consumer<BackendLinkException> refused) {
        BackendLink link = new BackendLink(endpoint);
        link.whenReady = ready;
        link.whenRefused = refused;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(250, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new PacketDecoder(1L << 30))
                                .addLast(new PacketEncoder())
                                .addLast(link);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(endpoint.host(), endpoint.port());
        link.channel = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                link.refuse(new BackendLinkException(BackendLinkException.Kind.REFUSED,
                        "cannot connect to " + endpoint + ": " + done.cause().getMessage()));
            }
        });
        return link;
    }

    public BackendEndpoint endpoint() {
        return endpoint;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    public Channel channel() {
        return channel;
    }

    /** The statement prepared on this link for {@code sql}, or null. */
    public Prepared prepared(String sql) {
        return prepared.get(sql);
    }

    /** Remembers a statement prepared here; the least recently used beyond the limit is closed on the server. */
    public void remember(String sql, Prepared statement) {
        prepared.put(sql, statement);
        if (prepared.size() > MAX_PREPARED) {
            var eldest = prepared.entrySet().iterator();
            Prepared evicted = eldest.next().getValue();
            eldest.remove();
            write(new StmtClose(evicted.statementId()), true);
        }
    }

    /** Sends a command; its reply goes to {@code reply}. The link must be ready. */
    public void send(WirePacket command, Exchange reply) {
        if (state != State.READY) {
            throw new IllegalStateException("link to " + endpoint + " is " + state + ", not ready");
        }
        ByteBuf buffer = encode(command); // a value that does not encode fails here, the link still ready
        state = State.BUSY;
        exchange = reply;
        sequence = 0;
        channel.writeAndFlush(new Packet(0, buffer), channel.voidPromise());
    }

    /** Closes the connection; a command in progress fails. */
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }

    // ---- Netty ----------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        switch (state) {
            case BUSY -> {
                Exchange current = exchange;
                boolean complete;
                try {
                    complete = current.onPacket(packet);
                } catch (RuntimeException e) {
                    // a reply we cannot follow leaves the connection in an unknown state
                    exchange = null;
                    state = State.CLOSED;
                    channel.close();
                    current.onFailure(new BackendLinkException(BackendLinkException.Kind.LOST,
                            "unexpected reply from " + endpoint + ": " + e.getMessage()));
                    return;
                }
                if (complete && exchange == current) {
                    exchange = null;
                    state = State.READY;
                    current.onComplete();
                }
            }
            case CONNECTING, AUTHENTICATING -> {
                try {
                    authenticate(packet);
                } catch (RuntimeException e) {
                    refuse(new BackendLinkException(e instanceof Unsuitable ? BackendLinkException.Kind.UNSUITABLE
                            : BackendLinkException.Kind.REFUSED, "cannot log in to " + endpoint + ": " + e.getMessage()));
                    channel.close();
                } finally {
                    packet.release();
                }
            }
            default -> packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        if (was == State.CONNECTING || was == State.AUTHENTICATING) {
            refuse(new BackendLinkException(BackendLinkException.Kind.REFUSED,
                    endpoint + " closed the connection while logging in"));
        } else if (exchange != null) {
            Exchange lost = exchange;
            exchange = null;
            lost.onFailure(new BackendLinkException(BackendLinkException.Kind.LOST,
                    "lost the connection to " + endpoint + " during a statement"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // channelInactive reports it
    }

    // ---- connection phase -----------------------------------------------------------------------

    private void authenticate(Packet packet) {
        sequence = packet.sequenceId();
        Payload payload = packet.payload();
        int header = payload.peekInt1();
        if (header == 0xFF) {
            ErrPacket error = ErrPacket.decode(payload);
            throw new IllegalStateException("error " + error.errorCode() + ": " + error.message());
        }
        if (state == State.CONNECTING) {
            HandshakeV10 greeting = HandshakeV10.decode(payload);
            if (CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.SSL) && !endpoint.tlsDisabled()) {
                throw new Unsuitable();
            }
            scramble = greeting.authPluginData();
            plugin = greeting.authPluginName() == null ? NATIVE : greeting.authPluginName();
            state = State.AUTHENTICATING;
            write(new HandshakeResponse41(CAPABILITIES, 1L << 30, CHARSET_UTF8MB4_GENERAL_CI, endpoint.user(),
                    scrambled(plugin), endpoint.database(), plugin, Map.of()), false);
            return;
        }
        switch (header) {
            case 0x00 -> {
                state = State.READY;
                Runnable ready = whenReady;
                whenReady = null;
                whenRefused = null;
                ready.run();
            }
            case AuthSwitchRequest.HEADER -> {
                AuthSwitchRequest change = AuthSwitchRequest.decode(payload);
                plugin = change.pluginName();
                scramble = change.pluginData();
                write(new Raw(scrambled(plugin)), false);
            }
            case 0x01 -> moreAuthData(payload);
            default -> throw new IllegalStateException("unexpected packet 0x" + Integer.toHexString(header)
                    + " while logging in");
        }
    }

    private void moreAuthData(Payload payload) {
        payload.readInt1();
        byte[] data = payload.readRestBytes();
        if (!SHA2.equals(plugin)) {
            throw new IllegalStateException("unexpected AuthMoreData for " + plugin);
        }
        if (publicKeyRequested) {
            write(new Raw(encryptPassword(new String(data, StandardCharsets.US_ASCII))), false);
        } else if (data.length == 1 && data[0] == CachingSha2Password.PERFORM_FULL_AUTHENTICATION) {
            publicKeyRequested = true; // plain TCP: the password goes RSA-encrypted with the server's key
            write(new Raw(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY}), false);
        } else if (data.length != 1 || data[0] != CachingSha2Password.FAST_AUTH_SUCCESS) {
            throw new IllegalStateException("unexpected caching_sha2_password step");
        }
    }

    private byte[] scrambled(String pluginName) {
        return switch (pluginName) {
            case NATIVE -> endpoint.password().isEmpty() ? new byte[0]
                    : NativePassword.scramble(endpoint.password(), scramble);
            case SHA2 -> CachingSha2Password.scramble(endpoint.password(), scramble);
            default -> throw new Unsuitable("the server asks for auth plugin " + pluginName
                    + ", which the direct lane does not speak");
        };
    }

    private byte[] encryptPassword(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            byte[] password = (endpoint.password() + "\0").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < password.length; i++) {
                password[i] ^= scramble[i % scramble.length];
            }
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher.doFinal(password);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the server's RSA public key: " + e.getMessage());
        }
    }

    private void refuse(BackendLinkException cause) {
        state = State.CLOSED;
        Consumer<BackendLinkException> refused = whenRefused;
        whenReady = null;
        whenRefused = null;
        if (refused != null) {
            refused.accept(cause);
        }
    }

    /** Writes a packet: a command starts a new sequence; a login step continues the server's. */
    private void write(WirePacket packet, boolean command) {
        ByteBuf buffer = encode(packet);
        sequence = command ? 0 : (sequence + 1) & 0xFF;
        channel.writeAndFlush(new Packet(sequence, buffer), channel.voidPromise());
    }

    private ByteBuf encode(WirePacket packet) {
        ByteBuf buffer = channel.alloc().buffer();
        try {
            packet.encode(new Payload(buffer));
            return buffer;
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
    }

    /**
     * The server wants what the lane does not do: TLS that the URL did not turn off (Connector/J
     * would use it, so the lane must not go plain), or an auth plugin it does not speak.
     */
    static final class Unsuitable extends IllegalStateException {
        Unsuitable() {
            this("the server offers TLS and the URL does not disable it (the direct lane speaks plain TCP)");
        }

        Unsuitable(String message) {
            super(message);
        }
    }

    private record Raw(byte[] bytes) implements WirePacket {
        @Override
        public void encode(Payload out) {
            out.writeBytes(bytes);
        }
    }

    private record StmtClose(long statementId) implements WirePacket {
        @Override
        public void encode(Payload out) {
            out.writeInt1(0x19);
            out.writeInt4(statementId);
        }
    }
}
