/**
 * Real-name verification of a person's account (实名认证, APP-06, APP-07): the {@link cn.huren.plugin.api.RealNameVerifier}
 * host service over a signed HTTP contract ({@code HttpRealNameVerifier}, docs/real-name.md), the sandbox provider of
 * demo mode and tests, and {@link cn.huren.server.realname.RealNames}, which ties a verified account to the person's
 * NATURAL_PERSON party.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"ledger", "party", "session", "support", "tenancy"})
package cn.huren.server.realname;
