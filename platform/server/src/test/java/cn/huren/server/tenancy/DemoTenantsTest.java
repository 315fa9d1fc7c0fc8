package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.tenancy.TenantCommands.BrandingInput;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Demo mode's tenants come from the plugins (DemoTenantProvider); the core adds only its own settings (the login policy). */
@IntegrationTest
class DemoTenantsTest {

    @Autowired
    DemoTenants demoTenants;

    @Test
    @DisplayName("demo mode onboards 江苏, 山西 and 内蒙古 as their plugins contribute them, configured as before the plugins did")
    void demoTenantsComeFromThePlugins() {
        assertThat(demoTenants.demoTenants()).containsExactlyInAnyOrder(
                new CreateTenant("js", "江苏", "Jiangsu", "jiangsu", List.of("js.localhost"),
                        new BrandingInput("江苏省公共资源交易经营主体信息库", "#1f5fa8", null),
                        Map.of("sufubanSandbox", true, "sufubanClientId", "js-demo", "sufubanClientSecret", "js-demo-secret",
                                "citySystems", "南京|nj-trading|\n苏州|sz-trading|")),
                new CreateTenant("sx", "山西", "Shanxi", "shanxi", List.of("sx.localhost"),
                        new BrandingInput("山西省公共资源交易平台 · 移动CA服务", "#b22222", null), Map.of(
                                "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                                "core.loginPolicy.registryWrite", "certificate,identity-provider,password,sms")),
                new CreateTenant("nmg", "内蒙古", "Inner Mongolia", "neimenggu", List.of("nmg.localhost"),
                        new BrandingInput("内蒙古自治区公共资源交易主体库", "#0b7a75", null), Map.of("regionCode", "150100",
                                "hohhotSandbox", true,
                                "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                                "core.platformPicker.registryPath", "/p/neimenggu/registry",
                                "core.registration.path", "/p/neimenggu/binding")));
    }
}
