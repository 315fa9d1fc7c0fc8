package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import org.springframework.stereotype.Component;

/** The registered party the request is signed in as (page session or party API token), or 401. */
@Component
class Me {

    private final PortalUsers users;

    Me(PortalUsers users) {
        this.users = users;
    }

    long party() {
        PortalUser user = users.current().orElseThrow(() -> new PluginProblem(401, "not-signed-in", "请先登录 / sign in first"));
        return user.partyId().orElseThrow(() -> new PluginProblem(409, "not-registered",
                "请先完成主体注册 / register first"));
    }
}
