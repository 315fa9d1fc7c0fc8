/**
 * Party sessions: bearer sessions opened by a login (kept hashed in the tenant's schema), the token filter and
 * the party API's security chain, and {@code CertificateSessionsEnded}, the event that ends a certificate's other
 * sessions. Knows neither how a session was opened ({@code login}) nor what a certificate may do ({@code binding}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"party", "support", "tenancy"})
package cn.huren.server.session;
