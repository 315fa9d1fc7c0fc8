package cn.huren.server.realname;

import cn.huren.plugin.api.RealNameException;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.server.support.ProviderChoice;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The installation's {@link RealNameVerifier}: the HTTP contract client, calling the current tenant's provider
 * ({@code core.realName.url}, {@code .appKey}, {@code .appSecret}, the secret sealed by the tenant config codec). A
 * tenant without a provider URL gets, with sandboxes (demo mode, tests), the in-process sandbox provider on this
 * server, and otherwise a clear {@code not-configured} refusal: nothing pretends to have verified anyone.
 */
@Configuration(proxyBeanMethods = false)
class RealNameConfig {

    static final String URL = "core.realName.url";
    static final String APP_KEY = "core.realName.appKey";
    static final String APP_SECRET = "core.realName.appSecret";
    static final ProviderChoice.Keys KEYS = new ProviderChoice.Keys(URL, APP_KEY, APP_SECRET);

    @Bean
    RealNameVerifier realNameVerifier(CoreSettings core, Environment env, Clock clock, RealNameSandbox.Credentials sandbox) {
        boolean sandboxes = sandboxes(env);
        Duration timeout = env.getProperty("huren.real-name.timeout", Duration.class, Duration.ofSeconds(10));
        return new HttpRealNameVerifier(() -> settings(core, env, sandboxes ? sandbox : null), clock, timeout);
    }

    static boolean sandboxes(Environment env) {
        return env.getProperty("huren.sandboxes", Boolean.class, DemoMode.on(env));
    }

    static ProviderSettings settings(CoreSettings core, Environment env, RealNameSandbox.Credentials sandbox) {
        TenantDescriptor tenant = TenantContext.require();
        return ProviderChoice.choose(core.of(tenant.code()), KEYS, tenant.code(),
                sandbox == null ? null : new ProviderChoice.Sandbox(RealNameSandbox.PATH, RealNameSandbox.APP_KEY, sandbox.secret()), env,
                ProviderSettings::new, missing -> notConfigured(tenant, missing == ProviderChoice.Missing.KEY_OR_SECRET
                        ? "has a provider URL but no app key or app secret"
                        : "has no real-name provider (core.realName.url)"));
    }

    private static RealNameException notConfigured(TenantDescriptor tenant, String what) {
        return new RealNameException(RealNameException.Reason.UNAVAILABLE, "not-configured",
                "tenant " + tenant.code() + " " + what + " (docs/real-name.md)");
    }
}
