package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.PortalSignIn;
import cn.huren.plugin.api.VerifiedPerson;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 苏服办 login (JS-10, JS-13) for natural persons: OAuth 2.0 authorization code with state and PKCE
 * (S256). The start hands the browser a state bound to it by a cookie and sends it to 苏服办; the
 * callback takes the state once, exchanges the code, reads the person and lets the host sign the
 * browser in. Any failure ends on the login page with a message, with no session and no party.
 */
@RestController
class SuFuBanController {

    static final String COOKIE = "huren_sufuban";
    private static final Logger log = LoggerFactory.getLogger(SuFuBanController.class);

    private final PluginSettings settings;
    private final Clock clock;
    private final CurrentTenant tenant;
    private final HostEnvironment host;
    private final SuFuBanStates states;
    private final SuFuBanClient client;
    private final PortalSignIn signIn;

    SuFuBanController(PluginSettings settings, CurrentTenant tenant, HostEnvironment host, SuFuBanStates states, SuFuBanClient client,
                      PortalSignIn signIn, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.tenant = tenant;
        this.host = host;
        this.states = states;
        this.client = client;
        this.signIn = signIn;
    }

    @GetMapping("/login/sufuban/start")
    ResponseEntity<Void> start(HttpServletRequest request) {
        SuFuBanSettings config = SuFuBanSettings.of(settings.current(), host.sandboxesAllowed());
        if (!config.configured()) {
            return redirect(signIn.refused("本平台尚未配置苏服办登录，请使用数字证书登录。",
                    "SuFuBan login is not configured for this portal; sign in with a certificate."), null);
        }
        String state = Secrets.random();
        String verifier = Secrets.random();
        String browser = Secrets.random();
        String redirectUri = callbackUri(request, tenant.require().code());
        states.remember(state, browser, verifier, redirectUri);
        URI authorize = config.sandbox() ? URI.create(origin(request) + prefix() + "/sandbox/authorize") : config.authorizeUrl();
        URI location = UriComponentsBuilder.fromUri(authorize)
                .queryParam("response_type", "code")
                .queryParam("client_id", config.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", "openid profile")
                .queryParam("state", state)
                .queryParam("code_challenge", Secrets.challenge(verifier))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        return redirect(location.toString(), cookie(request, browser, SuFuBanStates.TTL.toSeconds()));
    }

    @GetMapping("/login/sufuban/callback")
    ResponseEntity<Void> callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                                  @RequestParam(required = false) String error,
                                  @CookieValue(name = COOKIE, required = false) String browser, HttpServletRequest request) {
        return redirect(complete(code, state, error, browser, request), cookie(request, "", 0));
    }

    private String complete(String code, String state, String error, String browser, HttpServletRequest request) {
        Optional<SuFuBanStates.Pending> pending = states.take(state, browser);
        if (pending.isEmpty()) {
            return refused("state", "苏服办登录未完成：登录请求无效或已使用过，请重新点击“苏服办登录”。",
                    "SuFuBan login did not complete: the login request is unknown or was already used; start the SuFuBan login again.");
        }
        if (pending.get().expiresAt().isBefore(clock.instant())) {
            return refused("expired", "苏服办登录已超时，请重新点击“苏服办登录”。", "The SuFuBan login took too long; start it again.");
        }
        if (error != null) {
            if (error.equals("access_denied")) {
                return refused("denied", "您在苏服办未同意授权，因此未登录。如需登录，请重新点击“苏服办登录”并同意授权。",
                        "You did not consent at SuFuBan, so you are not signed in. To sign in, start the SuFuBan login again and consent.");
            }
            String shown = error.matches("[a-z_]{1,40}") ? error : "unknown";
            return refused("error " + shown, "苏服办返回错误（" + shown + "），未登录，请稍后重试。",
                    "SuFuBan answered with an error (" + shown + "); you are not signed in. Please try again later.");
        }
        if (code == null || code.isBlank() || code.length() > 512) {
            return refused("no code", "苏服办未返回授权码，未登录，请重新登录。", "SuFuBan returned no authorization code; start the login again.");
        }
        SuFuBanSettings config = SuFuBanSettings.of(settings.current(), host.sandboxesAllowed());
        try {
            String token = client.token(config, endpoint(config, request, "token"), code, pending.get().redirectUri(),
                    pending.get().codeVerifier());
            VerifiedPerson person = client.userInfo(config, endpoint(config, request, "userinfo"), token);
            return signIn.signIn(person);
        } catch (SuFuBanClient.Failure f) {
            if (f.timeout) {
                return refused(f.getMessage(), "苏服办暂时没有响应（超时），未登录，请稍后重试。",
                        "SuFuBan did not answer in time; you are not signed in. Please try again later.");
            }
            String what = f.step.equals("token") ? "获取访问令牌" : "获取用户信息";
            String whatEn = f.step.equals("token") ? "exchanging the authorization code" : "reading your identity";
            return refused(f.getMessage(), "苏服办登录失败：" + what + "未成功，未登录，请稍后重试。",
                    "SuFuBan login failed while " + whatEn + "; you are not signed in. Please try again later.");
        }
    }

    private String refused(String reason, String zh, String en) {
        log.info("苏服办 login of tenant {} refused: {}", tenant.require().code(), reason);
        return signIn.refused(zh, en);
    }

    /** 苏服办's token or user-info URL; the sandbox's on this node's own address (the server calls itself). */
    private URI endpoint(SuFuBanSettings config, HttpServletRequest request, String step) {
        if (config.sandbox()) {
            return URI.create("http://127.0.0.1:" + request.getLocalPort() + prefix() + "/sandbox/" + step);
        }
        return step.equals("token") ? config.tokenUrl() : config.userInfoUrl();
    }

    private String prefix() {
        return "/api/t/" + tenant.require().code() + "/plugins/jiangsu";
    }

    /** Where 苏服办 sends the browser back: this plugin's callback on the origin the browser used. */
    static String callbackUri(HttpServletRequest request, String tenantCode) {
        return origin(request) + "/api/t/" + tenantCode + "/plugins/jiangsu/login/sufuban/callback";
    }

    /** The origin the browser used (as the container sees it, forwarded headers applied by the host). */
    static String origin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || "http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private ResponseCookie cookie(HttpServletRequest request, String value, long maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                .path(prefix() + "/login/sufuban").maxAge(maxAge).build();
    }

    private static ResponseEntity<Void> redirect(String location, ResponseCookie cookie) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location));
        if (cookie != null) {
            response.header(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return response.build();
    }
}
