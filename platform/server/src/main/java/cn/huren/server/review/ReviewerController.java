package cn.huren.server.review;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The platform operator manages a tenant's reviewers: /api/platform/tenants/{code}/reviewers (operators only). */
@RestController
class ReviewerController {

    record NewReviewer(String username, String password) {
    }

    private static final String BASE = "/api/platform/tenants/{code}/reviewers";

    private final ReviewerAccounts reviewers;

    ReviewerController(ReviewerAccounts reviewers) {
        this.reviewers = reviewers;
    }

    @GetMapping(BASE)
    List<ReviewerAccounts.Reviewer> list(@PathVariable String code) {
        return reviewers.list(code);
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    ReviewerAccounts.Reviewer create(@PathVariable String code, @RequestBody NewReviewer body) {
        return reviewers.create(code, body.username(), body.password(), "");
    }

    @PostMapping(BASE + "/{username}/disable")
    ReviewerAccounts.Reviewer disable(@PathVariable String code, @PathVariable String username) {
        return reviewers.enable(code, username, false, "");
    }

    @PostMapping(BASE + "/{username}/enable")
    ReviewerAccounts.Reviewer enable(@PathVariable String code, @PathVariable String username) {
        return reviewers.enable(code, username, true, "");
    }
}
