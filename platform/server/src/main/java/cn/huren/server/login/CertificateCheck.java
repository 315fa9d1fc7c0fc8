package cn.huren.server.login;

import cn.huren.server.certificate.CertificateInspector;
import cn.huren.server.certificate.CertificateInspector.Check;
import cn.huren.server.certificate.CertificateInspector.Outcome;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The certificate check (检测证书, APP-34): every check a login would make right now — the
 * certificate's own ({@link CertificateInspector}: validity, key usage, chain, revocation, identity),
 * its binding's state — and, where the key is at hand, possession: the manual's certificate password
 * is the key's PIN, which never leaves the device, so the key signs a fresh check challenge after it
 * (the USB key's local signer, as for login). Changes nothing: no challenge row, no log entry.
 */
@Service
public class CertificateCheck {

    /** What the key signs: {@code message} exactly. */
    public record Challenge(UUID id, String message, Instant expiresAt) {
    }

    /** {@code usable}: every check but possession passed, i.e. a login with it would be accepted now. */
    public record Report(long certificateId, Instant at, boolean usable, List<Check> checks) {
    }

    private record Row(byte[] der, String status, Instant boundAt, boolean primary, Instant disabledAt,
                       String disabledBy, Instant voidedAt, String voidReason) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CertificateInspector inspector;
    private final CertificateVerifier verifier;
    private final ChallengeSeals seals;
    private final Clock clock;

    CertificateCheck(TenantData data, TransactionTemplate tx, CertificateInspector inspector, CertificateVerifier verifier,
                     ChallengeSeals seals, Clock clock) {
        this.clock = clock;
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.inspector = inspector;
        this.verifier = verifier;
        this.seals = seals;
    }

    public Challenge challenge(long partyId, long id) {
        row(partyId, id);
        Instant expires = clock.instant().plus(CertificateLogin.CHALLENGE_TTL).truncatedTo(ChronoUnit.SECONDS);
        UUID challenge = seals.issue(CertificateLogin.Mode.TOKEN, expires);
        return new Challenge(challenge, message(id, challenge), expires);
    }

    /** Without {@code challenge} and {@code signature} possession is not run; with one of them only, 400. */
    public Report run(long partyId, long id, UUID challenge, String signature) {
        if ((challenge == null) != (signature == null || signature.isBlank())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(challenge == null ? "challenge" : "signature",
                    "the possession check needs both the challenge and the key's signature over its message")));
        }
        byte[] signed = signature == null || signature.isBlank() ? null : base64(signature);
        if (challenge != null) {
            ChallengeSeals.Sealed sealed = seals.open(challenge).orElseThrow(() -> ApiException.invalid(List.of(
                    new ApiException.FieldError("challenge", "not a check challenge of this portal"))));
            if (sealed.expiresAt().isBefore(clock.instant())) {
                throw new ApiException(HttpStatus.GONE, "challenge-expired", "the check challenge expired; start the check again");
            }
        }
        Row row = row(partyId, id);
        List<Check> checks = new ArrayList<>(inspector.inspect(row.der()));
        checks.add(binding(row));
        boolean usable = checks.stream().allMatch(c -> c.outcome() == Outcome.PASSED);
        checks.add(signed == null
                ? new Check("possession", Outcome.NOT_RUN, null, "needs the key: enter its PIN so that it signs a fresh challenge")
                : verifier.signatureValid(row.der(), message(id, challenge).getBytes(StandardCharsets.UTF_8), signed)
                ? new Check("possession", Outcome.PASSED, null, "the key of this certificate signed a fresh challenge")
                : new Check("possession", Outcome.FAILED, "signature-invalid",
                "the signature does not verify with this certificate's key: the key at hand holds another certificate, or the PIN's key differs"));
        return new Report(id, clock.instant(), usable, checks);
    }

    private static Check binding(Row row) {
        if ("VOIDED".equals(row.status())) {
            return new Check("binding", Outcome.FAILED, "binding-voided", "voided on " + row.voidedAt() + ": " + row.voidReason());
        }
        if ("REVOKED".equals(row.status())) { // by the party (APP-32) or replaced by a change: final, whatever the CA's list says yet
            return new Check("binding", Outcome.FAILED, "certificate-revoked", "revoked by the party; a revocation is final");
        }
        if (row.disabledAt() != null) {
            return new Check("binding", Outcome.FAILED, "certificate-disabled", "disabled by " + row.disabledBy() + " on " + row.disabledAt());
        }
        return new Check("binding", Outcome.PASSED, null, "bound since " + row.boundAt() + (row.primary() ? ", the primary certificate (主锁)" : ""));
    }

    private Row row(long partyId, long id) {
        return tx.execute(s -> jdbc.sql("select * from certificate_binding where id = ? and party_id = ?").params(id, partyId)
                .query((rs, n) -> new Row(rs.getBytes("certificate"), rs.getString("status"),
                        instant(rs.getTimestamp("created_at")), rs.getBoolean("is_primary"), instant(rs.getTimestamp("disabled_at")),
                        rs.getString("disabled_by"), instant(rs.getTimestamp("voided_at")), rs.getString("void_reason")))
                .optional().orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party")));
    }

    /** Never a login message (huren-login:…): a signature over it opens no session. */
    private String message(long id, UUID challenge) {
        return "huren-check:" + TenantContext.require().code() + ":" + id + ":" + challenge + ":" + seals.nonce(challenge);
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("signature", "not base64")));
        }
    }
}
