package cn.huren.plugins.shanxi;

import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.pf4j.Extension;

/** 三晋通 (SX-02–SX-04): legal-person and personal login with a SanJinTong account; flow in its own issue. */
@Extension
public class SanJinTongLogin implements LoginMethodProvider {

    @Override
    public List<LoginMethod> loginMethods(TenantInfo tenant) {
        return List.of(new LoginMethod("sanjintong", "三晋通登录", "SanJinTong login",
                "法人登录或个人登录，使用三晋通账号", "Legal-person or personal login with a SanJinTong account",
                LoginMethod.Audience.ANY, "login/sanjintong/start", false));
    }
}
