package cn.huren.server.captcha;

import cn.huren.server.support.Hashes;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;

/**
 * Image captchas (ORD-04). The answer never leaves the server in clear and is kept only as
 * SHA-256(salt ‖ answer) with a per-challenge salt, in the caller's HTTP session under a namespaced
 * attribute per tenant and id. The HTTP session is Spring Session JDBC, so the node that verifies
 * need not be the node that issued (nodes are stateless). Answers are case-insensitive; a challenge
 * is used up by its first verify, right or wrong, and fails after {@link #LIFETIME}.
 */
@Service
public class Captchas {

    /** No 0/O, 1/I/L: nothing a person has to guess between. */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 5;
    static final Duration LIFETIME = Duration.ofMinutes(2);
    /** Pending challenges a session keeps per tenant (a few open tabs); the oldest goes first. */
    static final int PER_SESSION = 5;
    private static final String PREFIX = "huren.captcha.";

    /** A challenge as the caller shows it: the answer is only in the picture. */
    public record Challenge(String id, byte[] png, Instant expiresAt) {
    }

    /** What the session keeps; serializable for Spring Session JDBC. */
    record Pending(byte[] salt, byte[] hash, Instant expiresAt) implements Serializable {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Captchas(Clock clock) {
        this.clock = clock;
    }

    /** A new challenge for {@code tenant}, remembered in {@code session}. */
    public Challenge issue(HttpSession session, String tenant) {
        char[] text = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            text[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return issue(session, tenant, new String(text));
    }

    /** {@link #issue(HttpSession, String)} with the text given: tests know what to answer. */
    Challenge issue(HttpSession session, String tenant, String answer) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String id = UUID.randomUUID().toString();
        Instant expiresAt = clock.instant().plus(LIFETIME);
        makeRoom(session, tenant);
        session.setAttribute(key(tenant, id), new Pending(salt, hash(salt, answer), expiresAt));
        // the look needs no secrecy, only variety; the text came from the SecureRandom above
        return new Challenge(id, CaptchaImages.png(answer, ThreadLocalRandom.current()), expiresAt);
    }

    /**
     * Whether {@code answer} is the text of challenge {@code id} of {@code tenant} in this session,
     * still in time. The challenge is removed first, so a second verify fails whatever it says.
     */
    public boolean verify(HttpSession session, String tenant, String id, String answer) {
        if (session == null || id == null) {
            return false;
        }
        String key = key(tenant, id);
        Object kept = session.getAttribute(key);
        if (kept == null) {
            return false;
        }
        session.removeAttribute(key);
        if (!(kept instanceof Pending pending) || answer == null || !clock.instant().isBefore(pending.expiresAt())) {
            return false;
        }
        return MessageDigest.isEqual(pending.hash(), hash(pending.salt(), answer.strip().toUpperCase(Locale.ROOT)));
    }

    private void makeRoom(HttpSession session, String tenant) {
        String prefix = PREFIX + tenant + ".";
        Instant now = clock.instant();
        List<Map.Entry<String, Pending>> kept = new ArrayList<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            if (name.startsWith(prefix)) {
                if (session.getAttribute(name) instanceof Pending p && now.isBefore(p.expiresAt())) {
                    kept.add(Map.entry(name, p));
                } else {
                    session.removeAttribute(name);
                }
            }
        }
        kept.sort(Comparator.comparing(e -> e.getValue().expiresAt()));
        for (int i = 0; i <= kept.size() - PER_SESSION; i++) {
            session.removeAttribute(kept.get(i).getKey());
        }
    }

    static String key(String tenant, String id) {
        return PREFIX + tenant + "." + id;
    }

    private static byte[] hash(byte[] salt, String answer) {
        MessageDigest digest = Hashes.sha256();
        digest.update(salt);
        return digest.digest(answer.getBytes(StandardCharsets.UTF_8));
    }
}
