/**
 * One-time SMS codes (docs/sms.md, "Verification codes"): issued through the host's
 * {@link cn.huren.plugin.api.SmsSender}, kept hashed in the tenant's {@code sms_code} table, rate-limited and
 * verified there so that every limit holds across nodes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support", "tenancy"})
package cn.huren.server.smscode;
