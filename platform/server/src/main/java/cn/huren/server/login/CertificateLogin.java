package cn.huren.server.login;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.Purges;
import cn.huren.server.support.Tokens;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Certificate login by challenge and signature, never a password. A challenge (random nonce, 120 s,
 * single use) is signed as {@code huren-login:{tenant}:{challengeId}:{nonce}}; the certificate must
 * pass every check of the tenant and the signature must verify with its key. The result names what
 * comes next: nothing (a bound certificate), ACTIVATE (a registered party's unbound certificate) or
 * REGISTER (no party yet); a disabled certificate, or a voided one not re-admitted, is refused (APP-29,
 * JS-81). Every attempt lands in the tenant's login log.
 */
@Service
public class CertificateLogin {

    public enum Mode { TOKEN, MOBILE }

    /** What a client signs: {@code message} exactly. */
    public record Challenge(UUID id, String nonce, Instant expiresAt, String message, Mode mode) {
    }

    /** The outcome; {@code token} is a bearer token for this tenant's API (TOKEN mode). */
    public record LoginResult(String status, String token, String next, String holderKind, String holderIdentifier,
                              Long partyId, String certificateSerial) {
    }

    static final Duration CHALLENGE_TTL = Duration.ofSeconds(120);
    public static final Duration SESSION_TTL = Duration.ofHours(8);
    /** How long after a challenge's expiry the browser that showed it may still take its session over. */
    static final Duration HAND_OFF_GRACE = Duration.ofMinutes(2);
    private static final java.util.regex.Pattern PEM_ARMOUR = java.util.regex.Pattern.compile("-----(BEGIN|END) CERTIFICATE-----");

    private final CertificateVerifier verifier;
    private final LoginRecords records;
    private final ChallengeSeals seals;
    private final SessionOpenings openings;
    private final LoginLimits limits;
    private final PartySessions sessions;
    private final Clock clock;

    CertificateLogin(CertificateVerifier verifier, LoginRecords records, ChallengeSeals seals, SessionOpenings openings, LoginLimits limits,
                     PartySessions sessions, Clock clock) {
        this.clock = clock;
        this.verifier = verifier;
        this.records = records;
        this.seals = seals;
        this.openings = openings;
        this.limits = limits;
        this.sessions = sessions;
    }

    /** A new challenge; nothing is stored until it is scanned or answered (see {@link ChallengeSeals}). */
    public Challenge issue(Mode mode) {
        Instant expires = clock.instant().plus(CHALLENGE_TTL).truncatedTo(ChronoUnit.SECONDS);
        UUID id = seals.issue(mode, expires);
        String nonce = seals.nonce(id);
        return new Challenge(id, nonce, expires, message(id, nonce), mode);
    }

    /**
     * The state of a challenge, for the page that shows its QR code: PENDING, SCANNED, ANSWERED,
     * AUTHENTICATED, FAILED, SIGNED_IN, or EXPIRED once an unanswered one runs out.
     */
    public String state(UUID id) {
        ChallengeSeals.Sealed sealed = sealed(id);
        String state = records.state(id).orElse("PENDING");
        boolean open = state.equals("PENDING") || state.equals("SCANNED");
        return open && sealed.expiresAt().isBefore(clock.instant()) ? "EXPIRED" : state;
    }

    /** The nonce of a challenge, for the QR code the page shows. */
    public String nonce(UUID id) {
        sealed(id);
        return seals.nonce(id);
    }

    /**
     * The app read the QR code and asks its user to confirm; the page shows "scanned" meanwhile. A scan
     * writes the challenge's row: it counts against its {@code address}'s login limit ({@link LoginLimits}).
     */
    public String scan(UUID id, String address) {
        limits.address(address);
        ChallengeSeals.Sealed sealed = sealed(id);
        if (sealed.mode() != Mode.MOBILE) { // a TOKEN challenge is answered by the key, never scanned; a scan would burn it
            throw ApiException.conflict("challenge-not-scannable", "this is a USB-key (TOKEN) challenge; only a QR (MOBILE) challenge is scanned");
        }
        if (sealed.expiresAt().isBefore(clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "challenge-expired", "the challenge expired; refresh the QR code");
        }
        if (!records.scan(id, seals.nonce(id), sealed)) {
            throw ApiException.conflict("challenge-used", "this challenge was already answered; request a new one");
        }
        return "SCANNED";
    }

    /**
     * The browser that showed the challenge takes the session its answer opened, once: returns the
     * session's token hash for the browser's own (cookie) session.
     */
    public String handOff(UUID challengeId) {
        ChallengeSeals.Sealed sealed = sealed(challengeId);
        if (sealed.expiresAt().plus(HAND_OFF_GRACE).isBefore(clock.instant())) { // long before its row could be purged (10 min)
            throw ApiException.conflict("challenge-not-authenticated", "this challenge is too old to be taken over; log in again");
        }
        return records.handOff(challengeId, seals.nonce(challengeId), sealed)
                .orElseThrow(() -> ApiException.conflict("challenge-not-authenticated", "this challenge has no signed answer to take over"));
    }

    /**
     * {@code mediumId}: the unique id a mobile app or key reports for its medium (JS-74, JS-76); optional.
     * The answer is checked first (CPU only); then one statement claims the challenge, opens the
     * session and logs it ({@link SessionOpenings}, shared with concurrent answers), so a replayed or
     * concurrent second answer finds the challenge taken. Rate limits ({@link LoginLimits}): the client's
     * {@code address} before anything else, the certificate once its signature verified; an answer
     * over a limit is refused with 429 before anything is written, and its challenge may still be
     * answered after the wait.
     */
    public LoginResult respond(UUID challengeId, String certificateText, String signatureBase64, String mediumId, String address) {
        limits.address(address);
        if (mediumId != null && (mediumId.isBlank() || mediumId.length() > 128)) {
            throw ApiException.invalid(java.util.List.of(new ApiException.FieldError("mediumId", "1 to 128 characters when given")));
        }
        byte[] der = decode(certificateText, "certificate");
        byte[] signature = decode(signatureBase64, "signature");
        ChallengeSeals.Sealed challenge = seals.open(challengeId).orElse(null);
        if (challenge == null) {
            ApiException refusal = ApiException.notFound("challenge-not-found", "no such login challenge for this portal");
            records.refuse(challengeId, null, null, reason(refusal), verifier.presented(der));
            throw refusal;
        }
        try {
            return complete(challengeId, challenge, der, signature, mediumId);
        } catch (TooManyRequests e) {
            throw e;
        } catch (RuntimeException e) {
            records.refuse(challengeId, seals.nonce(challengeId), challenge, reason(e), verifier.presented(der));
            throw e;
        }
    }

    private LoginResult complete(UUID challengeId, ChallengeSeals.Sealed challenge, byte[] der, byte[] signature, String mediumId) {
        if (challenge.expiresAt().isBefore(clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "challenge-expired", "the challenge expired; request a new one");
        }
        String nonce = seals.nonce(challengeId);
        VerifiedCertificate certificate = verifier.verifySigned(der, message(challengeId, nonce).getBytes(StandardCharsets.UTF_8), signature);
        limits.certificate(TenantContext.require().code(), certificate.fingerprint());
        if (Purges.due()) {
            records.purgeExpired();
            sessions.purgeEnded();
        }
        String token = Tokens.random();
        SessionOpenings.Opened opened = openings.open(new SessionOpenings.Answer(challengeId, nonce, challenge, certificate,
                Hashes.sha256Hex(token), der, mediumId, clock.instant().plus(SESSION_TTL))).orElseThrow(() -> ApiException.conflict("challenge-used",
                "this challenge was already answered; request a new one"));
        if (opened.refused() != null) {
            throw "VOIDED".equals(opened.refused()) ? CertificateBindings.voided() : CertificateBindings.disabled();
        }
        return new LoginResult("AUTHENTICATED", challenge.mode() == Mode.TOKEN ? token : null, opened.next(), certificate.holderKind().name(),
                certificate.holderIdentifier(), opened.partyId(), certificate.serialNumber());
    }

    private ChallengeSeals.Sealed sealed(UUID id) {
        return seals.open(id).orElseThrow(() -> ApiException.notFound("challenge-not-found", "no such login challenge"));
    }

    private static String reason(RuntimeException e) {
        return e instanceof ApiException a ? a.kind() + ": " + a.getMessage() : "error: " + e.getClass().getSimpleName();
    }

    static String message(UUID id, String nonce) {
        return "huren-login:" + TenantContext.require().code() + ":" + id + ":" + nonce;
    }

    private static byte[] decode(String text, String field) {
        if (text == null || text.isBlank() || text.length() > 32_768) {
            throw ApiException.invalid(java.util.List.of(new ApiException.FieldError(field, "required, at most 32 KB")));
        }
        byte[] der = "certificate".equals(field) ? pemOrBase64(text) : base64(text);
        if (der == null) {
            throw ApiException.invalid(java.util.List.of(new ApiException.FieldError(field, "not base64" + ("certificate".equals(field) ? " or PEM" : ""))));
        }
        return der;
    }

    private static byte[] pemOrBase64(String text) {
        return base64(PEM_ARMOUR.matcher(text).replaceAll(""));
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
