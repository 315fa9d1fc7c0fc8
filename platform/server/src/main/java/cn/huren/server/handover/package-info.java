/**
 * Handing over an enterprise's administrator role (APP-78–80, docs/enterprises.md): the ADMIN signs a handover statement
 * with a certificate of the enterprise (the roles swap at once), or uploads a sealed letter the tenant's reviewer decides
 * on; a STAFF member appeals to become ADMIN with a reason and a sealed letter. Every swap goes through
 * {@link cn.huren.server.membership.Memberships#swapAdmin} under the enterprise's lock; one open handover or appeal per
 * enterprise.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "certificate", "ledger", "membership", "notice", "party", "review", "session", "support", "tenancy"
})
package cn.huren.server.handover;
