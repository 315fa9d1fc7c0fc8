/**
 * Party sessions: bearer sessions opened by a login (kept hashed in the tenant's schema), the token filter and
 * the party API's security chain, and {@code CertificateSessionsEnded}, the event that ends a certificate's other
 * sessions, and the request's {@code PartyAccess} (who may act, resolved once per request). Knows neither how a session
 * was opened ({@code login}) nor where a certificate's binding is kept ({@code binding} answers {@code PartyAccess.BindingLookup}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"party", "support", "tenancy"})
package cn.huren.server.session;
