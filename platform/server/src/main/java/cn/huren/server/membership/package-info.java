/**
 * Who acts for an enterprise (docs/enterprises.md): a membership links a person's account to an ENTERPRISE party as
 * its one ADMIN (管理员) or as STAFF (办事人员). {@link cn.huren.server.membership.Memberships} keeps them — exactly one
 * ACTIVE ADMIN per enterprise (a unique index, and every change of the ADMIN under the enterprise's lock) — with every
 * change in {@code membership_history} and on the ledger. Claims, joins, bank-transfer verification, departments and
 * handovers build on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "ledger", "notice", "party", "session", "support", "tenancy"
})
package cn.huren.server.membership;
