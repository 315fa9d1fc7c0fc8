package cn.huren.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AliyunSignatureTest {

    /** Alibaba Cloud's published worked example of the RPC signature (ECS DescribeRegions, testid / testsecret). */
    static final Map<String, String> PUBLISHED = Map.of(
            "AccessKeyId", "testid",
            "Action", "DescribeRegions",
            "Format", "XML",
            "SignatureMethod", "HMAC-SHA1",
            "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            "SignatureVersion", "1.0",
            "Timestamp", "2016-02-23T12:46:24Z",
            "Version", "2014-05-26");

    @Test
    @DisplayName("the signature reproduces Alibaba Cloud's published example: string-to-sign and OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    void publishedExample() {
        assertThat(AliyunSignature.stringToSign("GET", PUBLISHED)).isEqualTo(
                "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
                        + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                        + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(AliyunSignature.sign("GET", PUBLISHED, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    @DisplayName("the older edition of the same published example (parameter spelled TimeStamp) gives its published CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    void olderPublishedExample() {
        Map<String, String> older = new java.util.HashMap<>(PUBLISHED);
        older.put("TimeStamp", older.remove("Timestamp"));
        assertThat(AliyunSignature.sign("GET", older, "testsecret")).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    @Test
    @DisplayName("percent-encoding follows Alibaba Cloud's rules: space %20 (not +), * %2A, ~ stays, UTF-8 bytes for Chinese")
    void percentEncoding() {
        assertThat(AliyunSignature.percentEncode("a b*c~d-e_f.g")).isEqualTo("a%20b%2Ac~d-e_f.g");
        assertThat(AliyunSignature.percentEncode("{\"code\":\"1+2\"}")).isEqualTo("%7B%22code%22%3A%221%2B2%22%7D");
        assertThat(AliyunSignature.percentEncode("阿里云")).isEqualTo("%E9%98%BF%E9%87%8C%E4%BA%91");
        assertThat(AliyunSignature.percentEncode("/")).isEqualTo("%2F");
    }

    @Test
    @DisplayName("parameters are signed in sorted order, so the order they were put in cannot change the signature")
    void sortedOrder() {
        Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("B", "2");
        a.put("A", "1");
        Map<String, String> b = new java.util.LinkedHashMap<>();
        b.put("A", "1");
        b.put("B", "2");
        assertThat(AliyunSignature.canonicalQuery(a)).isEqualTo("A=1&B=2");
        assertThat(AliyunSignature.sign("GET", a, "s")).isEqualTo(AliyunSignature.sign("GET", b, "s"))
                .isNotEqualTo(AliyunSignature.sign("GET", b, "t"));
    }
}
