package cn.huren.server.handover;

import java.time.Instant;
import java.util.UUID;

/**
 * One handover of an enterprise's administrator role, or a staff member's appeal to become its administrator.
 *
 * @param from the ADMIN when it was submitted (an appeal names the ADMIN it was made against)
 * @param to the STAFF member who becomes ADMIN (an appeal: the applicant)
 * @param certificateSerial the enterprise certificate that signed the statement (WITH_CERTIFICATE)
 * @param letterId the sealed letter (WITH_LETTER, APPEAL), an attachment of the submitter's person
 * @param reason the applicant's reason (APPEAL)
 * @param decisionReason the reviewer's reason for a rejection, or why it was superseded
 */
public record Handover(long id, long enterpriseId, Person from, Person to, Kind kind, State state, String certificateSerial, UUID letterId,
                       String reason, Instant createdAt, String decidedBy, Instant decidedAt, String decisionReason) {

    public enum Kind { WITH_CERTIFICATE, WITH_LETTER, APPEAL }

    /** SUBMITTED (waiting for the reviewer) until DONE (the roles swapped), REJECTED, WITHDRAWN, or SUPERSEDED by another swap. */
    public enum State { SUBMITTED, DONE, REJECTED, WITHDRAWN, SUPERSEDED }

    /** A member as the others see them: the verified name and the masked identity document number. */
    public record Person(long accountId, String name, String maskedId) {
    }
}
