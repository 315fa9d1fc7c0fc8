package cn.huren.server.certificate;

import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.ResidentId;
import cn.huren.server.party.Uscc;
import cn.huren.server.support.ApiException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a presented certificate for the current tenant: readable, within its validity, allowed to
 * sign (keyUsage digitalSignature), chaining through the tenant's enabled CAs to one of its roots
 * (PKIX, Bouncy Castle), not revoked on its CA's CRL, and carrying the holder's identifier where
 * its CA puts it. Parsed certificates are cached by their SHA-256.
 */
@Component
public class CertificateVerifier {

    private final TrustedCas cas;
    private final RevocationChecks revocation;
    private final Cache<String, X509Certificate> parsed = Caffeine.newBuilder().maximumSize(50_000).build();

    CertificateVerifier(TrustedCas cas, RevocationChecks revocation) {
        this.cas = cas;
        this.revocation = revocation;
    }

    public VerifiedCertificate verify(byte[] der, List<byte[]> presentedIntermediates) {
        X509Certificate leaf = parse(der);
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw refused("certificate-expired", "the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw refused("certificate-not-yet-valid", "the certificate is valid only from " + leaf.getNotBefore().toInstant());
        }
        boolean[] usage = leaf.getKeyUsage();
        if (leaf.getBasicConstraints() >= 0 || (usage != null && !usage[0])) {
            throw refused("certificate-key-usage", "the certificate may not be used for signatures (keyUsage digitalSignature)");
        }
        List<TrustedCas.Anchor> anchors = cas.anchors();
        PKIXCertPathBuilderResult path = buildPath(leaf, anchors, presentedIntermediates);
        TrustedCas.Anchor issuer = issuingCa(leaf, path, anchors);
        if (issuer.certificate().getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            revocation.check(leaf, issuer);
        }
        String identifier = issuer.ca().identity().read(leaf);
        if (identifier == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-identity", "the certificate carries no identifier where "
                    + issuer.ca().name() + " writes it (" + issuer.ca().identity().source() + ")");
        }
        return new VerifiedCertificate(leaf.getSerialNumber().toString(16).toUpperCase(), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                leaf.getSigAlgName(), Crypto.sha256(der), issuer.ca().name(), kind(identifier), normalise(identifier),
                IdentityMapping.attribute(leaf.getSubjectX500Principal(), BCStyle.CN));
    }

    /**
     * Whether {@code signature} over {@code message} was made with the certificate's key: SM2 keys
     * with SM3withSM2 and the default user id 1234567812345678, EC keys with SHA256withECDSA (DER),
     * RSA keys with SHA256withRSA (PKCS#1 v1.5). Bouncy Castle throughout.
     */
    public boolean signatureValid(byte[] der, byte[] message, byte[] signature) {
        X509Certificate certificate = parse(der);
        java.security.PublicKey key = certificate.getPublicKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> isSm2(key) ? "SM3withSM2" : "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || signature == null || signature.length == 0 || signature.length > 1024) {
            return false;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm, Crypto.BC);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isSm2(java.security.PublicKey key) {
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded());
        return org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(info.getAlgorithm().getParameters());
    }

    private X509Certificate parse(byte[] der) {
        if (der == null || der.length == 0 || der.length > Crypto.MAX_CERTIFICATE_BYTES) {
            throw ApiException.badRequest("certificate-unreadable", "the certificate is empty or larger than "
                    + Crypto.MAX_CERTIFICATE_BYTES + " bytes");
        }
        return parsed.get(Crypto.sha256(der), h -> {
            try {
                return Crypto.parse(der);
            } catch (CertificateException | RuntimeException e) {
                throw ApiException.badRequest("certificate-unreadable", "the bytes are not an X.509 certificate");
            }
        });
    }

    private static PKIXCertPathBuilderResult buildPath(X509Certificate leaf, List<TrustedCas.Anchor> anchors, List<byte[]> presented) {
        Set<TrustAnchor> roots = anchors.stream().filter(a -> a.ca().root()).map(a -> new TrustAnchor(a.certificate(), null))
                .collect(Collectors.toSet());
        if (roots.isEmpty()) {
            throw untrusted(anchors);
        }
        List<Object> pool = new ArrayList<>();
        pool.add(leaf);
        anchors.stream().filter(a -> !a.ca().root()).forEach(a -> pool.add(a.certificate()));
        for (byte[] der : presented == null ? List.<byte[]>of() : presented) {
            try {
                pool.add(Crypto.parse(der));
            } catch (CertificateException e) {
                throw ApiException.badRequest("certificate-unreadable", "an intermediate certificate is not readable");
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(roots, target);
            params.setRevocationEnabled(false);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool), Crypto.BC));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", Crypto.BC).build(params);
        } catch (GeneralSecurityException e) {
            throw untrusted(anchors);
        }
    }

    /** The nearest CA of the tenant on the path: its identity mapping applies. */
    private static TrustedCas.Anchor issuingCa(X509Certificate leaf, PKIXCertPathBuilderResult path, List<TrustedCas.Anchor> anchors) {
        List<X509Certificate> chain = new ArrayList<>();
        path.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
        chain.add(path.getTrustAnchor().getTrustedCert());
        for (X509Certificate c : chain.subList(1, chain.size())) {
            Optional<TrustedCas.Anchor> match = anchors.stream().filter(a -> a.certificate().equals(c)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        throw new IllegalStateException("a built path ends in a trust anchor of the tenant");
    }

    private static ApiException untrusted(List<TrustedCas.Anchor> anchors) {
        Set<String> names = new HashSet<>();
        anchors.forEach(a -> names.add(a.ca().name()));
        return refused("certificate-untrusted", "the certificate is not issued by a CA this portal recognises"
                + (names.isEmpty() ? " (none is configured)" : "; recognised: " + String.join(", ", new java.util.TreeSet<>(names))));
    }

    private static ApiException refused(String kind, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, kind, detail);
    }

    private static PartyKind kind(String identifier) {
        try {
            Uscc.parse(identifier);
            return PartyKind.ENTERPRISE;
        } catch (InvalidIdentifierException notUscc) {
            try {
                ResidentId.parse(identifier);
                return PartyKind.NATURAL_PERSON;
            } catch (InvalidIdentifierException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-identity",
                        "the certificate's identifier is neither a valid USCC nor a valid ID number: " + e.getMessage());
            }
        }
    }

    private static String normalise(String identifier) {
        return identifier.strip().toUpperCase();
    }
}
