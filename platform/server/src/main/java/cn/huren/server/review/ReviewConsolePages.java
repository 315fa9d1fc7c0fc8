package cn.huren.server.review;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reviewer's console (审核端): its tenant's queue, an item's detail with approve and reject (with a
 * reason). Only that tenant's reviewers reach /console/reviews/{code}/** (operator.SecurityConfig).
 */
@Controller
class ReviewConsolePages {

    private static final String QUEUE = "/console/reviews/{code}";
    static final int PAGE_SIZE = 20;

    private final ReviewQueue queue;
    private final TenantDirectory tenants;

    ReviewConsolePages(ReviewQueue queue, TenantDirectory tenants) {
        this.queue = queue;
        this.tenants = tenants;
    }

    @GetMapping(QUEUE)
    String queue(@PathVariable String code, @RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "0") int page,
                 Model model) {
        model.addAttribute("tenant", tenants.require(code));
        model.addAttribute("status", status);
        ReviewQueue.Page items = queue.list(code, ReviewApiController.status(status), page, PAGE_SIZE);
        model.addAttribute("page", items);
        model.addAttribute("items", items.items());
        model.addAttribute("pages", Math.max(1, (items.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "console/reviews";
    }

    @GetMapping(QUEUE + "/items/{id}")
    String item(@PathVariable String code, @PathVariable long id, Model model) {
        ReviewItem item = queue.get(code, id);
        model.addAttribute("tenant", tenants.require(code));
        model.addAttribute("item", item);
        model.addAttribute("subjectPage", queue.page(code, item));
        model.addAttribute("details", queue.details(code, item));
        return "console/review";
    }

    @PostMapping(QUEUE + "/items/{id}/approve")
    String approve(@PathVariable String code, @PathVariable long id, Principal reviewer, HttpServletResponse response, Model model) {
        return decided(code, id, "approved", response, model, () -> queue.approve(code, id, ReviewQueue.reviewer(reviewer.getName()), " (console)"));
    }

    @PostMapping(QUEUE + "/items/{id}/reject")
    String reject(@PathVariable String code, @PathVariable long id, @RequestParam(defaultValue = "") String reason, Principal reviewer,
                  HttpServletResponse response, Model model) {
        return decided(code, id, "rejected", response, model,
                () -> queue.reject(code, id, reason, ReviewQueue.reviewer(reviewer.getName()), " (console)"));
    }

    /** A refusal (the feature's included) is shown on the item's page with its status; nothing changed. */
    private String decided(String code, long id, String flash, HttpServletResponse response, Model model, Supplier<ReviewItem> decision) {
        try {
            decision.get();
            return "redirect:/console/reviews/" + code + "?" + flash;
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("errors", e.messages());
            return item(code, id, model);
        }
    }
}
