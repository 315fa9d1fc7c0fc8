/**
 * Image captchas (ORD-04): a challenge is an id and a PNG; the answer lives only as a salted SHA-256 in the
 * caller's HTTP session (Spring Session JDBC, shared by every node), for two minutes, single use (docs/captcha.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support", "tenancy"})
package cn.huren.server.captcha;
