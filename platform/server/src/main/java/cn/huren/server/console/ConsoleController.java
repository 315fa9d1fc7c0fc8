package cn.huren.server.console;

import cn.huren.server.tenancy.TenantDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The operator console: sign-in and the tenant overview (forms for every operation follow). */
@Controller
class ConsoleController {

    private final TenantDirectory tenants;

    ConsoleController(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String index(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("tenants", tenants.search(q, page, 50));
        return "console/index";
    }
}
