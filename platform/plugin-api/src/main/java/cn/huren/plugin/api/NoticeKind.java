package cn.huren.plugin.api;

/**
 * What an in-app notice is about; pages show each kind with its own label and icon. The core and plugins
 * name kinds by these constants, never by strings.
 */
public enum NoticeKind {
    /** Someone asks to join an enterprise ("加入企业申请"). */
    JOIN_REQUEST,
    /** A review (claim, handover, application, …) was approved ("审核通过"). */
    REVIEW_APPROVED,
    /** A review was rejected ("审核未通过"). */
    REVIEW_REJECTED,
    /** The account's security changed: password, mobile number, a new sign-in. */
    ACCOUNT_SECURITY,
    /** Certificates: issued, about to expire, revoked. */
    CERTIFICATE,
    /** Anything else the tenant or the platform tells its users. */
    SYSTEM
}
