package cn.huren.server.enterprisechange;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to change an enterprise (APP-62–APP-65) as its members see it: numbers masked.
 *
 * @param kind NAME (a new full name, optionally a new legal representative too) or LEGAL_REPRESENTATIVE
 * @param certificateId the enterprise certificate a NAME change also changes (APP-63), null when none was valid
 * @param applicationId the CHANGE certificate application made on approval (APP-64)
 * @param state SUBMITTED, then APPROVED, REJECTED or WITHDRAWN
 */
public record EnterpriseChange(long id, long enterpriseId, long requestedBy, String kind, String oldName, String newName,
                               String legalRepresentativeName, String legalRepresentativeDocumentType, String legalRepresentativeDocument,
                               String legalRepresentativeMobile, UUID letterId, Long certificateId, Long applicationId, String state,
                               String reason, Instant createdAt, Instant decidedAt, String decidedBy) {

    public static final String SUBMITTED = "SUBMITTED";
}
