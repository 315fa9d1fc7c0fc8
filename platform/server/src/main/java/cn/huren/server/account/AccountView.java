package cn.huren.server.account;

import java.time.Instant;

/**
 * A person's account as the person sees it (GET /me/account): the mobile number masked, never the password hash.
 *
 * @param mobile the login name, masked (138****5678)
 * @param status ACTIVE or CLOSED
 */
public record AccountView(long id, String mobile, boolean passwordSet, Instant passwordSetAt, Instant privacyConsentAt,
                          RealName realName, String status, Instant createdAt) {

    /**
     * APP-06/07: whether the person proved who they are; once verified, the name and the masked document of the person's party.
     *
     * @param method how (e.g. CFCA, ALIPAY, BANK_CARD), null until verified
     */
    public record RealName(boolean verified, String method, Instant verifiedAt, String name, String document) {
    }
}
