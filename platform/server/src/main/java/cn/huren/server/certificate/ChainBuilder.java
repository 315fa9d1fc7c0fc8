package cn.huren.server.certificate;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The chain from a certificate up to one of the tenant's enabled roots, walked directly over the
 * tenant's anchors (indexed by subject) and the intermediates presented with it: at each step the
 * issuer must be a CA (basicConstraints, keyCertSign, path length), valid now, and its key must
 * verify the certificate's signature (Bouncy Castle). Bouncy Castle's PKIX builder did the same
 * search with a store scan and fresh objects per login. A depth limit and a visited set stop loops
 * (cross-certified CAs, several CAs sharing a root). Certificates with critical extensions this
 * walk does not process are refused rather than half-checked.
 */
@Component
class ChainBuilder {

    /** One certificate of a chain; {@code anchor} is set when it is one of the tenant's CAs. */
    record Link(ParsedCertificates.Parsed certificate, TrustedCas.Anchor anchor) {
    }

    static final int MAX_DEPTH = 8;
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.32");

    private final ParsedCertificates parsing;
    private final Clock clock;

    ChainBuilder(ParsedCertificates parsing, Clock clock) {
        this.parsing = parsing;
        this.clock = clock;
    }

    /** Leaf first, the tenant's root last; empty when no chain reaches an enabled root. */
    List<Link> build(ParsedCertificates.Parsed leaf, List<ParsedCertificates.Parsed> presented, TrustAnchors anchors) {
        if (!understood(leaf.certificate())) {
            return List.of();
        }
        List<Link> chain = new ArrayList<>();
        chain.add(new Link(leaf, null));
        Set<String> visited = new HashSet<>();
        visited.add(leaf.sha256());
        return extend(chain, presented, anchors, visited) ? chain : List.of();
    }

    private boolean extend(List<Link> chain, List<ParsedCertificates.Parsed> presented, TrustAnchors anchors, Set<String> visited) {
        if (chain.size() > MAX_DEPTH) {
            return false;
        }
        ParsedCertificates.Parsed child = chain.get(chain.size() - 1).certificate();
        List<Link> candidates = new ArrayList<>();
        anchors.issuersOf(child.certificate().getIssuerX500Principal()).forEach(n -> candidates.add(new Link(n.parsed(), n.anchor())));
        presented.stream().filter(p -> p.certificate().getSubjectX500Principal().equals(child.certificate().getIssuerX500Principal()))
                .forEach(p -> candidates.add(new Link(p, null)));
        int intermediatesBelow = chain.size() - 1;
        for (Link candidate : candidates) {
            if (!visited.add(candidate.certificate().sha256())) {
                continue;
            }
            if (canIssue(candidate.certificate().certificate(), intermediatesBelow, Date.from(clock.instant())) && parsing.signedBy(child, candidate.certificate())) {
                chain.add(candidate);
                if (candidate.anchor() != null && candidate.anchor().ca().root()) {
                    return true;
                }
                if (!candidate.certificate().selfIssued() && extend(chain, presented, anchors, visited)) {
                    return true;
                }
                chain.remove(chain.size() - 1);
            }
            visited.remove(candidate.certificate().sha256());
        }
        return false;
    }

    /** A CA certificate, valid now, allowed to sign certificates, whose path length admits the intermediates below it. */
    private static boolean canIssue(X509Certificate ca, int intermediatesBelow, Date now) {
        int pathLength = ca.getBasicConstraints();
        boolean[] usage = ca.getKeyUsage();
        try {
            ca.checkValidity(now);
        } catch (CertificateException e) {
            return false;
        }
        return pathLength >= 0 && pathLength >= intermediatesBelow && (usage == null || usage[5]) && understood(ca);
    }

    private static boolean understood(X509Certificate certificate) {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        return critical == null || UNDERSTOOD_CRITICAL.containsAll(critical);
    }
}
