package cn.huren.server.party;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A party as its owner and the tenant's APIs see it.
 *
 * @param documentType      a person's identity document type (its number is the identifier); null for an enterprise
 * @param basicInfoComplete JS-07: until true, only basic-information maintenance is open to the party
 * @param version           bumped by every change; its ETag (on GET /me) is what a basic-information change's If-Match names
 */
public record PartyView(long id, PartyKind kind, String identifier, IdentityDocument.DocumentType documentType, String name, Set<PartyRole> roles,
                        Map<String, Object> basicInfo, boolean basicInfoComplete, String registeredVia, Instant createdAt,
                        int version) {
}
