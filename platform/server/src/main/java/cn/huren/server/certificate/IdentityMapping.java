package cn.huren.server.certificate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * How one CA writes the holder's identifier (USCC or ID number) into its certificates — it differs
 * between CAs, so it is configuration: the subject's serialNumber attribute, a CN pattern with a
 * named group {@code id} (e.g. {@code ^(?<name>.+)@(?<id>[0-9A-Z]{18})$}), or a CA-private extension OID.
 */
public record IdentityMapping(Source source, String pattern, String oid) {

    public enum Source { SUBJECT_SERIAL, CN_PATTERN, OID }

    public IdentityMapping {
        if (source == null) {
            throw new IllegalArgumentException("identity.source is required: SUBJECT_SERIAL, CN_PATTERN or OID");
        }
        if (source == Source.CN_PATTERN) {
            try {
                if (pattern == null || !Pattern.compile(pattern).pattern().contains("(?<id>")) {
                    throw new IllegalArgumentException("identity.pattern needs a named group (?<id>…) around the identifier");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("identity.pattern is not a regular expression: " + e.getDescription());
            }
        }
        if (source == Source.OID && (oid == null || !oid.matches("[0-2](\\.\\d+)+"))) {
            throw new IllegalArgumentException("identity.oid must be a dotted object identifier such as 1.2.156.10260.4.1.1");
        }
    }

    /** The identifier this mapping reads from the certificate, or null when it is not there. */
    String read(java.security.cert.X509Certificate certificate) {
        return switch (source) {
            case SUBJECT_SERIAL -> attribute(certificate.getSubjectX500Principal(), BCStyle.SERIALNUMBER);
            case CN_PATTERN -> {
                String cn = attribute(certificate.getSubjectX500Principal(), BCStyle.CN);
                Matcher m = cn == null ? null : Pattern.compile(pattern).matcher(cn);
                yield m != null && m.matches() ? m.group("id") : null;
            }
            case OID -> extension(certificate, oid);
        };
    }

    static String attribute(X500Principal principal, ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String extension(java.security.cert.X509Certificate certificate, String oid) {
        byte[] value = certificate.getExtensionValue(oid);
        if (value == null) {
            return null;
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
            return text(inner);
        } catch (Exception e) {
            return new String(ASN1OctetString.getInstance(value).getOctets(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String s) {
            return s.getString().strip();
        }
        if (value instanceof ASN1OctetString o) {
            return new String(o.getOctets(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        return null;
    }
}
