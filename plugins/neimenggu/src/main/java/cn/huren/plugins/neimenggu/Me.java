package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import org.springframework.stereotype.Component;

/**
 * The registered party the request is signed in as (page session or party API token), or 401; the one place the
 * plugin's JSON endpoints turn the host's {@link PortalUser} into the party they act for ({@link SignedIn} for pages
 * and binding): {@link #party()} to read, {@link #partyToChange()} before any change of the person's data.
 */
@Component
class Me {

    private final PortalUsers users;

    Me(PortalUsers users) {
        this.users = users;
    }

    /** The party the session may read (the host gives one only where the core lets this session read it). */
    long party() {
        PortalUser user = users.current().orElseThrow(() -> new PluginProblem(401, "not-signed-in", "请先登录 / sign in first"));
        return user.partyId().orElseThrow(() -> new PluginProblem(409, "not-registered",
                "请先完成主体注册 / register first"));
    }

    /** The party, where the session may also change its data (registry submission, seals, sync): else 403 write-not-allowed. */
    long partyToChange() {
        long party = party();
        SignedIn.requireWrite(users.current().orElseThrow());
        return party;
    }
}
