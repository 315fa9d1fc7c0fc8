package cn.huren.server.captcha;

import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/t/{tenant}/captcha, for pages and the app, before anyone signs in. It falls to the
 * portal's chain, which lets anonymous callers through and keeps the cookie session the answer is
 * stored in; the caller sends that cookie back with the form the captcha guards.
 */
@RestController
class CaptchaController {

    /** {@code image} is a {@code data:image/png;base64,…} URL, ready for an {@code <img src>}. */
    record CaptchaView(String id, String image, Instant expiresAt) {
    }

    private final Captchas captchas;

    CaptchaController(Captchas captchas) {
        this.captchas = captchas;
    }

    @GetMapping("/api/t/{tenant}/captcha")
    ResponseEntity<CaptchaView> issue(HttpServletRequest request) {
        Captchas.Challenge challenge = captchas.issue(request.getSession(), TenantContext.require().code());
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(challenge.png());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CaptchaView(challenge.id(), image, challenge.expiresAt()));
    }
}
