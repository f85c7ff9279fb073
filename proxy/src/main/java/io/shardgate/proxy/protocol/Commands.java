package io.shardgate.proxy.protocol;

/** What every command packet shares: the command byte first. */
final class Commands {

    private Commands() {
    }

    static void expect(Payload in, CommandType command) {
        int code = in.readInt1();
        if (code != command.code()) {
            throw Payload.malformed("expected " + command + " (0x" + Integer.toHexString(command.code())
                    + "), got 0x" + Integer.toHexString(code));
        }
    }
}
