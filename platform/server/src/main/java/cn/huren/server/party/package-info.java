/**
 * Parties (USCC, resident ID and identity document value types), registration, basic information and attachments.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"ledger", "operator", "support", "sync", "tenancy"})
package cn.huren.server.party;
