package cn.huren.server.portal;

import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import cn.huren.plugin.api.PresentedCertificate;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@link PortalUsers} for plugins: the party session the request was signed in with — the portal's browser session
 * ({@link PortalSession.Filter}) or a bearer token on the party API ({@code PartyTokenFilter}), both looked up in the
 * request's tenant only, so never another tenant's session. Read once per request.
 */
@Component
class HostPortalUsers implements PortalUsers {

    private static final String ATTRIBUTE = HostPortalUsers.class.getName();

    private final PartySessions sessions;
    private final CertificateVerifier verifier;

    HostPortalUsers(PartySessions sessions, CertificateVerifier verifier) {
        this.sessions = sessions;
        this.verifier = verifier;
    }

    @Override
    public Optional<PortalUser> current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || TenantContext.current().isEmpty()) {
            return Optional.empty();
        }
        HttpServletRequest request = attributes.getRequest();
        if (request.getAttribute(ATTRIBUTE) instanceof PortalUser known) {
            return Optional.of(known);
        }
        PartyAccess access = PartyAccesses.of(request);
        if (access == null) {
            return Optional.empty();
        }
        PortalUser user = of(access.principal());
        request.setAttribute(ATTRIBUTE, user);
        return Optional.of(user);
    }

    private PortalUser of(PartyPrincipal p) {
        Optional<PresentedCertificate> certificate = p.certificateFingerprint() == null ? Optional.empty()
                : Optional.of(certificate(p));
        return new PortalUser(p.partyId() == null ? OptionalLong.empty() : OptionalLong.of(p.partyId()),
                p.partyId() == null ? null : p.holderKind().name(), p.holderName(), p.holderIdentifier(),
                p.authentication().name(), certificate, Hashes.sha256Hex("portal-user:" + p.tokenHash()));
    }

    /** The session's certificate as verified now; one that no longer verifies (revoked meanwhile) still shows what it says. */
    private PresentedCertificate certificate(PartyPrincipal p) {
        byte[] der = sessions.certificate(p.tokenHash());
        String algorithm = algorithm(der);
        try {
            VerifiedCertificate v = verifier.verify(der, List.of());
            return new PresentedCertificate(v.serialNumber(), v.subject(), v.issuer(), v.caName(), v.fingerprint(), v.holderName(),
                    v.holderKind().name(), v.holderIdentifier(), v.notBefore(), v.notAfter(), p.medium(), algorithm);
        } catch (ApiException e) {
            Certificate c = Certificate.getInstance(der);
            return new PresentedCertificate(p.certificateSerial(), c.getSubject().toString(), c.getIssuer().toString(), null,
                    p.certificateFingerprint(), p.holderName(), p.holderKind().name(), p.holderIdentifier(),
                    c.getStartDate().getDate().toInstant(), c.getEndDate().getDate().toInstant(), p.medium(), algorithm);
        }
    }

    /** The holder's key algorithm: SM2, EC or RSA. */
    static String algorithm(byte[] der) {
        try {
            AlgorithmIdentifier key = Certificate.getInstance(der).getSubjectPublicKeyInfo().getAlgorithm();
            if (PKCSObjectIdentifiers.rsaEncryption.equals(key.getAlgorithm())) {
                return "RSA";
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm())) {
                return key.getParameters() instanceof ASN1ObjectIdentifier curve && GMObjectIdentifiers.sm2p256v1.equals(curve) ? "SM2" : "EC";
            }
            return key.getAlgorithm().getId();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
