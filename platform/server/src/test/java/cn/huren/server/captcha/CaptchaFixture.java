package cn.huren.server.captcha;

import cn.huren.server.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * For tests of forms a captcha guards: replaces the pending challenge {@code id} a browser fetched (kept in its
 * shared JDBC session) with one whose answer the test knows, as {@link Captchas#issue(jakarta.servlet.http.HttpSession,
 * String, String)} would keep it.
 */
public final class CaptchaFixture {

    private CaptchaFixture() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void answer(SessionRepository<? extends Session> sessions, String sessionId, String tenant, String id,
                              String answer, Instant expiresAt) {
        SessionRepository repository = sessions;
        Session session = (Session) repository.findById(sessionId);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        MessageDigest digest = Hashes.sha256();
        digest.update(salt);
        byte[] hash = digest.digest(answer.getBytes(StandardCharsets.UTF_8));
        session.setAttribute(Captchas.key(tenant, id), new Captchas.Pending(salt, hash, expiresAt));
        repository.save(session);
    }
}
