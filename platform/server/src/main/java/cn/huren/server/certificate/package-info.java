/**
 * Certificates as such: trusted CAs per tenant, verification of a presented certificate (chain, validity, key
 * usage, CRL/OCSP revocation, identity), the check step by step, PKCS#10 requests; nothing about who a certificate
 * is bound to ({@code binding}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"operator", "party", "support", "tenancy"})
package cn.huren.server.certificate;
