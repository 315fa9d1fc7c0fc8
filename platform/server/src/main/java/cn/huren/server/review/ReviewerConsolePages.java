package cn.huren.server.review;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The operator's page of a tenant's reviewers: list, create (form), disable and enable (operators only). */
@Controller
class ReviewerConsolePages {

    private static final String PAGE = "/console/tenants/{code}/reviewers";

    private final ReviewerAccounts reviewers;
    private final TenantDirectory tenants;

    ReviewerConsolePages(ReviewerAccounts reviewers, TenantDirectory tenants) {
        this.reviewers = reviewers;
        this.tenants = tenants;
    }

    @GetMapping(PAGE)
    String page(@PathVariable String code, Model model) {
        model.addAttribute("tenant", tenants.require(code));
        model.addAttribute("reviewers", reviewers.list(code));
        if (!model.containsAttribute("username")) {
            model.addAttribute("username", "");
        }
        return "console/reviewers";
    }

    @PostMapping(PAGE)
    String create(@PathVariable String code, @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  HttpServletResponse response, Model model) {
        try {
            reviewers.create(code, username.strip(), password, " (console)");
            return "redirect:/console/tenants/" + code + "/reviewers?created";
        } catch (ApiException e) {
            return refused(code, e, username, response, model);
        }
    }

    @PostMapping(PAGE + "/{username}/{action:disable|enable}")
    String enable(@PathVariable String code, @PathVariable String username, @PathVariable String action, HttpServletResponse response,
                  Model model) {
        try {
            reviewers.enable(code, username, "enable".equals(action), " (console)");
            return "redirect:/console/tenants/" + code + "/reviewers?saved";
        } catch (ApiException e) {
            return refused(code, e, "", response, model);
        }
    }

    private String refused(String code, ApiException e, String username, HttpServletResponse response, Model model) {
        if (e.status().value() == 404 && "tenant-not-found".equals(e.kind())) {
            throw e;
        }
        response.setStatus(e.status().value());
        model.addAttribute("errors", e.messages());
        model.addAttribute("username", username);
        return page(code, model);
    }
}
