package cn.huren.plugins.anhui;

import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.pf4j.Extension;

/** 皖事通: natural persons sign in with Anhui's government-service account. */
@Extension
public class WanShiTongLogin implements LoginMethodProvider {

    @Override
    public List<LoginMethod> loginMethods(TenantInfo tenant) {
        return List.of(new LoginMethod("wanshitong", "皖事通登录", "WanShiTong login",
                "自然人使用皖事通账号登录", "Natural persons sign in with their WanShiTong account",
                LoginMethod.Audience.NATURAL_PERSON, "login/wanshitong/start", true));
    }
}
