/**
 * Joining an enterprise (docs/enterprises.md, APP-19–23, APP-68): a verified person's request to join, which the
 * enterprise's ADMIN approves (the person becomes STAFF through {@link cn.huren.server.membership.Memberships}) or
 * returns with a reason, and which the person may withdraw while it is pending; the enterprise's join link and QR code;
 * invitations by mobile number. Each change is in its history and on the ledger.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "ledger", "membership", "notice", "party", "session", "support", "tenancy"
})
package cn.huren.server.join;
