package cn.huren.server.review;

import cn.huren.server.support.ApiException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reviewer's queue as JSON: /api/review/{code}/items (only that tenant's reviewers: see operator.SecurityConfig). */
@RestController
class ReviewApiController {

    record RejectInput(String reason) {
    }

    private static final String BASE = "/api/review/{code}/items";

    private final ReviewQueue queue;

    ReviewApiController(ReviewQueue queue) {
        this.queue = queue;
    }

    /** {@code status}: OPEN by default; ALL for every status. Oldest first, at most 500. */
    @GetMapping(BASE)
    List<ReviewItem> list(@PathVariable String code, @RequestParam(defaultValue = "OPEN") String status) {
        return queue.list(code, status(status));
    }

    @GetMapping(BASE + "/{id}")
    ReviewItem get(@PathVariable String code, @PathVariable long id) {
        return queue.get(code, id);
    }

    @PostMapping(BASE + "/{id}/approve")
    ReviewItem approve(@PathVariable String code, @PathVariable long id, Principal reviewer) {
        return queue.approve(code, id, ReviewQueue.reviewer(reviewer.getName()), "");
    }

    @PostMapping(BASE + "/{id}/reject")
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
