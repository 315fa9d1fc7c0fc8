package cn.huren.server.realname;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.RealNameException;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
        ConfigValues values = core.of(tenant.code());
        Optional<String> url = values.text(URL).filter(u -> !u.isBlank());
        if (url.isPresent()) {
            String key = values.text(APP_KEY).orElse("");
            String secret = values.text(APP_SECRET).orElse("");
            if (key.isBlank() || secret.isBlank()) {
                throw notConfigured(tenant, "has a provider URL but no app key or app secret");
            }
            return new ProviderSettings(URI.create(url.get().strip()), key, secret);
        }
        if (sandbox == null) {
            throw notConfigured(tenant, "has no real-name provider (core.realName.url)");
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        return new ProviderSettings(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant.code() + RealNameSandbox.PATH),
                RealNameSandbox.APP_KEY, sandbox.secret());
    }

    private static RealNameException notConfigured(TenantDescriptor tenant, String what) {
        return new RealNameException(RealNameException.Reason.UNAVAILABLE, "not-configured",
                "tenant " + tenant.code() + " " + what + " (docs/real-name.md)");
    }
}
