/**
 * Accounts of natural persons (docs/accounts.md): registration and login by mobile number with an SMS code or a
 * password (with a captcha after failed attempts), password set/change/reset, change of mobile number, closure (with
 * {@link cn.huren.server.account.ClosureCheck}s that say what is left), bank cards, feedback, and the account's history.
 * Real-name verification (APP-06/07) fills in the account's party; until then {@link cn.huren.server.account.PersonAccounts#requireRealName}
 * refuses everything but the account's own security.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "captcha", "ledger", "login", "party", "session", "smscode", "support", "tenancy"
})
package cn.huren.server.account;
