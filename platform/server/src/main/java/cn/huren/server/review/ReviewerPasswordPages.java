package cn.huren.server.review;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A reviewer changes its own password on the console: /console/reviews/{code}/password (its own tenant's reviewers
 * only, as the queue: operator.SecurityConfig; a form with the CSRF token like the console's others).
 */
@Controller
class ReviewerPasswordPages {

    private static final String PAGE = "/console/reviews/{code}/password";

    private final ReviewerAccounts reviewers;
    private final TenantDirectory tenants;

    ReviewerPasswordPages(ReviewerAccounts reviewers, TenantDirectory tenants) {
        this.reviewers = reviewers;
        this.tenants = tenants;
    }

    @GetMapping(PAGE)
    String page(@PathVariable String code, Principal reviewer, Model model) {
        model.addAttribute("tenant", tenants.require(code));
        model.addAttribute("username", reviewer.getName());
        return "console/reviewer-password";
    }

    @PostMapping(PAGE)
    String change(@PathVariable String code, @RequestParam(defaultValue = "") String oldPassword,
                  @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String repeat,
                  Principal reviewer, HttpServletResponse response, Model model) {
        try {
            if (!newPassword.equals(repeat)) {
                throw ApiException.invalid(java.util.List.of(new ApiException.FieldError("repeat", "the two new passwords differ",
                        "reviewer-password-repeat")));
            }
            reviewers.changeOwnPassword(code, reviewer.getName(), oldPassword, newPassword, " (console)");
            return "redirect:/console/reviews/" + code + "/password?changed";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            // worded by the field error's code in the reader's language (console.password.error.<code>)
            model.addAttribute("errorCodes", e.errors().isEmpty() ? java.util.List.of("other")
                    : e.errors().stream().map(f -> f.code() == null ? "other" : f.code()).toList());
            return page(code, reviewer, model);
        }
    }
}
