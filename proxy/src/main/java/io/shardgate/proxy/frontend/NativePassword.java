package io.shardgate.proxy.frontend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * mysql_native_password: the client proves the password with
 * {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}; an empty password sends nothing.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_native_password_authentication.html">Native Authentication</a>
 */
public final class NativePassword {

    private NativePassword() {
    }

    /** The 20 bytes a client sends for {@code password} and {@code scramble} (empty for no password). */
    public static byte[] scramble(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1(stage1);
        byte[] salted = sha1(concat(scramble, stage2));
        byte[] token = new byte[stage1.length];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) (stage1[i] ^ salted[i]);
        }
        return token;
    }

    public static boolean matches(String password, byte[] scramble, byte[] response) {
        return MessageDigest.isEqual(scramble(password, scramble), response);
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
