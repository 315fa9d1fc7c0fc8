package cn.huren.server.banktransfer;

import cn.huren.plugin.api.BankTransferException;
import cn.huren.plugin.api.BankTransferVerifier;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.server.support.ProviderChoice;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The installation's {@link BankTransferVerifier}: the HTTP contract client, calling the current tenant's bank gateway
 * ({@code core.bankTransfer.url}, {@code .appKey}, {@code .appSecret}, the secret sealed by the tenant config codec).
 * A tenant without a gateway URL gets, with sandboxes (demo mode, tests), the in-process sandbox bank of this server,
 * and otherwise a clear {@code not-configured} refusal: nothing pretends a transfer arrived.
 */
@Configuration(proxyBeanMethods = false)
class BankTransferConfig {

    static final String URL = "core.bankTransfer.url";
    static final String APP_KEY = "core.bankTransfer.appKey";
    static final String APP_SECRET = "core.bankTransfer.appSecret";
    static final ProviderChoice.Keys KEYS = new ProviderChoice.Keys(URL, APP_KEY, APP_SECRET);
    static final String ACCOUNT = "core.bankTransfer.collectionAccount";
    static final String ACCOUNT_NAME = "core.bankTransfer.collectionAccountName";
    static final String ACCOUNT_BANK = "core.bankTransfer.collectionBank";

    /** The sandbox bank's collection account, for a tenant in sandboxes that names none. */
    static final CollectionAccount SANDBOX_ACCOUNT = new CollectionAccount("955880000000000001", "互认平台运营方（演示）", "演示银行");

    @Bean
    BankTransferVerifier bankTransferVerifier(CoreSettings core, Environment env, Clock clock, BankSandbox.Credentials sandbox) {
        boolean sandboxes = sandboxes(env);
        Duration timeout = env.getProperty("huren.bank-transfer.timeout", Duration.class, Duration.ofSeconds(10));
        return new HttpBankTransferVerifier(() -> settings(core, env, sandboxes ? sandbox : null), clock, timeout);
    }

    static boolean sandboxes(Environment env) {
        return env.getProperty("huren.sandboxes", Boolean.class, DemoMode.on(env));
    }

    static GatewaySettings settings(CoreSettings core, Environment env, BankSandbox.Credentials sandbox) {
        TenantDescriptor tenant = TenantContext.require();
        return ProviderChoice.choose(core.of(tenant.code()), KEYS, tenant.code(),
                sandbox == null ? null : new ProviderChoice.Sandbox(BankSandbox.PATH, BankSandbox.APP_KEY, sandbox.secret()), env,
                GatewaySettings::new, missing -> notConfigured(tenant, missing == ProviderChoice.Missing.KEY_OR_SECRET
                        ? "has a bank-transfer gateway URL but no app key or app secret"
                        : "has no bank-transfer gateway (core.bankTransfer.url)"));
    }

    /**
     * The collection account shown to the person: the tenant's ({@code core.bankTransfer.collectionAccount},
     * {@code …Name}, {@code …Bank}); with sandboxes and no gateway URL, the sandbox bank's when the tenant names none.
     */
    static Optional<CollectionAccount> collectionAccount(CoreSettings core, boolean sandboxes) {
        ConfigValues values = core.of(TenantContext.require().code());
        Optional<String> number = values.text(ACCOUNT).map(String::strip).filter(n -> !n.isEmpty());
        if (number.isPresent()) {
            return Optional.of(new CollectionAccount(number.get(), values.text(ACCOUNT_NAME).orElse("").strip(),
                    values.text(ACCOUNT_BANK).orElse("").strip()));
        }
        boolean gateway = values.text(URL).filter(u -> !u.isBlank()).isPresent();
        return sandboxes && !gateway ? Optional.of(SANDBOX_ACCOUNT) : Optional.empty();
    }

    private static BankTransferException notConfigured(TenantDescriptor tenant, String what) {
        return new BankTransferException(BankTransferException.Reason.UNAVAILABLE, "not-configured",
                "tenant " + tenant.code() + " " + what + " (docs/bank-transfer.md)");
    }
}
