package cn.huren.server.join;

import java.time.Instant;

/**
 * A person's request to join an enterprise.
 *
 * @param via APPLY (found the enterprise), QR (its join link or QR code), INVITATION (accepted a staff member's invitation)
 * @param state PENDING, then APPROVED, RETURNED (with {@code reason}) or WITHDRAWN
 * @param applicantName the applicant's real name (from real-name verification); the number only masked
 */
public record JoinRequest(long id, long enterpriseId, String enterpriseName, long accountId, String applicantName, String maskedMobile,
                          String via, String position, String department, String remark, String state, String reason,
                          Instant createdAt, Instant decidedAt) {

    public boolean pending() {
        return "PENDING".equals(state);
    }
}
