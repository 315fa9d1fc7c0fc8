package cn.huren.server.registry;

import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * the one check of a document sealed (签章) by a party — a detached CMS signature over the document's exact
 * bytes ({@link CmsSignatures}), its signer's certificate trusted by the current tenant like any certificate use
 * ({@link CertificateVerifier}: chain, validity, revocation), the party's own (holder kind and identifier) and bound
 * to the party now (an ACTIVE binding, not disabled: a voided, lost or never-activated key seals nothing). The
 * commitment letter (JS-85) and the plugins' documents ({@code DocumentSeals}) are checked here alike.
 */
@Component
public class PartySeals {

    /** How far a signing time may lie ahead of this server's clock (the signer's clock runs a little fast). */
    static final Duration SKEW = Duration.ofMinutes(5);

    /**
     * @param keyAlgorithm SM2, EC or RSA
     * @param signedAt     the signature's signing-time attribute, else the time of this check
     */
    public record Verified(VerifiedCertificate signer, String keyAlgorithm, Instant signedAt) {
    }

    private final PartyRegistration parties;
    private final CertificateVerifier verifier;
    private final PartyAccess.BindingLookup bindings;
    private final Clock clock;

    PartySeals(PartyRegistration parties, CertificateVerifier verifier, PartyAccess.BindingLookup bindings, Clock clock) {
        this.parties = parties;
        this.verifier = verifier;
        this.bindings = bindings;
        this.clock = clock;
    }

    /**
     * @throws ApiException signature-malformed (400), signature-invalid, signer-not-party, signer-not-bound (422), or the
     *                      certificate's refusal
     */
    public Verified verify(long partyId, byte[] document, byte[] cms) {
        parties.requireExists(partyId); // refused outside any transaction: a plugin's own transaction is not marked rollback-only
        PartyView party = parties.require(partyId);
        CmsSignatures.Signed signed = CmsSignatures.verifyDetached(cms, document == null ? new byte[0] : document);
        VerifiedCertificate signer = verifier.verify(signed.signerCertificate(), List.of());
        if (signer.holderKind() != party.kind() || !signer.holderIdentifier().equals(party.identifier())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "signer-not-party",
                    "the document must be sealed with a certificate of " + party.identifier() + "; this one belongs to "
                            + signer.holderIdentifier());
        }
        if (!bindings.activeBinding(partyId, signer.fingerprint()).map(b -> !b.disabled()).orElse(false)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "signer-not-bound",
                    "the document must be sealed with a certificate bound to the party and enabled (证书激活); this one is not");
        }
        Instant now = clock.instant();
        if (signed.signingTime() != null && signed.signingTime().isAfter(now.plus(SKEW))) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "signature-invalid",
                    "the signature claims to be made at " + signed.signingTime() + ", later than now (" + now + ")");
        }
        return new Verified(signer, signed.keyAlgorithm(), signed.signingTime() != null ? signed.signingTime() : now);
    }
}
