package io.shardgate.proxy.backend;

/** A backend link that could not be used or was lost; the statement may go another way. */
public final class BackendLinkException extends RuntimeException {

    public enum Kind {
        /** Could not connect or log in now (down, wrong password, too many connections). */
        REFUSED,
        /** The server needs what the direct lane does not do (TLS, another auth plugin): use JDBC for it. */
        UNSUITABLE,
        /** The connection broke during a command. */
        LOST
    }

    private final Kind kind;

    public BackendLinkException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
