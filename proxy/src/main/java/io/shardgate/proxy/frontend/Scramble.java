package io.shardgate.proxy.frontend;

import java.security.SecureRandom;

/**
 * The 20 random bytes of auth plugin data a connection is challenged with. Bytes are 1..127 and
 * never '$': clients treat the data as a NUL-terminated string, and '$' would be read as a
 * crypt-style separator by sha256 plugins.
 */
public final class Scramble {

    public static final int LENGTH = 20;

    private Scramble() {
    }

    public static byte[] generate(SecureRandom random) {
        byte[] scramble = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int b;
            do {
                b = 1 + random.nextInt(127);
            } while (b == '$');
            scramble[i] = (byte) b;
        }
        return scramble;
    }
}
