package cn.huren.server.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.TestClock;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.Branding;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

@DisplayName("captcha endpoint, without a server")
class CaptchaControllerTest {

    private static final TenantDescriptor TENANT = new TenantDescriptor("js", "江苏", "Jiangsu", TenantStatus.ACTIVE, null,
            List.of("js.localhost"), new Branding(null, null, null));

    private final TestClock clock = new TestClock();
    private final CaptchaController controller = new CaptchaController(new Captchas(clock), clock, 3);

    @Test
    @DisplayName("the answer goes into the caller's session under the tenant's name, never into the reply")
    void intoSession() {
        MockHttpServletRequest request = request("203.0.113.7");
        CaptchaController.CaptchaView view = TenantContext.callAs(TENANT, () -> controller.issue(request).getBody());

        assertThat(view.image()).startsWith("data:image/png;base64,");
        assertThat(request.getSession().getAttribute(Captchas.key("js", view.id()))).isInstanceOf(Captchas.Pending.class);
    }

    @Test
    @DisplayName("one address gets a few captchas a minute, then 429 with Retry-After; another address is not held up")
    void limited() {
        for (int i = 0; i < 3; i++) {
            TenantContext.callAs(TENANT, () -> controller.issue(request("203.0.113.7")));
        }
        assertThatThrownBy(() -> TenantContext.callAs(TENANT, () -> controller.issue(request("203.0.113.7"))))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfterSeconds()).hasValue(20);
                });
        assertThat(TenantContext.callAs(TENANT, () -> controller.issue(request("198.51.100.1"))).getStatusCode().value()).isEqualTo(200);
        clock.move(Duration.ofSeconds(20));
        assertThat(TenantContext.callAs(TENANT, () -> controller.issue(request("203.0.113.7"))).getStatusCode().value()).isEqualTo(200);
    }

    private static MockHttpServletRequest request(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/t/js/captcha");
        request.setRemoteAddr(address);
        return request;
    }
}
