/**
 * An enterprise's information for ordering (ORD-06–08, docs/enterprises.md): basic information, invoice information and
 * the unit contact person, each a versioned section its ADMIN maintains and its staff read; every change on the ledger.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "ledger", "membership", "party", "session", "support", "tenancy"
})
package cn.huren.server.enterpriseinfo;
