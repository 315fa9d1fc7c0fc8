package cn.huren.server.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A claim (认领企业) as its claimant sees it: the documents (step 1, APP-14; the legal representative's document and
 * mobile masked), the choices (step 2, APP-15), the letter and extra documents (step 3, APP-16), and its progress (APP-17).
 *
 * @param state SUBMITTED (waiting for the reviewer), APPROVED (waiting for the certificate, APP-18), REJECTED (with
 *     {@code reason}), COMPLETED (the claimant is the enterprise's ADMIN) or WITHDRAWN
 * @param proofMessage while open: the exact message an enterprise certificate of the USCC signs to complete the claim
 */
public record Claim(long id, String enterpriseName, String uscc, State state, String reason, UUID licenceId,
                    String legalRepresentativeName, String legalRepresentativeDocumentType, String legalRepresentativeDocument,
                    String legalRepresentativeMobile, LocalDate licenceValidUntil, boolean licenceLongTerm, String platform, String ca,
                    int validityYears, List<String> roamingRegions, UUID letterId, List<UUID> extraDocumentIds, Long enterpriseId,
                    String certificateSerial, Instant createdAt, Instant updatedAt, Instant completedAt, String proofMessage,
                    List<Step> history) {

    public enum State {
        SUBMITTED, APPROVED, REJECTED, COMPLETED, WITHDRAWN;

        public boolean open() {
            return this == SUBMITTED || this == APPROVED;
        }
    }

    /** One change of the claim: what happened, the state after it, when (who is kept in the ledger). */
    public record Step(String action, State state, Instant at, String reason) {
    }

    public boolean open() {
        return state.open();
    }
}
