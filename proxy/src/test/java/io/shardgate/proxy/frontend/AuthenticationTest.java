package io.shardgate.proxy.frontend;

import com.mysql.cj.protocol.Security;
import io.shardgate.proxy.protocol.AuthMoreData;
import io.shardgate.proxy.protocol.AuthSwitchRequest;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    private static final byte[] SCRAMBLE = {10, 47, 74, 111, 75, 73, 34, 48, 88, 76, 114, 74, 37, 13, 3, 80, 82, 2, 23, 21};
    private static final CachingSha2Password SHA2 = CachingSha2Password.withGeneratedKey();

    /**
     * MySQL stores SHA1(SHA1('password')) as *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19; a server
     * holding only that hash must accept our client proof, as mysqld does.
     */
    @Test
    void nativePasswordProofChecksOutAgainstMysqlsStoredHash() throws Exception {
        byte[] stored = HexFormat.of().parseHex("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
        byte[] proof = NativePassword.scramble("password", SCRAMBLE);
        byte[] salted = MessageDigest.getInstance("SHA-1").digest(NativePassword.concat(SCRAMBLE, stored));
        byte[] stage1 = new byte[20];
        for (int i = 0; i < 20; i++) {
            stage1[i] = (byte) (proof[i] ^ salted[i]);
        }
        assertThat(MessageDigest.getInstance("SHA-1").digest(stage1)).isEqualTo(stored);
        // and it is what Connector/J computes
        assertThat(proof).isEqualTo(Security.scramble411("password".getBytes(StandardCharsets.UTF_8), SCRAMBLE));
        assertThat(NativePassword.matches("password", SCRAMBLE, proof)).isTrue();
        assertThat(NativePassword.matches("Password", SCRAMBLE, proof)).isFalse();
        assertThat(NativePassword.scramble("", SCRAMBLE)).isEmpty();
    }

    /** The go-sql-driver test vector for caching_sha2_password, and Connector/J's computation. */
    @Test
    void cachingSha2FastAuthMatchesKnownVectors() throws Exception {
        assertThat(HexFormat.of().formatHex(CachingSha2Password.scramble("secret", SCRAMBLE)))
                .isEqualTo("f490e76f66d9d86665ce54d98c78d0acfe2fb0b08b423da807144873d30b312c");
        assertThat(HexFormat.of().formatHex(CachingSha2Password.scramble("secret2", SCRAMBLE)))
                .isEqualTo("abc3934a012cf342e876071c8ee202de51785b430258a7a0138bc79c4d800bc6");
        assertThat(CachingSha2Password.scramble("secret", SCRAMBLE))
                .isEqualTo(Security.scrambleCachingSha2("secret".getBytes(StandardCharsets.UTF_8), SCRAMBLE));
        assertThat(CachingSha2Password.matchesFast("secret", SCRAMBLE, CachingSha2Password.scramble("secret", SCRAMBLE))).isTrue();
        assertThat(CachingSha2Password.matchesFast("secret", SCRAMBLE, CachingSha2Password.scramble("Secret", SCRAMBLE))).isFalse();
    }

    @Test
    void scramblesHaveNoNulAndNoDollar() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            assertThat(Scramble.generate(random)).hasSize(20).doesNotContain((byte) 0, (byte) '$');
        }
    }

    @Test
    void fastAuthSucceedsWithTheFastAuthMarker() {
        Authentication auth = authentication(new UserAccount("app", "secret"), false, false);
        Authentication.Step step = auth.begin("caching_sha2_password", CachingSha2Password.scramble("secret", SCRAMBLE));
        assertThat(step).isInstanceOfSatisfying(Authentication.Success.class,
                s -> assertThat(((AuthMoreData) s.preface()).data()).containsExactly(3));
        Authentication wrong = authentication(new UserAccount("app", "secret"), false, false);
        assertThat(wrong.begin("caching_sha2_password", CachingSha2Password.scramble("nope", SCRAMBLE)))
                .isInstanceOfSatisfying(Authentication.Failure.class, f -> {
                    assertThat(f.error().errorCode()).isEqualTo(1045);
                    assertThat(f.error().message()).isEqualTo("Access denied for user 'app'@'10.0.0.9' (using password: YES)");
                });
    }

    @Test
    void anotherPluginIsAskedToSwitch() {
        Authentication auth = authentication(new UserAccount("app", "pw", AuthPlugin.MYSQL_NATIVE_PASSWORD), false, false);
        Authentication.Step step = auth.begin("caching_sha2_password", CachingSha2Password.scramble("pw", SCRAMBLE));
        assertThat(step).isInstanceOfSatisfying(Authentication.Reply.class, r -> {
            AuthSwitchRequest request = (AuthSwitchRequest) r.packet();
            assertThat(request.pluginName()).isEqualTo("mysql_native_password");
            assertThat(request.pluginData()).isEqualTo(SCRAMBLE);
        });
        assertThat(auth.next(NativePassword.scramble("pw", SCRAMBLE))).isInstanceOf(Authentication.Success.class);
    }

    @Test
    void fullAuthOverTlsTakesTheCleartextPassword() {
        Authentication auth = authentication(new UserAccount("app", "secret"), true, true);
        Authentication.Step step = auth.begin("caching_sha2_password", CachingSha2Password.scramble("secret", SCRAMBLE));
        assertThat(step).isInstanceOfSatisfying(Authentication.Reply.class,
                r -> assertThat(((AuthMoreData) r.packet()).data()).containsExactly(4));
        assertThat(auth.next("secret\0".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Authentication.Success.class);
    }

    @Test
    void fullAuthOnPlainTcpDecryptsWithThePrivateKey() throws Exception {
        Authentication auth = authentication(new UserAccount("app", "s3cret ✓"), false, true);
        auth.begin("caching_sha2_password", CachingSha2Password.scramble("s3cret ✓", SCRAMBLE));
        Authentication.Step key = auth.next(new byte[] {2});
        String pem = new String(((AuthMoreData) ((Authentication.Reply) key).packet()).data(), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(auth.next(encrypt(pem, "s3cret ✓"))).isInstanceOf(Authentication.Success.class);

        Authentication wrong = authentication(new UserAccount("app", "s3cret ✓"), false, true);
        wrong.begin("caching_sha2_password", new byte[32]);
        wrong.next(new byte[] {2});
        assertThat(wrong.next(encrypt(pem, "guess"))).isInstanceOf(Authentication.Failure.class);
        assertThat(SHA2.decryptPassword(new byte[] {1, 2, 3}, SCRAMBLE)).isEmpty();
    }

    @Test
    void unknownUsersAndEmptyPasswords() {
        Authentication unknown = new Authentication("ghost", "h", Optional.empty(), SCRAMBLE, false, SHA2, false);
        assertThat(unknown.begin("caching_sha2_password", new byte[0]))
                .isInstanceOfSatisfying(Authentication.Failure.class,
                        f -> assertThat(f.error().message()).endsWith("(using password: NO)"));
        Authentication empty = authentication(new UserAccount("app", ""), false, false);
        assertThat(empty.begin("caching_sha2_password", new byte[0])).isInstanceOf(Authentication.Success.class);
        Authentication missing = authentication(new UserAccount("app", "pw"), false, false);
        assertThat(missing.begin("caching_sha2_password", new byte[] {0})).isInstanceOf(Authentication.Failure.class);
    }

    /** What a client does with the PEM key: OAEP over (password + NUL) XOR scramble. */
    private static byte[] encrypt(String pem, String password) throws Exception {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        byte[] plain = (password + "\0").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= SCRAMBLE[i % SCRAMBLE.length];
        }
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(plain);
    }

    private static Authentication authentication(UserAccount account, boolean secure, boolean fullAuth) {
        return new Authentication(account.name(), "10.0.0.9", Optional.of(account), SCRAMBLE, secure, SHA2, fullAuth);
    }
}
