package io.shardgate.proxy.frontend;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * caching_sha2_password. Fast auth: the client sends
 * {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble)}, which we recompute from the
 * configured password. Full auth: the client sends the password itself, in clear over TLS, or on a
 * plain connection encrypted (OAEP) with the RSA public key we hand out, after XOR with the scramble.
 * The key pair is generated per server instance; it never leaves memory.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html">caching_sha2_password information</a>
 */
public final class CachingSha2Password {

    /** AuthMoreData payloads and the client's public-key request. */
    public static final byte FAST_AUTH_SUCCESS = 0x03;
    public static final byte PERFORM_FULL_AUTHENTICATION = 0x04;
    public static final byte REQUEST_PUBLIC_KEY = 0x02;

    private final KeyPair keyPair;

    private CachingSha2Password(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Generates a 2048-bit RSA key pair for the full-auth exchange on plain connections. */
    public static CachingSha2Password withGeneratedKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new CachingSha2Password(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has RSA", e);
        }
    }

    /** The 32 bytes a client sends in fast auth for {@code password} (empty for no password). */
    public static byte[] scramble(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha256(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha256(stage1);
        byte[] salted = sha256(NativePassword.concat(stage2, scramble));
        byte[] token = new byte[stage1.length];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) (stage1[i] ^ salted[i]);
        }
        return token;
    }

    public static boolean matchesFast(String password, byte[] scramble, byte[] response) {
        return MessageDigest.isEqual(scramble(password, scramble), response);
    }

    /** The public key as PEM (SubjectPublicKeyInfo), what clients expect after a 0x02 request. */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The password from an RSA-encrypted full-auth response, or empty if it does not decrypt.
     * OAEP is what MySQL 8.0.5+ clients use; PKCS#1 v1.5 is accepted from older ones.
     */
    public Optional<String> decryptPassword(byte[] encrypted, byte[] scramble) {
        for (String transformation : new String[] {"RSA/ECB/OAEPWithSHA-1AndMGF1Padding", "RSA/ECB/PKCS1Padding"}) {
            try {
                Cipher cipher = Cipher.getInstance(transformation);
                cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate());
                byte[] plain = cipher.doFinal(encrypted);
                for (int i = 0; i < plain.length; i++) {
                    plain[i] ^= scramble[i % scramble.length];
                }
                return Optional.of(withoutTrailingNul(plain));
            } catch (GeneralSecurityException e) {
                // try the next padding
            }
        }
        return Optional.empty();
    }

    /** A cleartext password as sent over TLS: the bytes, NUL-terminated. */
    public static String cleartext(byte[] response) {
        return withoutTrailingNul(response);
    }

    private static String withoutTrailingNul(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
