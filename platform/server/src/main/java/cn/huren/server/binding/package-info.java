/**
 * Certificates bound to a party (X-05, JS-73–JS-81): binding, whether a certificate acts for its party and what
 * it may do (read, or change as the primary, 主锁), permission management, disable/enable/re-admit (APP-29, APP-30,
 * JS-81), a certificate's log (APP-33), revocation by the holder or its CA and the CA revocation sweep.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "certificate", "ledger", "party", "session", "support", "sync", "tenancy"
})
package cn.huren.server.binding;
