package cn.huren.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sandbox's check of an outbox delivery, as Hohhot would make it. */
class HohhotWebhookCheckTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final byte[] BODY = "{\"id\":\"e1\",\"type\":\"neimenggu.integrity.sync\"}".getBytes(StandardCharsets.UTF_8);

    static String ts(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    @Test
    @DisplayName("a delivery signed with the client's secret over timestamp and body, sent now, passes")
    void authentic() {
        String signature = "sha256=" + HohhotWebhookCheck.sign("s3cret", ts(NOW), BODY);

        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(NOW), BODY, signature, NOW)).isNull();
        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(NOW), BODY, signature, NOW.plusSeconds(299))).isNull();
    }

    @Test
    @DisplayName("another secret, a changed body, a changed timestamp or no signature is signature-invalid")
    void forged() {
        String signature = "sha256=" + HohhotWebhookCheck.sign("s3cret", ts(NOW), BODY);

        assertThat(HohhotWebhookCheck.refusal("other", ts(NOW), BODY, signature, NOW)).isEqualTo("signature-invalid");
        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(NOW), "{}".getBytes(StandardCharsets.UTF_8), signature, NOW)).isEqualTo("signature-invalid");
        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(NOW.plusSeconds(1)), BODY, signature, NOW)).isEqualTo("signature-invalid");
        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(NOW), BODY, null, NOW)).isEqualTo("signature-invalid");
        assertThat(HohhotWebhookCheck.refusal(null, ts(NOW), BODY, signature, NOW)).isEqualTo("signature-invalid");
        assertThat(HohhotWebhookCheck.refusal("s3cret", "yesterday", BODY, signature, NOW)).isEqualTo("signature-invalid");
    }

    @Test
    @DisplayName("a correctly signed delivery older (or newer) than 5 minutes is timestamp-stale: a replay is refused")
    void stale() {
        Instant old = NOW.minusSeconds(301);
        String signature = "sha256=" + HohhotWebhookCheck.sign("s3cret", ts(old), BODY);

        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(old), BODY, signature, NOW)).isEqualTo("timestamp-stale");
        Instant future = NOW.plusSeconds(301);
        assertThat(HohhotWebhookCheck.refusal("s3cret", ts(future), BODY, "sha256=" + HohhotWebhookCheck.sign("s3cret", ts(future), BODY), NOW))
                .isEqualTo("timestamp-stale");
    }
}
