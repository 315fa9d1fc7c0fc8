package cn.huren.server.review;

import cn.huren.server.support.ApiException;
import java.security.Principal;
import java.util.Arrays;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reviewer's queue as JSON: /api/review/{code}/items (only that tenant's reviewers: see operator.SecurityConfig). */
@RestController
@Tag(name = "Reviews", description = "The tenant reviewer's queue (审核端; console account of one tenant, Basic or the console session; docs/reviews.md)")
class ReviewApiController {

    record RejectInput(String reason) {
    }

    private static final String BASE = "/api/review/{code}/items";

    private final ReviewQueue queue;

    ReviewApiController(ReviewQueue queue) {
        this.queue = queue;
    }

    /** {@code status}: OPEN by default; ALL for every status. Newest first, a page at a time. */
    @GetMapping(BASE)
    @Operation(summary = "The tenant's review items, newest first: status OPEN (default), APPROVED, REJECTED, WITHDRAWN or ALL; "
            + "page from 0, size 1 to 100 (default 20); with the total")
    ReviewQueue.Page list(@PathVariable String code, @RequestParam(defaultValue = "OPEN") String status,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + ReviewQueue.DEFAULT_PAGE_SIZE) int size) {
        return queue.list(code, status(status), page, size);
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "One review item of the tenant; 404 for another tenant's")
    ReviewItem get(@PathVariable String code, @PathVariable long id) {
        return queue.get(code, id);
    }

    @PostMapping(BASE + "/{id}/approve")
    @Operation(summary = "Approve an open item: its feature acts (e.g. the CA issues) and the applicant is told, in one transaction; "
            + "409 review-decided when decided already")
    ReviewItem approve(@PathVariable String code, @PathVariable long id, Principal reviewer) {
        return queue.approve(code, id, ReviewQueue.reviewer(reviewer.getName()), "");
    }

    @PostMapping(BASE + "/{id}/reject")
    @Operation(summary = "Reject an open item with a reason (1 to 1000 characters), which the applicant is told")
    ReviewItem reject(@PathVariable String code, @PathVariable long id, @RequestBody(required = false) RejectInput body, Principal reviewer) {
        return queue.reject(code, id, body == null ? null : body.reason(), ReviewQueue.reviewer(reviewer.getName()), "");
    }

    static ReviewItem.Status status(String text) {
        if ("ALL".equals(text)) {
            return null;
        }
        try {
            return ReviewItem.Status.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status", "ALL or one of "
                    + Arrays.toString(ReviewItem.Status.values()))));
        }
    }
}
