package cn.huren.server.captcha;

import cn.huren.server.support.ClientAddress;
import cn.huren.server.support.TokenBuckets;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/t/{tenant}/captcha, for pages and the app, before anyone signs in. It falls to the
 * portal's chain, which lets anonymous callers through and keeps the cookie session the answer is
 * stored in; the caller sends that cookie back with the form the captcha guards. Limited per client
 * address (per node, in memory, as the login limits are): each call draws an image and may open a
 * session row.
 */
@RestController
class CaptchaController {

    /** {@code image} is a {@code data:image/png;base64,…} URL, ready for an {@code <img src>}. */
    record CaptchaView(String id, String image, Instant expiresAt) {
    }

    private final Captchas captchas;
    private final TokenBuckets buckets;
    private final int perMinute;

    CaptchaController(Captchas captchas, Clock clock, @Value("${huren.captcha.per-address-per-minute:30}") int perMinute) {
        this.captchas = captchas;
        this.buckets = new TokenBuckets(clock, 100_000, Duration.ofMinutes(10));
        this.perMinute = perMinute;
    }

    @GetMapping("/api/t/{tenant}/captcha")
    ResponseEntity<CaptchaView> issue(HttpServletRequest request) {
        String address = ClientAddress.key(request.getRemoteAddr());
        if (address != null) {
            Duration wait = buckets.take(address, perMinute, perMinute / 60.0);
            if (!wait.isZero()) {
                throw new TooManyRequests("captcha-rate-limited", "too many captchas from this address; try again in a moment (Retry-After)", wait);
            }
        }
        Captchas.Challenge challenge = captchas.issue(request.getSession(), TenantContext.require().code());
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(challenge.png());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CaptchaView(challenge.id(), image, challenge.expiresAt()));
    }
}
