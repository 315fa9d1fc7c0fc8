/**
 * The registry (主体库): record kinds and their one lifecycle, projects and track records, registration
 * documents, CMS signatures.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "certificate", "ledger", "party", "session", "support", "sync", "tenancy"
})
package cn.huren.server.registry;
