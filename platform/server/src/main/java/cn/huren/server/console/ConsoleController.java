package cn.huren.server.console;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.operator.OperationQuery;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.tenancy.TenantService;
import cn.huren.server.tenancy.TenantView;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Console pages that only read: sign-in, tenant list, plugins, operation log. */
@Controller
class ConsoleController {

    static final int PAGE_SIZE = 50;

    private final TenantService tenants;
    private final InstalledPlugins plugins;
    private final OperationLog operations;

    ConsoleController(TenantService tenants, InstalledPlugins plugins, OperationLog operations) {
        this.tenants = tenants;
        this.plugins = plugins;
        this.operations = operations;
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    /** One page query (tenants + their hosts batched): fast with thousands of tenants. */
    @GetMapping("/console")
    String tenants(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model,
                   org.springframework.security.core.Authentication signedIn) {
        java.util.Optional<String> reviews = cn.huren.server.operator.ConsoleRoles.reviewerTenant(signedIn);
        if (reviews.isPresent()) {
            return "redirect:/console/reviews/" + reviews.get(); // a reviewer's console is its tenant's queue
        }
        Page<TenantView> result = tenants.list(q, page, PAGE_SIZE);
        model.addAttribute("q", q);
        model.addAttribute("page", result);
        return "console/tenants";
    }

    @GetMapping("/console/plugins")
    String plugins(Model model) {
        model.addAttribute("plugins", plugins.statuses());
        return "console/plugins";
    }

    @GetMapping("/console/operations")
    String operations(@RequestParam(required = false) String operator, @RequestParam(required = false) String action,
                      @RequestParam(required = false) String target, @RequestParam(required = false) OperationLog.Outcome outcome,
                      @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("filter", new OperationQuery(operator, action, target, outcome, null, null, page, PAGE_SIZE));
        model.addAttribute("result", operations.search(new OperationQuery(operator, action, target, outcome, null, null, page, PAGE_SIZE)));
        model.addAttribute("outcomes", OperationLog.Outcome.values());
        return "console/operations";
    }
}
