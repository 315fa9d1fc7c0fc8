package cn.huren.server.registry;

import cn.huren.plugin.api.DocumentSeals;
import cn.huren.plugin.api.PresentedCertificate;
import cn.huren.plugin.api.SealException;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.support.ApiException;
import org.springframework.stereotype.Component;

/** The host service {@link DocumentSeals}: {@link PartySeals} for plugins, its refusals as {@link SealException}s with the same codes. */
@Component
class PluginDocumentSeals implements DocumentSeals {

    private final PartySeals seals;

    PluginDocumentSeals(PartySeals seals) {
        this.seals = seals;
    }

    @Override
    public Seal verify(long partyId, byte[] document, byte[] detachedCms) {
        PartySeals.Verified verified;
        try {
            verified = seals.verify(partyId, document, detachedCms);
        } catch (ApiException e) {
            throw new SealException(e.status().value(), e.kind(), e.getMessage());
        }
        VerifiedCertificate c = verified.signer();
        // the medium (key or phone) is not known from a seal: only a login says how the certificate was presented
        PresentedCertificate certificate = new PresentedCertificate(c.serialNumber(), c.subject(), c.issuer(), c.caName(),
                c.fingerprint(), c.holderName(), c.holderKind().name(), c.holderIdentifier(), c.notBefore(), c.notAfter(), null,
                verified.keyAlgorithm());
        return new Seal(c.holderName(), c.holderIdentifier(), certificate, verified.signedAt());
    }
}
