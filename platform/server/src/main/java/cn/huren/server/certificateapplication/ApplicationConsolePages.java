package cn.huren.server.certificateapplication;

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

/** The reviewer's console page of its tenant's certificate applications (approve, reject with a reason); each is also an item of the review queue. */
@Controller
class ApplicationConsolePages {

    private static final String PAGE = "/console/reviews/{code}/certificate-applications";

    private final ApplicationReview review;
    private final TenantDirectory tenants;

    ApplicationConsolePages(ApplicationReview review, TenantDirectory tenants) {
        this.review = review;
        this.tenants = tenants;
    }

    @GetMapping(PAGE)
    String page(@PathVariable String code, @RequestParam(defaultValue = "IN_REVIEW") String state, Model model) {
        model.addAttribute("tenant", tenants.require(code));
        model.addAttribute("state", state);
        model.addAttribute("applications", review.list(code, ApplicationReviewController.state(state)));
        return "console/certificate-applications";
    }

    @PostMapping(PAGE + "/{id}/approve")
    String approve(@PathVariable String code, @PathVariable long id, Principal reviewer, HttpServletResponse response, Model model) {
        return decided(code, "approved", response, model, () -> review.approve(code, id, ApplicationReview.reviewer(reviewer), " (console)"));
    }

    @PostMapping(PAGE + "/{id}/reject")
    String reject(@PathVariable String code, @PathVariable long id, @RequestParam(defaultValue = "") String reason, Principal reviewer,
                  HttpServletResponse response, Model model) {
        return decided(code, "rejected", response, model,
                () -> review.reject(code, id, reason, ApplicationReview.reviewer(reviewer), " (console)"));
    }

    /** A refusal (a CA failure included) is shown on the page with its status; nothing changed. */
    private String decided(String code, String flash, HttpServletResponse response, Model model, Runnable decision) {
        try {
            decision.run();
            return "redirect:/console/reviews/" + code + "/certificate-applications?" + flash;
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("errors", e.messages());
            return page(code, "IN_REVIEW", model);
        }
    }
}
