package cn.huren.plugins.neimenggu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The progress view's pages of the HOHHOT and SYNC steps: {@code /p/neimenggu/hohhot} says whether the party is
 * activated at Hohhot (when, the account) or how to do it (主体登录 → 进入授权, NMG-11); {@code /p/neimenggu/sync} is
 * 单位信息, where the documents are sealed and the sync is made.
 */
@Controller
class HohhotPage {

    private final Me me;
    private final JdbcClient jdbc;

    HohhotPage(Me me, JdbcClient jdbc) {
        this.me = me;
        this.jdbc = jdbc;
    }

    @GetMapping("/pages/hohhot")
    String hohhot(Model model) {
        long party = me.party();
        Map<String, Object> activation = jdbc.sql("""
                        select hohhot_activated_at, hohhot_account from nmg_intake where party_id = ? and hohhot_activated_at is not null""")
                .param(party).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", rs.getTimestamp(1).toInstant());
                    m.put("account", rs.getString(2));
                    return m;
                }).optional().orElse(null);
        model.addAttribute("activation", activation);
        return "neimenggu/hohhot";
    }

    @GetMapping("/pages/sync")
    String sync() {
        me.party();
        return "redirect:unit-info";
    }
}
