package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The signed-request scheme without a server. The expected signatures were made with the shell recipe
 * of docs/trading-system-api.md ({@code printf … | openssl dgst -sha256 -hmac "$SECRET" -binary | base64}).
 */
class RequestSignatureTest {

    private static final byte[] SECRET = "demo-secret".getBytes(StandardCharsets.UTF_8);

    private static String sign(String canonical) {
        return Base64.getEncoder().encodeToString(RequestSignature.hmac(SECRET, canonical));
    }

    @Test
    @DisplayName("a GET: six lines, the query as sent, the SHA-256 of no body; the signature is the openssl recipe's")
    void get() {
        String canonical = RequestSignature.canonical("GET", "/api/t/js/v1/parties", "uscc=91350100M000100Y43",
                Hashes.sha256Hex(new byte[0]), "1700000000", "nonce-0123456789abcdef");

        assertThat(canonical).isEqualTo("GET\n/api/t/js/v1/parties\nuscc=91350100M000100Y43\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n1700000000\nnonce-0123456789abcdef");
        assertThat(sign(canonical)).isEqualTo("/jfjxyQNt6DUB/0EEmtbzyaKrBFomXPu7JNUaSQSZaA=");
    }

    @Test
    @DisplayName("without a query the third line is empty; the body is signed through its hash")
    void postWithoutQuery() {
        String bodyHash = Hashes.sha256Hex("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        String canonical = RequestSignature.canonical("POST", "/api/t/js/v1/projects", null, bodyHash, "1700000000", "nonce-0123456789abcdef");

        assertThat(bodyHash).isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
        assertThat(canonical.split("\n", -1)).hasSize(6);
        assertThat(canonical.split("\n", -1)[2]).isEmpty();
        assertThat(sign(canonical)).isEqualTo("mPwjCLxrZWUw6GHtYuK5tannkkCh5nXgBWSC8VY9tS0=");
    }

    @Test
    @DisplayName("HMAC-SHA256 itself: RFC 4231 test case 2")
    void hmacIsHmacSha256() {
        assertThat(HexFormat.of().formatHex(RequestSignature.hmac("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    @DisplayName("a signature matches only byte for byte")
    void matches() {
        byte[] expected = RequestSignature.hmac(SECRET, "x");
        byte[] other = expected.clone();
        other[31] ^= 1;

        assertThat(RequestSignature.matches(expected, expected.clone())).isTrue();
        assertThat(RequestSignature.matches(expected, other)).isFalse();
        assertThat(RequestSignature.matches(expected, new byte[0])).isFalse();
    }
}
