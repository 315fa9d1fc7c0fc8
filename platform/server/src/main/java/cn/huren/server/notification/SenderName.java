package cn.huren.server.notification;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The name e-mails and SMS of the current tenant go out under: the tenant's {@code core.mail.senderName}, else its
 * Chinese name; the SMS sign name is the tenant's {@code core.sms.signName}, else the installation's.
 */
@Component
class SenderName {

    private final CoreSettings core;

    SenderName(CoreSettings core) {
        this.core = core;
    }

    /** The current tenant's e-mail sender name; null outside a tenant. */
    String current() {
        return TenantContext.current()
                .map(t -> settings(t).text(CoreSettings.MAIL_SENDER_NAME).filter(s -> !s.isBlank()).orElse(t.nameZh()))
                .orElse(null);
    }

    /** The current tenant's SMS sign name, when it has its own. */
    Optional<String> smsSignName() {
        return TenantContext.current().flatMap(t -> settings(t).text(CoreSettings.SMS_SIGN_NAME)).filter(s -> !s.isBlank());
    }

    private ConfigValues settings(TenantDescriptor tenant) {
        return core.of(tenant.code());
    }
}
