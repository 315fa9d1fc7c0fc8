package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUsers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * NMG-01, the portal's part: /p/neimenggu/status says whether the tenant's service is configured and, if not, what
 * its configuration lacks (the host's {@code configurationMissing}); and who is signed in, as {@link PortalUsers} says.
 */
@Controller
class StatusPages {

    private final PortalUsers users;

    StatusPages(PortalUsers users) {
        this.users = users;
    }

    @GetMapping("/pages/status")
    String status(Model model) {
        model.addAttribute("user", users.current().orElse(null));
        return "neimenggu/status";
    }

    /** 登录: a page that needs a signed-in person throws a 401 refusal; the host sends the browser to the login and back. */
    @GetMapping("/pages/login")
    String login() {
        users.current().orElseThrow(() -> new PluginProblem(401, "login-required", "log in first"));
        return "redirect:status";
    }

    /** 重新检查: the page again, read anew (an operator may have just completed the configuration). */
    @PostMapping("/pages/status")
    String recheck() {
        return "redirect:status";
    }
}
