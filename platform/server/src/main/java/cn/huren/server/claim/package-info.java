/**
 * Searching for an enterprise and claiming it (认领企业, APP-12–APP-18, docs/enterprises.md): a verified person finds
 * an enterprise by name or USCC with the actions it offers, claims one that has no administrator with its documents,
 * the CA choices and the sealed authorisation letter; the tenant's reviewer decides; the claim completes — the
 * claimant becomes its ADMIN ({@code membership}) — when an enterprise certificate of its USCC proves it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "certificate", "ledger", "membership", "notice", "party", "review", "session", "support", "tenancy"
})
package cn.huren.server.claim;
