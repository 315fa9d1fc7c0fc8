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
    /** Where the platform picker's own registry (本门户的主体库) leads, a path on the portal; default /overview (docs/oidc.md). */
    public static final String PLATFORM_PICKER_REGISTRY_PATH = "core.platformPicker.registryPath";

    /** Every core field; a feature that needs a per-tenant setting adds its fields here. */
    static final List<ConfigField> FIELDS = List.of(
            ConfigField.url("core.realName.url", "实名认证服务地址", "Real-name verification endpoint"),
            ConfigField.text("core.realName.appKey", "实名认证应用标识", "Real-name verification app key"),
            ConfigField.secret("core.realName.appSecret", "实名认证应用密钥", "Real-name verification app secret"),
            ConfigField.url("core.bankTransfer.url", "对公打款查询服务地址", "Bank-transfer verification endpoint"),
            ConfigField.text("core.bankTransfer.appKey", "对公打款查询应用标识", "Bank-transfer verification app key"),
            ConfigField.secret("core.bankTransfer.appSecret", "对公打款查询应用密钥", "Bank-transfer verification app secret"),
            ConfigField.text("core.bankTransfer.collectionAccount", "对公打款收款账号", "Collection account number for bank-transfer verification"),
            ConfigField.text("core.bankTransfer.collectionAccountName", "对公打款收款户名", "Collection account holder"),
            ConfigField.text("core.bankTransfer.collectionBank", "对公打款收款开户行", "Collection account's bank"),
            ConfigField.text(SMS_SIGN_NAME, "短信签名", "SMS sign name"),
            ConfigField.text(SMS_TEMPLATE_VERIFICATION, "验证码短信模板编号", "SMS template code for verification codes"),
            ConfigField.text(MAIL_SENDER_NAME, "邮件发件人名称", "E-mail sender name"),
            ConfigField.text("core.loginPolicy.registryRead", "可查看主体信息的登录方式", "Login methods that read the registry"),
            ConfigField.text("core.loginPolicy.registryWrite", "可修改主体信息的登录方式", "Login methods that change the registry"),
            ConfigField.text("core.loginPolicy.tradingSystems", "可进入交易系统的登录方式", "Login methods that reach the trading systems"),
            ConfigField.text(PLATFORM_PICKER_REGISTRY_PATH, "进入授权：本门户主体库的页面路径（默认 /overview）",
                    "Platform picker: path of this portal's registry page (default /overview)"));

    /**
     * A core feature's check of its settings, run on every save (onboarding, PATCH, the console's form)
     * on the values as they would be stored, secrets opened: any problem refuses the save, nothing changed.
     */
    public interface Check {

        /** Problems with field names {@code config.core.…}; empty when fine. */
        List<cn.huren.server.support.ApiException.FieldError> check(Map<String, Object> core);
    }

    private final TenantSettings settings;
    /** Lazily: a feature that checks its settings also reads them here. */
    private final org.springframework.beans.factory.ObjectProvider<Check> checks;

    CoreSettings(TenantSettings settings, org.springframework.beans.factory.ObjectProvider<Check> checks) {
        this.settings = settings;
        this.checks = checks;
    }

    /** Runs every {@link Check} on a configuration about to be stored ({@code values}: all fields, plain). */
    void validate(Map<String, Object> values) {
        Map<String, Object> core = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                core.put(name, value);
            }
        });
        List<cn.huren.server.support.ApiException.FieldError> errors = new ArrayList<>();
        checks.orderedStream().forEach(check -> errors.addAll(check.check(core)));
        if (!errors.isEmpty()) {
            throw cn.huren.server.support.ApiException.invalid(errors);
        }
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
