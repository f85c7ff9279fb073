package io.shardgate.error;

/** An error with a catalogue entry; the message is already formatted for the client. */
public class ShardgateException extends RuntimeException {

    private final ErrorCode code;

    public ShardgateException(ErrorCode code, Object... args) {
        super(code.format(args));
        this.code = code;
    }

    public ShardgateException(ErrorCode code, Throwable cause, Object... args) {
        super(code.format(args), cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
