package cn.huren.server.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.TestClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

@DisplayName("image captcha")
class CaptchasTest {

    private final TestClock clock = new TestClock();
    private final Captchas captchas = new Captchas(clock);
    private final MockHttpSession session = new MockHttpSession();

    @Test
    @DisplayName("the challenge is a PNG of about 120x40 with something drawn on it")
    void pngDecodes() throws IOException {
        Captchas.Challenge challenge = captchas.issue(session, "js");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(challenge.png()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(CaptchaImages.WIDTH);
        assertThat(image.getHeight()).isEqualTo(CaptchaImages.HEIGHT);
        assertThat(variance(image)).as("luminance variance").isGreaterThan(200);
        assertThat(Duration.between(clock.instant(), challenge.expiresAt())).isBetween(Duration.ofSeconds(119), Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("the same text is drawn differently each time, and two challenges differ")
    void challengesDiffer() {
        Captchas.Challenge a = captchas.issue(session, "js");
        Captchas.Challenge b = captchas.issue(session, "js");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.png()).isNotEqualTo(b.png());
        assertThat(CaptchaImages.png("ABCDE", new SplittableRandom(1))).isNotEqualTo(CaptchaImages.png("ABCDE", new SplittableRandom(2)));
    }

    @Test
    @DisplayName("the alphabet has no 0/O or 1/I/l")
    void unambiguousAlphabet() {
        assertThat(Captchas.ALPHABET).doesNotContain("0", "O", "1", "I", "l", "L");
        assertThat(Captchas.LENGTH).isBetween(4, 5);
    }

    @Test
    @DisplayName("the right answer passes in any case, once; the session keeps only a salted hash")
    void rightOnce() {
        Captchas.Challenge challenge = known();
        String answer = answer(challenge);
        Object kept = session.getAttribute(Captchas.key("js", challenge.id()));
        assertThat(kept).isInstanceOf(Captchas.Pending.class);
        assertThat(((Captchas.Pending) kept).hash()).as("salted, not the bare digest of the answer")
                .isNotEqualTo(cn.huren.server.support.Hashes.sha256().digest(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(captchas.verify(session, "js", challenge.id(), " " + answer.toLowerCase() + " ")).isTrue();
        assertThat(captchas.verify(session, "js", challenge.id(), answer)).as("a second verify of the same id").isFalse();
    }

    @Test
    @DisplayName("a wrong answer fails and uses the challenge up")
    void wrongConsumes() {
        Captchas.Challenge challenge = known();
        String answer = answer(challenge);
        assertThat(captchas.verify(session, "js", challenge.id(), "WRONG")).isFalse();
        assertThat(captchas.verify(session, "js", challenge.id(), answer)).isFalse();
        assertThat(captchas.verify(session, "js", challenge.id(), null)).isFalse();
        assertThat(captchas.verify(session, "js", "no-such-id", answer)).isFalse();
        assertThat(captchas.verify(null, "js", challenge.id(), answer)).isFalse();
    }

    @Test
    @DisplayName("after two minutes the right answer fails")
    void expires() {
        Captchas.Challenge fresh = known();
        Captchas.Challenge late = known();
        clock.move(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(captchas.verify(session, "js", fresh.id(), answer(fresh))).isTrue();
        clock.move(Duration.ofSeconds(1));
        assertThat(captchas.verify(session, "js", late.id(), answer(late))).isFalse();
    }

    @Test
    @DisplayName("a challenge of one tenant does not pass on another")
    void tenantBound() {
        Captchas.Challenge challenge = known();
        assertThat(captchas.verify(session, "sx", challenge.id(), answer(challenge))).isFalse();
        assertThat(captchas.verify(session, "js", challenge.id(), answer(challenge))).isTrue();
    }

    @Test
    @DisplayName("a session keeps at most a few pending challenges per tenant, dropping the oldest and expired")
    void bounded() {
        List<Captchas.Challenge> issued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            issued.add(known());
            clock.move(Duration.ofSeconds(1));
        }
        assertThat(Collections.list(session.getAttributeNames())).hasSize(Captchas.PER_SESSION);
        assertThat(captchas.verify(session, "js", issued.get(0).id(), answer(issued.get(0)))).isFalse();
        assertThat(captchas.verify(session, "js", issued.get(7).id(), answer(issued.get(7)))).isTrue();
        clock.move(Duration.ofMinutes(3));
        known();
        assertThat(Collections.list(session.getAttributeNames())).hasSize(1);
    }

    private final java.util.Map<String, String> answers = new java.util.HashMap<>();
    private int count;

    /** A challenge whose text the test knows. */
    private Captchas.Challenge known() {
        String text = String.valueOf(Captchas.ALPHABET.charAt(count++ % Captchas.ALPHABET.length())) + "K7PQ";
        Captchas.Challenge challenge = captchas.issue(session, "js", text);
        answers.put(challenge.id(), text);
        return challenge;
    }

    private String answer(Captchas.Challenge challenge) {
        return answers.get(challenge.id());
    }

    private static double variance(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                squares += l * l;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }
}
