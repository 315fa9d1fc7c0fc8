/**
 * The portal's pages: theme per tenant, home, login (QR, USB key), register/activate, overview, registry and
 * certificate pages, error pages, notices.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "captcha", "certificate", "certificateapplication", "login", "notice", "operator", "party", "registry", "seal",
        "session", "support", "tenancy"
})
package cn.huren.server.portal;
