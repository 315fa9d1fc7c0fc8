package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.pf4j.Extension;

/** 苏服办 (JS-10, JS-13): natural persons sign in with their SuFuBan account; offered once the tenant configured it. */
@Extension
public class SuFuBanLogin implements LoginMethodProvider {

    private final PluginSettings settings;
    private final HostEnvironment host;

    SuFuBanLogin(PluginSettings settings, HostEnvironment host) {
        this.settings = settings;
        this.host = host;
    }

    @Override
    public List<LoginMethod> loginMethods(TenantInfo tenant) {
        boolean configured = SuFuBanSettings.of(settings.current(), host.sandboxesAllowed()).configured();
        return List.of(new LoginMethod("sufuban", "苏服办登录", "SuFuBan login",
                "自然人使用苏服办账号登录", "Natural persons sign in with their SuFuBan account",
                LoginMethod.Audience.NATURAL_PERSON, "login/sufuban/start", configured));
    }
}
