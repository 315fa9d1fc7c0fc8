package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The core's own per-tenant settings (login policy, real-name provider, SMS sign name, …): fields
 * named {@code core.…} appended to every tenant's configuration schema, so the operator sets them
 * with the plugin's (same form, same PATCH, secrets sealed by the same codec, unknown names refused).
 * Core features read them here, decrypted, for the tenant they serve.
 */
@Component
public class CoreSettings {

    public static final String PREFIX = "core.";
    /** The tenant's SMS sign name, instead of the installation's {@code huren.sms.aliyun.sign-name} (docs/sms.md). */
    public static final String SMS_SIGN_NAME = "core.sms.signName";
    /** The tenant's SMS template for verification codes (one parameter {@code code}), instead of {@code huren.sms.templates.code}. */
    public static final String SMS_TEMPLATE_VERIFICATION = "core.sms.template.verification";
    /** The name the tenant's e-mails are sent under (docs/notifications.md); else the tenant's Chinese name. */
    public static final String MAIL_SENDER_NAME = "core.mail.senderName";

    /** Every core field; a feature that needs a per-tenant setting adds its fields here. */
    static final List<ConfigField> FIELDS = List.of(
            ConfigField.url("core.realName.url", "实名认证服务地址", "Real-name verification endpoint"),
            ConfigField.text("core.realName.appKey", "实名认证应用标识", "Real-name verification app key"),
            ConfigField.secret("core.realName.appSecret", "实名认证应用密钥", "Real-name verification app secret"),
            ConfigField.text(SMS_SIGN_NAME, "短信签名", "SMS sign name"),
            ConfigField.text(SMS_TEMPLATE_VERIFICATION, "验证码短信模板编号", "SMS template code for verification codes"),
            ConfigField.text(MAIL_SENDER_NAME, "邮件发件人名称", "E-mail sender name"));

    private final TenantSettings settings;

    CoreSettings(TenantSettings settings) {
        this.settings = settings;
    }

    /** The plugin's schema followed by the core fields. */
    static ConfigSchema withCore(ConfigSchema plugin) {
        List<ConfigField> fields = new ArrayList<>(plugin.fields());
        fields.addAll(FIELDS);
        return new ConfigSchema(fields);
    }

    /** The tenant's core settings in plain form (secrets opened): for core features only, never shown. */
    public ConfigValues of(String tenantCode) {
        Map<String, Object> core = new LinkedHashMap<>();
        settings.decryptedConfig(tenantCode).forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                core.put(name, value);
            }
        });
        return new ConfigValues(core);
    }
}
