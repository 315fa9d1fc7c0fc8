package cn.huren.server.certificateapplication;

import cn.huren.server.support.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CA's review by the tenant's reviewer (审核端): /api/review/{code}/certificate-applications (that tenant's reviewers only). */
@RestController
@Tag(name = "Reviews")
class ApplicationReviewController {

    record RejectInput(String reason) {
    }

    private static final String BASE = "/api/review/{code}/certificate-applications";

    private final ApplicationReview review;

    ApplicationReviewController(ApplicationReview review) {
        this.review = review;
    }

    /** {@code state}: IN_REVIEW by default; ALL for every state. Oldest first, at most 500. */
    @GetMapping(BASE)
    @Operation(summary = "The tenant's certificate applications with their parties, oldest first, at most 500: state IN_REVIEW (default) or ALL")
    List<ApplicationReview.Pending> list(@PathVariable String code, @RequestParam(defaultValue = "IN_REVIEW") String state) {
        return review.list(code, state(state));
    }

    @PostMapping(BASE + "/{id}/approve")
    @Operation(summary = "Approve an application: the tenant's CA issues it (AWAITING_DOWNLOAD), its review item is approved, the applicant told")
    ApplicationReview.Pending approve(@PathVariable String code, @PathVariable long id, Principal reviewer) {
        return review.approve(code, id, ApplicationReview.reviewer(reviewer), "");
    }

    @PostMapping(BASE + "/{id}/reject")
    @Operation(summary = "Reject an application with a reason (REJECTED), its review item too; the applicant is told the reason")
    ApplicationReview.Pending reject(@PathVariable String code, @PathVariable long id, @RequestBody(required = false) RejectInput body,
                                     Principal reviewer) {
        return review.reject(code, id, body == null ? null : body.reason(), ApplicationReview.reviewer(reviewer), "");
    }

    static Application.State state(String text) {
        if ("ALL".equals(text)) {
            return null;
        }
        try {
            return Application.State.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("state", "ALL or one of "
                    + Arrays.toString(Application.State.values()))));
        }
    }
}
