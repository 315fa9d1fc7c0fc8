/**
 * Departments (部门) of an enterprise (docs/enterprises.md, Departments): up to three levels below the company
 * (APP-70), members in any number of them (APP-71), renamed, moved and deleted under guards (APP-74). Built on
 * {@code membership}: every change under the enterprise's lock, in {@code department_history} and on the ledger.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "ledger", "membership", "party", "session", "support", "tenancy"
})
package cn.huren.server.department;
