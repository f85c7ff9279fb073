package io.shardgate.proxy.frontend;

import io.shardgate.error.ErrorCode;
import io.shardgate.proxy.protocol.AuthMoreData;
import io.shardgate.proxy.protocol.AuthSwitchRequest;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.WirePacket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * One authentication exchange (at connect or for COM_CHANGE_USER), as a state machine fed with the
 * client's packets: verify the first response, or switch the client to the account's plugin, and
 * for caching_sha2_password run fast or full auth. Each step says what to send and whether the
 * exchange is over.
 */
final class Authentication {

    /** What to do after a client packet. */
    sealed interface Step permits Reply, Success, Failure {
    }

    /** Send this and wait for the client's next auth packet. */
    record Reply(WirePacket packet) implements Step {
    }

    /** Authenticated: send {@code preface} (may be null) and then OK. */
    record Success(UserAccount account, WirePacket preface) implements Step {
    }

    /** Refused: send the ERR and close. */
    record Failure(ErrPacket error) implements Step {
    }

    private enum Stage { FIRST_RESPONSE, SWITCH_RESPONSE, FULL_AUTH_RESPONSE, ENCRYPTED_PASSWORD, DONE }

    private final String userName;
    private final String host;
    private final Optional<UserAccount> account;
    private final byte[] scramble;
    private final boolean secure;
    private final CachingSha2Password sha2;
    private final boolean alwaysFullAuth;
    private Stage stage = Stage.FIRST_RESPONSE;

    Authentication(String userName, String host, Optional<UserAccount> account, byte[] scramble, boolean secure,
                   CachingSha2Password sha2, boolean alwaysFullAuth) {
        this.userName = userName;
        this.host = host;
        this.account = account;
        this.scramble = scramble;
        this.secure = secure;
        this.sha2 = sha2;
        this.alwaysFullAuth = alwaysFullAuth;
    }

    /** The first response, computed by the client with {@code clientPlugin} (null: pre-plugin client). */
    Step begin(String clientPlugin, byte[] response) {
        if (account.isEmpty()) {
            return deny(response.length > 0);
        }
        AuthPlugin wanted = account.get().plugin();
        String used = clientPlugin == null || clientPlugin.isEmpty() ? AuthPlugin.MYSQL_NATIVE_PASSWORD.protocolName() : clientPlugin;
        if (!wanted.protocolName().equals(used)) {
            stage = Stage.SWITCH_RESPONSE;
            return new Reply(new AuthSwitchRequest(wanted.protocolName(), scramble));
        }
        return verify(response);
    }

    /** A later packet of the exchange (auth switch response, full-auth data). */
    Step next(byte[] data) {
        return switch (stage) {
            case SWITCH_RESPONSE -> verify(data);
            case FULL_AUTH_RESPONSE -> fullAuth(data);
            case ENCRYPTED_PASSWORD -> checkEncrypted(data);
            case FIRST_RESPONSE, DONE -> throw new IllegalStateException("no auth packet expected in stage " + stage);
        };
    }

    private Step verify(byte[] response) {
        UserAccount user = account.orElseThrow();
        String password = user.password();
        boolean empty = response.length == 0 || (response.length == 1 && response[0] == 0);
        if (empty) {
            return password.isEmpty() ? succeed(null) : deny(false);
        }
        if (user.plugin() == AuthPlugin.MYSQL_NATIVE_PASSWORD) {
            return NativePassword.matches(password, scramble, response) ? succeed(null) : deny(true);
        }
        if (alwaysFullAuth) {
            stage = Stage.FULL_AUTH_RESPONSE;
            return new Reply(new AuthMoreData(new byte[] {CachingSha2Password.PERFORM_FULL_AUTHENTICATION}));
        }
        return CachingSha2Password.matchesFast(password, scramble, response)
                ? succeed(new AuthMoreData(new byte[] {CachingSha2Password.FAST_AUTH_SUCCESS}))
                : deny(true);
    }

    private Step fullAuth(byte[] data) {
        if (secure) {
            return checkPassword(CachingSha2Password.cleartext(data));
        }
        if (data.length == 1 && data[0] == CachingSha2Password.REQUEST_PUBLIC_KEY) {
            stage = Stage.ENCRYPTED_PASSWORD;
            return new Reply(new AuthMoreData(sha2.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        }
        return checkEncrypted(data);
    }

    private Step checkEncrypted(byte[] data) {
        Optional<String> password = sha2.decryptPassword(data, scramble);
        return password.isPresent() ? checkPassword(password.get()) : deny(true);
    }

    private Step checkPassword(String password) {
        byte[] expected = account.orElseThrow().password().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8)) ? succeed(null) : deny(true);
    }

    private Step succeed(WirePacket preface) {
        stage = Stage.DONE;
        return new Success(account.orElseThrow(), preface);
    }

    private Step deny(boolean usingPassword) {
        stage = Stage.DONE;
        return new Failure(ErrPacket.of(ErrorCode.ACCESS_DENIED, userName, host, usingPassword ? "YES" : "NO"));
    }
}
