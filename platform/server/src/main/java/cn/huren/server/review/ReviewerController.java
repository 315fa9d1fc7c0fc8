package cn.huren.server.review;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Reviewer accounts", description = "The platform operator manages each tenant's reviewers (operators only; docs/reviews.md)")
class ReviewerController {

    record NewReviewer(String username, String password) {
    }

    private static final String BASE = "/api/platform/tenants/{code}/reviewers";

    private final ReviewerAccounts reviewers;

    ReviewerController(ReviewerAccounts reviewers) {
        this.reviewers = reviewers;
    }

    @GetMapping(BASE)
    @Operation(summary = "The tenant's reviewers (never their password hashes)")
    List<ReviewerAccounts.Reviewer> list(@PathVariable String code) {
        return reviewers.list(code);
    }

    @PostMapping(BASE)
    @Operation(summary = "Create a reviewer of the tenant: user name 3 to 64 of a-z0-9._- starting with a letter, password at least "
            + "12 characters; 409 username-taken")
    @ResponseStatus(HttpStatus.CREATED)
    ReviewerAccounts.Reviewer create(@PathVariable String code, @RequestBody NewReviewer body) {
        return reviewers.create(code, body.username(), body.password(), "");
    }

    @PostMapping(BASE + "/{username}/disable")
    @Operation(summary = "Disable a reviewer of the tenant: it can no longer sign in")
    ReviewerAccounts.Reviewer disable(@PathVariable String code, @PathVariable String username) {
        return reviewers.enable(code, username, false, "");
    }

    @PostMapping(BASE + "/{username}/enable")
    @Operation(summary = "Enable a disabled reviewer of the tenant again")
    ReviewerAccounts.Reviewer enable(@PathVariable String code, @PathVariable String username) {
        return reviewers.enable(code, username, true, "");
    }
}
