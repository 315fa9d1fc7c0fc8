package cn.huren.server.certificate;

import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.ResidentId;
import cn.huren.server.party.Uscc;
import cn.huren.server.support.ApiException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a presented certificate for the current tenant: readable, within its validity, allowed to
 * sign (keyUsage digitalSignature), chaining through the tenant's enabled CAs to one of its roots
 * ({@link ChainBuilder}), neither it nor any CA certificate on its chain below the root revoked
 * (OCSP or CRL of each one's issuer, {@link RevocationChecks}), and carrying the holder's identifier
 * where its CA puts it. Parse results are cached by the certificate's SHA-256 ({@link ParsedCertificates}).
 */
@Component
public class CertificateVerifier {

    private final TrustedCas cas;
    private final RevocationChecks revocation;
    final ParsedCertificates parsing;
    private final ChainBuilder chains;
    private final Clock clock;

    CertificateVerifier(TrustedCas cas, RevocationChecks revocation, ParsedCertificates parsing, ChainBuilder chains, Clock clock) {
        this.clock = clock;
        this.cas = cas;
        this.revocation = revocation;
        this.parsing = parsing;
        this.chains = chains;
    }

    /** Who a presented certificate claims to be, read without any check: for the login log of a refused answer. */
    public record Presented(String serial, String issuer) {
    }

    public VerifiedCertificate verify(byte[] der, List<byte[]> presentedIntermediates) {
        return verify(parsing.parse(der), presentedIntermediates);
    }

    /**
     * What a login checks: {@link #verify} the certificate, then that {@code signature} over
     * {@code message} was made with its key ({@link #signatureValid}); the certificate parsed once.
     */
    public VerifiedCertificate verifySigned(byte[] der, byte[] message, byte[] signature) {
        ParsedCertificates.Parsed parsed = parsing.parse(der);
        VerifiedCertificate verified = verify(parsed, List.of());
        if (!signs(parsed, message, signature)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "signature-invalid",
                    "the signature does not verify with the certificate's key over this challenge's message");
        }
        return verified;
    }

    private VerifiedCertificate verify(ParsedCertificates.Parsed parsed, List<byte[]> presentedIntermediates) {
        CertificateFacts facts = parsed.facts();
        checkValidity(facts);
        checkKeyUsage(facts);
        List<ChainBuilder.Link> chain = chain(parsed, presentedIntermediates);
        checkRevocation(chain);
        TrustedCas.Anchor issuer = issuer(chain);
        String identifier = identifier(parsed, issuer);
        return new VerifiedCertificate(facts.serialHex(), facts.subject(), facts.issuer(), facts.notBefore(), facts.notAfter(),
                facts.signatureAlgorithm(), parsed.sha256(), issuer.ca().name(), kind(identifier), normalise(identifier), facts.commonName());
    }

    /** Serial (hex, as {@link #verify} writes it) and issuer of a readable certificate; null for bytes that are none. */
    public Presented presented(byte[] der) {
        try {
            CertificateFacts facts = parsing.parse(der).facts();
            return new Presented(facts.serialHex(), facts.issuer());
        } catch (ApiException unreadable) {
            return null;
        }
    }

    // The steps of verify, one by one, also for CertificateInspector (APP-34); each refuses with its own problem kind.

    void checkValidity(CertificateFacts facts) {
        Instant now = clock.instant();
        if (now.isAfter(facts.notAfter())) {
            throw refused("certificate-expired", "the certificate expired on " + facts.notAfter());
        }
        if (now.isBefore(facts.notBefore())) {
            throw refused("certificate-not-yet-valid", "the certificate is valid only from " + facts.notBefore());
        }
    }

    static void checkKeyUsage(CertificateFacts facts) {
        if (!facts.mayLogIn()) {
            throw refused("certificate-key-usage", "the certificate may not be used for signatures (keyUsage digitalSignature)");
        }
    }

    /** The chain through the tenant's enabled CAs to one of its roots, leaf first. */
    List<ChainBuilder.Link> chain(ParsedCertificates.Parsed parsed, List<byte[]> presentedIntermediates) {
        TrustAnchors anchors = cas.anchors();
        List<ParsedCertificates.Parsed> presented = new ArrayList<>();
        for (byte[] intermediate : presentedIntermediates == null ? List.<byte[]>of() : presentedIntermediates) {
            presented.add(parsing.parse(intermediate));
        }
        List<ChainBuilder.Link> chain = anchors.hasRoot() ? chains.build(parsed, presented, anchors) : List.of();
        if (chain.isEmpty()) {
            throw untrusted(anchors);
        }
        return chain;
    }

    void checkRevocation(List<ChainBuilder.Link> chain) {
        for (int i = chain.size() - 2; i >= 0; i--) { // top down: a revoked CA is named before its leaves' lists are fetched
            X509Certificate certificate = chain.get(i).certificate().certificate();
            revocation.check(certificate, RevocationSource.of(certificate, chain.get(i + 1)),
                    i == 0 ? "the certificate" : "the CA certificate " + certificate.getSubjectX500Principal().getName() + " on its chain");
        }
    }

    static TrustedCas.Anchor issuer(List<ChainBuilder.Link> chain) {
        return chain.stream().skip(1).map(ChainBuilder.Link::anchor).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    }

    static String identifier(ParsedCertificates.Parsed parsed, TrustedCas.Anchor issuer) {
        String identifier = parsed.facts().identity(parsed.certificate(), issuer.ca().identity());
        if (identifier == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-identity", "the certificate carries no identifier where "
                    + issuer.ca().name() + " writes it (" + issuer.ca().identity().source() + ")");
        }
        return identifier;
    }

    /**
     * Whether {@code signature} over {@code message} was made with the certificate's key: SM2 keys
     * with SM3withSM2 and the default user id 1234567812345678, EC keys with SHA256withECDSA (DER),
     * RSA keys with SHA256withRSA (PKCS#1 v1.5). Bouncy Castle throughout, with the key decoded once ({@link CertificateFacts}).
     */
    public boolean signatureValid(byte[] der, byte[] message, byte[] signature) {
        return signs(parsing.parse(der), message, signature);
    }

    private static boolean signs(ParsedCertificates.Parsed parsed, byte[] message, byte[] signature) {
        if (parsed.signingAlgorithm() == null || signature == null || signature.length == 0 || signature.length > 1024) {
            return false;
        }
        return parsed.facts().verifies(parsed.signingAlgorithm(), message, signature);
    }

    private static ApiException untrusted(TrustAnchors anchors) {
        return refused("certificate-untrusted", "the certificate is not issued by a CA this portal recognises"
                + (anchors.isEmpty() ? " (none is configured)" : "; recognised: " + anchors.names()));
    }

    private static ApiException refused(String kind, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, kind, detail);
    }

    /**
     * A person's ID number or an enterprise's USCC, read from the number: the resident ID check first,
     * as it is the stricter one (province, a real birth date, MOD 11-2). About one all-digit ID number in
     * 31 also passes the USCC check; the reverse needs a USCC whose first two characters are a province
     * code (never the 91/92/93 of registered companies) and whose characters 7 to 14 form a birth date,
     * then a 1-in-11 check digit. See docs/certificates-and-login.md.
     */
    static PartyKind kind(String identifier) {
        try {
            ResidentId.parse(identifier);
            return PartyKind.NATURAL_PERSON;
        } catch (InvalidIdentifierException notResidentId) {
            try {
                Uscc.parse(identifier);
                return PartyKind.ENTERPRISE;
            } catch (InvalidIdentifierException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-identity",
                        "the certificate's identifier is neither a valid USCC nor a valid ID number: " + e.getMessage());
            }
        }
    }

    static String normalise(String identifier) {
        return identifier.strip().toUpperCase();
    }
}
