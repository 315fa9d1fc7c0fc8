/**
 * Seals linked to a party's bound certificates (SX-19, APP-55, display only): a company seal (公章)
 * on an enterprise certificate, the legal representative's seal (法人章) on a legal-representative
 * certificate, each a checked PNG image shown to the party's own sessions. Back-office review of
 * seals (APP-56) is not part of this.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"binding", "ledger", "session", "support", "tenancy"})
package cn.huren.server.seal;
