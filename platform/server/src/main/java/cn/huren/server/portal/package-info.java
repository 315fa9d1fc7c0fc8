/**
 * The portal's pages: theme per tenant, home, login (QR, USB key), register/activate, overview, registry and
 * certificate pages, error pages, notices; and a person's account pages (register, log in, real-name, 账号与安全).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "banktransfer", "binding", "captcha", "certificate", "certificateapplication", "claim", "department", "enterprisechange",
        "enterpriseinfo", "handover", "join", "login", "membership", "notice", "operator", "party",
        "realname", "registry", "seal", "session", "support", "tenancy"
})
package cn.huren.server.portal;
