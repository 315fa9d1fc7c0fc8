/**
 * Challenge login and what follows it: challenges sealed by the tenant's key, the answer checked and the session
 * opened in one group-committed statement, rate limits, the login log, the login methods a portal offers, the
 * identity-provider login, the certificate check (APP-34, it signs a challenge), and the hand-off after a login
 * ({@code Accounts}: register a new holder or activate a certificate of a registered party).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "certificate", "party", "plugins", "session", "support", "tenancy"
})
package cn.huren.server.login;
