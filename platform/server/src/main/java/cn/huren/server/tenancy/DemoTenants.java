package cn.huren.server.tenancy;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantCommands.BrandingInput;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode (default with the embedded database): onboards 江苏, 山西 and 内蒙古 if absent, each
 * reachable at its own host (js.localhost …).
 */
@Component
class DemoTenants implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTenants.class);

    static final List<CreateTenant> DEMO = List.of(
            new CreateTenant("js", "江苏", "Jiangsu", "jiangsu", List.of("js.localhost"),
                    new BrandingInput("江苏省公共资源交易经营主体信息库", "#1f5fa8", null),
                    // 苏服办 login against the plugin's sandbox (a page to pick a test person); a real deployment sets the URLs
                    Map.of("sufubanSandbox", true, "sufubanClientId", "js-demo", "sufubanClientSecret", "js-demo-secret",
                            "citySystems", "南京|nj-trading|\n苏州|sz-trading|")),
            new CreateTenant("sx", "山西", "Shanxi", "shanxi", List.of("sx.localhost"),
                    new BrandingInput("山西省公共资源交易平台 · 移动CA服务", "#b22222", null), Map.of()),
            new CreateTenant("nmg", "内蒙古", "Inner Mongolia", "neimenggu", List.of("nmg.localhost"),
                    new BrandingInput("内蒙古自治区公共资源交易主体库", "#0b7a75", null), Map.of("regionCode", "150100")));

    private final TenantService tenants;
    private final TenantRepository repository;
    private final OperationLog operations;
    private final ApplicationEventPublisher events;
    private final boolean enabled;

    DemoTenants(TenantService tenants, TenantRepository repository, OperationLog operations, ApplicationEventPublisher events,
                Environment env) {
        this.tenants = tenants;
        this.repository = repository;
        this.operations = operations;
        this.events = events;
        this.enabled = DemoMode.on(env);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        for (CreateTenant demo : DEMO) {
            if (repository.existsByCode(demo.code())) {
                continue;
            }
            try {
                operations.record("tenant.create", demo.code(), "demo tenant", () -> tenants.create(demo));
                log.info("demo tenant {} onboarded at host {}", demo.code(), demo.hostList().get(0));
            } catch (ApiException e) {
                log.warn("demo tenant {} not onboarded: {}", demo.code(), e.getMessage());
            }
        }
        events.publishEvent(new DemoTenantsReady(DEMO.stream().map(CreateTenant::code).filter(repository::existsByCode).toList()));
    }
}
