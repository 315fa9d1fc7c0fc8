package cn.huren.server.realname;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RealNameSignatureTest {

    static final byte[] BODY = "{\"name\":\"张三\",\"documentType\":\"RESIDENT_ID\",\"documentNumber\":\"11010519491231002X\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("the string to sign is algorithm, method, path, timestamp, nonce and the body's SHA-256 in hex, one per line")
    void stringToSign() {
        assertThat(RealNameSignature.stringToSign("POST", "/gateway/v1/identity", "1767225600", "5f0c3e1a-7b9d-4c2e-8a61-2d4b9e0f7c13", BODY))
                .isEqualTo("HMAC-SHA256\nPOST\n/gateway/v1/identity\n1767225600\n5f0c3e1a-7b9d-4c2e-8a61-2d4b9e0f7c13\n"
                        + "9ca5e08c44507cd1ca8f964d33e30e1ec67af02107fa4b9b41bca88c22a3bfa7");
        assertThat(RealNameSignature.sha256Hex(new byte[0])).as("SHA-256 of nothing, FIPS 180-2")
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /**
     * The expected values were computed outside Java, with coreutils and OpenSSL:
     * {@code sha256sum body.json}, then {@code openssl dgst -sha256 -hmac test-secret -binary sts.txt | base64}
     * (docs/real-name.md shows the same example).
     */
    @Test
    @DisplayName("the signature is Base64(HMAC-SHA256(app secret, string to sign)): a vector computed with OpenSSL")
    void fixedVector() {
        String stringToSign = RealNameSignature.stringToSign("POST", "/gateway/v1/identity", "1767225600",
                "5f0c3e1a-7b9d-4c2e-8a61-2d4b9e0f7c13", BODY);

        assertThat(RealNameSignature.sign("test-secret", stringToSign)).isEqualTo("PX0kLaK+hMX42WuL6NAWNzQTbAYq2i7vyHVgVDRSL9E=");
        assertThat(RealNameSignature.sign("test-secreT", stringToSign)).isNotEqualTo("PX0kLaK+hMX42WuL6NAWNzQTbAYq2i7vyHVgVDRSL9E=");
        assertThat(RealNameSignature.matches("PX0kLaK+hMX42WuL6NAWNzQTbAYq2i7vyHVgVDRSL9E=", "PX0kLaK+hMX42WuL6NAWNzQTbAYq2i7vyHVgVDRSL9E="))
                .isTrue();
        assertThat(RealNameSignature.matches("PX0kLaK+hMX42WuL6NAWNzQTbAYq2i7vyHVgVDRSL9E=", null)).isFalse();
    }
}
