package cn.huren.server.tenancy;

import cn.huren.plugin.api.DemoTenant;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantCommands.BrandingInput;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode (default with the embedded database): onboards the demo tenant each plugin contributes
 * (江苏, 山西 and 内蒙古 with the three plugins) if absent, each reachable at its own host
 * (js.localhost …). What a demo tenant is configured with is its plugin's business.
 */
@Component
class DemoTenants implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTenants.class);

    private final TenantService tenants;
    private final TenantRepository repository;
    private final OperationLog operations;
    private final ApplicationEventPublisher events;
    private final TenantPluginSupport plugins;
    private final boolean enabled;
    private final jakarta.validation.Validator validator;

    DemoTenants(TenantService tenants, TenantRepository repository, OperationLog operations, ApplicationEventPublisher events,
                TenantPluginSupport plugins, Environment env, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.tenants = tenants;
        this.repository = repository;
        this.operations = operations;
        this.events = events;
        this.plugins = plugins;
        this.enabled = DemoMode.on(env);
    }

    /** The tenants to onboard: one per plugin that contributes one, as an operator's onboarding request. */
    List<CreateTenant> demoTenants() {
        return plugins.demoTenants().entrySet().stream().map(e -> create(e.getKey(), e.getValue())).toList();
    }

    /**
     * The core's demo settings, beside the plugin's: each demo tenant's login policy (docs/login-policy.md).
     * 江苏 keeps the default (accounts never reach the registry, JS-10); 山西 lets a real-name-verified
     * account read and change its own person's data; 内蒙古 lets it read them only, and its own registry in the platform picker (进入授权) is the plugin's
     * registry intake (NMG-08).
     */
    static final java.util.Map<String, java.util.Map<String, Object>> CORE_DEMO_SETTINGS = java.util.Map.of(
            "sx", java.util.Map.of(
                    "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                    "core.loginPolicy.registryWrite", "certificate,identity-provider,password,sms"),
            "nmg", java.util.Map.of(
                    "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                    // NMG-08: 自治区公共资源交易主体信息库 in the platform picker is the plugin's registry intake
                    "core.platformPicker.registryPath", "/p/neimenggu/registry",
                    // NMG-05: an unregistered key's holder binds as a natural person (自然人绑定), not the core's registration
                    "core.registration.path", "/p/neimenggu/binding"));

    private static CreateTenant create(String pluginId, DemoTenant demo) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(demo.config() == null ? java.util.Map.of() : demo.config());
        CORE_DEMO_SETTINGS.getOrDefault(demo.code(), java.util.Map.of()).forEach(config::putIfAbsent);
        return new CreateTenant(demo.code(), demo.nameZh(), demo.nameEn(), pluginId, List.of(demo.host()),
                new BrandingInput(demo.title(), demo.primaryColor(), null), config);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        List<CreateTenant> demos = demoTenants();
        for (CreateTenant demo : demos) {
            if (repository.existsByCode(demo.code())) {
                continue;
            }
            // a plugin's contribution meets the rules an operator's onboarding request meets (code, hosts, branding)
            var violations = validator.validate(demo);
            if (!violations.isEmpty()) {
                log.warn("demo tenant {} of plugin {} not onboarded: {}", demo.code(), demo.plugin(), violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList());
                continue;
            }
            try {
                operations.record("tenant.create", demo.code(), "demo tenant", () -> tenants.create(demo));
                log.info("demo tenant {} onboarded at host {}", demo.code(), demo.hostList().get(0));
            } catch (ApiException e) {
                log.warn("demo tenant {} not onboarded: {}", demo.code(), e.getMessage());
            }
        }
        events.publishEvent(new DemoTenantsReady(demos.stream().map(CreateTenant::code).filter(repository::existsByCode).toList()));
    }
}
