package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.pf4j.Extension;

/** 苏服办 (JS-13): natural persons sign in with their SuFuBan account. The OAuth flow comes with issue 7. */
@Extension
public class SuFuBanLogin implements LoginMethodProvider {

    @Override
    public List<LoginMethod> loginMethods(TenantInfo tenant) {
        return List.of(new LoginMethod("sufuban", "苏服办登录", "SuFuBan login",
                "自然人使用苏服办账号登录", "Natural persons sign in with their SuFuBan account",
                LoginMethod.Audience.NATURAL_PERSON, "login/sufuban/start", false));
    }
}
