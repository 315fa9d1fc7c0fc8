package cn.huren.server.realname;

import cn.huren.server.party.IdentityDocument.DocumentType;
import java.time.Instant;

/**
 * The person a real-name verification tied an account to: the NATURAL_PERSON party (the one a personal certificate of
 * the same document reaches), the name verified, and the document, masked (APP-08 shows them).
 */
public record VerifiedPerson(long partyId, String name, DocumentType documentType, String maskedDocument,
                             RealNameMethod method, Instant verifiedAt) {
}
