package cn.huren.server.membership;

import java.time.Instant;

/**
 * An account's place in an enterprise.
 *
 * @param status ACTIVE, or how it ended: LEFT (APP-77), REMOVED (APP-76), DISSOLVED (APP-67)
 * @param mayManage false for an ADMIN made by bank transfer until a certificate is issued to them (APP-27): such an
 *     ADMIN may not yet manage or authorise staff
 * @param via how it began: CLAIM, JOIN, INVITATION, BANK_TRANSFER, HANDOVER, APPEAL, …
 */
public record Membership(long id, long enterpriseId, long accountId, MemberRole role, String status, boolean mayManage, String via,
                         Instant createdAt, Instant endedAt) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean admin() {
        return role == MemberRole.ADMIN;
    }
}
