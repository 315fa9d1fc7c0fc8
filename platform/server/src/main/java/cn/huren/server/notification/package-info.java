/**
 * Notifications as core host services: the {@link cn.huren.plugin.api.SmsSender} with a real provider
 * (Alibaba Cloud SendSms, {@code AliyunSms}) or, in demo mode and sandboxes, the in-memory {@code DevSmsSink};
 * chosen by {@code huren.sms.provider} (docs/sms.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support", "tenancy"})
package cn.huren.server.notification;
