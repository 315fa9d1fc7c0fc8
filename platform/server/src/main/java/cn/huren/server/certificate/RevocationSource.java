package cn.huren.server.certificate;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where to ask whether a certificate is revoked, and whose signature the answer must carry: the
 * issuer's CRL URL and OCSP URL as the operator configured them when the issuer is one of the
 * tenant's CAs (the configuration is authoritative, also when it names neither), else the URLs the
 * certificate itself names (CRL distribution point, authority information access OCSP).
 * {@code key} identifies the issuer in caches: the trusted CA's id, or its certificate's hash.
 */
record RevocationSource(String key, String name, ParsedCertificates.Parsed issuer, String crlUrl, String ocspUrl) {

    static RevocationSource of(X509Certificate certificate, ChainBuilder.Link issuer) {
        if (issuer.anchor() != null) {
            TrustedCas.TrustedCaView ca = issuer.anchor().ca();
            return new RevocationSource(Long.toString(ca.id()), ca.name(), issuer.certificate(), ca.crlUrl(), ca.ocspUrl());
        }
        X509Certificate ca = issuer.certificate().certificate();
        String name = IdentityMapping.attribute(ca.getSubjectX500Principal(), org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return new RevocationSource("x" + issuer.certificate().sha256(), name != null ? name : ca.getSubjectX500Principal().getName(),
                issuer.certificate(), crlDistributionPoint(certificate).orElse(null), ocspResponder(certificate).orElse(null));
    }

    boolean checked() {
        return crlUrl != null || ocspUrl != null;
    }

    static Optional<String> crlDistributionPoint(X509Certificate certificate) {
        return firstHttp(certificate, Extension.cRLDistributionPoints, value -> {
            List<GeneralName> names = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    names.addAll(List.of(GeneralNames.getInstance(name.getName()).getNames()));
                }
            }
            return names;
        });
    }

    static Optional<String> ocspResponder(X509Certificate certificate) {
        return firstHttp(certificate, Extension.authorityInfoAccess, value -> {
            List<GeneralName> names = new ArrayList<>();
            for (AccessDescription access : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(access.getAccessMethod())) {
                    names.add(access.getAccessLocation());
                }
            }
            return names;
        });
    }

    /** The first http(s) URI among the names {@code read} finds in the extension; none when it is absent or malformed. */
    private static Optional<String> firstHttp(X509Certificate certificate, ASN1ObjectIdentifier oid, Function<ASN1Primitive, List<GeneralName>> read) {
        byte[] octets = certificate.getExtensionValue(oid.getId());
        if (octets == null) {
            return Optional.empty();
        }
        try {
            return http(read.apply(ASN1Primitive.fromByteArray(DEROctetString.getInstance(octets).getOctets())));
        } catch (java.io.IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String> http(List<GeneralName> names) {
        for (GeneralName n : names) {
            if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                String url = n.getName().toString();
                if (url.matches("https?://\\S{1,1990}")) {
                    return Optional.of(url);
                }
            }
        }
        return Optional.empty();
    }
}
