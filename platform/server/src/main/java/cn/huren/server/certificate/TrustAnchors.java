package cn.huren.server.certificate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;

/**
 * A tenant's enabled CAs, parsed once and indexed by subject DN, so that finding a certificate's
 * issuer is a map lookup rather than a path search. Built when the tenant's CAs are (re)loaded.
 */
final class TrustAnchors {

    /** An enabled CA of the tenant with its parse result. */
    record Node(TrustedCas.Anchor anchor, ParsedCertificates.Parsed parsed) {
    }

    private final List<TrustedCas.Anchor> all;
    private final Map<X500Principal, List<Node>> bySubject = new HashMap<>();

    TrustAnchors(List<TrustedCas.Anchor> anchors) {
        this.all = List.copyOf(anchors);
        for (TrustedCas.Anchor a : anchors) {
            ParsedCertificates.Parsed parsed = new ParsedCertificates.Parsed(a.certificate(), a.ca().fingerprint(),
                    a.certificate().getPublicKey(), null);
            bySubject.computeIfAbsent(a.certificate().getSubjectX500Principal(), s -> new ArrayList<>()).add(new Node(a, parsed));
        }
    }

    /** The enabled CAs whose subject is the certificate's issuer (usually one; several after a key rollover). */
    List<Node> issuersOf(X500Principal issuer) {
        return bySubject.getOrDefault(issuer, List.of());
    }

    boolean hasRoot() {
        return all.stream().anyMatch(a -> a.ca().root());
    }

    /** The names operators gave the enabled CAs, sorted, for messages. */
    String names() {
        TreeSet<String> names = new TreeSet<>();
        all.forEach(a -> names.add(a.ca().name()));
        return String.join(", ", names);
    }

    /** The enabled CAs below the roots (those that issue holders' certificates), in upload order, each name once. */
    java.util.stream.Stream<String> issuingNames() {
        return all.stream().filter(a -> !a.ca().root()).map(a -> a.ca().name()).distinct();
    }

    boolean isEmpty() {
        return all.isEmpty();
    }
}
