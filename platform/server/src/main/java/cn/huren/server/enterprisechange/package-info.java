/**
 * Enterprise change (企业变更, APP-62–APP-65) and dissolution (企业解散, APP-66, APP-67), docs/enterprises.md: the
 * enterprise's administrator asks for a new name or legal representative with the sealed letter, the tenant's
 * reviewer decides (a name change while an enterprise certificate is valid also applies for that certificate's CHANGE),
 * and dissolves the enterprise once no certificate is valid and nothing is open.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "binding", "certificateapplication", "ledger", "membership", "notice", "party", "review", "session", "support",
        "tenancy"
})
package cn.huren.server.enterprisechange;
