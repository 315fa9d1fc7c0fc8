package cn.huren.plugin.api;

/**
 * Host service: checks a document sealed (签章) by a party with one of its certificates — a detached CMS
 * SignedData over the document's exact bytes (what a sealing tool or {@code openssl cms -sign -binary} makes),
 * its signer's certificate trusted by the current tenant like any certificate use (chain, validity, revocation)
 * and belonging to the party. It only checks: keeping the seal is the caller's.
 */
public interface DocumentSeals {

    /**
     * @throws SealException {@code signature-malformed}, {@code signature-invalid}, {@code signer-not-party}, or the
     *                       certificate's refusal ({@code certificate-untrusted}, {@code certificate-revoked} …)
     */
    Seal verify(long partyId, byte[] document, byte[] detachedCms);

    /**
     * A verified seal.
     *
     * @param signedAt the CMS signing-time attribute when present, else the time of the check
     */
    record Seal(String signerName, String signerIdentifier, PresentedCertificate certificate, java.time.Instant signedAt) {
    }
}
