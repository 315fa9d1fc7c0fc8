package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.PluginSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A stand-in for 苏服办 so that the login runs end to end on one machine: an authorize page where one
 * picks a test person (or declines), a token endpoint that checks client, redirect URI and PKCE, and
 * a user-info endpoint. It answers only where the host allows sandboxes (demo mode, tests) and the
 * tenant turned it on; everywhere else it does not exist (404).
 */
@RestController
class SuFuBanSandbox {

    private static final Duration CODE_TTL = Duration.ofSeconds(60);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(5);

    private final PluginSettings settings;
    private final Clock clock;
    private final HostEnvironment host;
    private final CurrentTenant tenant;
    private final JdbcClient jdbc;

    SuFuBanSandbox(PluginSettings settings, HostEnvironment host, CurrentTenant tenant, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.host = host;
        this.tenant = tenant;
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/sandbox/authorize", produces = MediaType.TEXT_HTML_VALUE)
    String authorize(@RequestParam(name = "client_id", required = false) String clientId,
                     @RequestParam(name = "redirect_uri", required = false) String redirectUri,
                     @RequestParam(required = false) String state, @RequestParam(name = "code_challenge", required = false) String challenge,
                     @RequestParam(name = "code_challenge_method", required = false) String method, HttpServletRequest request) {
        check(clientId, redirectUri, state, challenge, request);
        if (!"S256".equals(method)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "code_challenge_method must be S256");
        }
        String hidden = hidden("client_id", clientId) + hidden("redirect_uri", redirectUri) + hidden("state", state)
                + hidden("code_challenge", challenge);
        StringBuilder persons = new StringBuilder();
        for (SandboxPersons.Person p : SandboxPersons.ALL) {
            persons.append("<li><form method=\"post\" action=\"approve\">").append(hidden)
                    .append(hidden("person", p.idNumber()))
                    .append("<button type=\"submit\" class=\"button primary\" id=\"person-").append(p.idNumber()).append("\">")
                    .append(HtmlUtils.htmlEscape(p.name() + "（" + p.city() + "，" + mask(p.idNumber()) + "）")).append("</button></form></li>");
        }
        return """
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>苏服办（沙箱）</title>
                <link rel="stylesheet" href="/css/portal.css"><link rel="stylesheet" href="/t/%s/theme.css"></head><body><main class="page">
                <h1>苏服办 · 沙箱</h1><p>演示环境：选择一位测试人员，同意向“%s”提供姓名、身份证号和手机号。Demo only: pick a test person.</p>
                <ul class="methods">%s</ul>
                <form method="post" action="deny">%s<button type="submit" class="button" id="deny">不同意授权 / Decline</button></form>
                </main></body></html>""".formatted(tenant.require().code(), HtmlUtils.htmlEscape(tenant.require().nameZh()), persons, hidden);
    }

    @PostMapping("/sandbox/approve")
    ResponseEntity<Void> approve(@RequestParam(name = "client_id") String clientId, @RequestParam(name = "redirect_uri") String redirectUri,
                                 @RequestParam String state, @RequestParam(name = "code_challenge") String challenge,
                                 @RequestParam String person, HttpServletRequest request) {
        check(clientId, redirectUri, state, challenge, request);
        SandboxPersons.Person p = SandboxPersons.byId(person)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such test person"));
        String code = Secrets.random();
        store(code, "CODE", p.idNumber(), challenge, redirectUri, CODE_TTL);
        return back(redirectUri, "code", code, state);
    }

    @PostMapping("/sandbox/deny")
    ResponseEntity<Void> deny(@RequestParam(name = "client_id") String clientId, @RequestParam(name = "redirect_uri") String redirectUri,
                              @RequestParam String state, @RequestParam(name = "code_challenge") String challenge, HttpServletRequest request) {
        check(clientId, redirectUri, state, challenge, request);
        return back(redirectUri, "error", "access_denied", state);
    }

    @PostMapping(value = "/sandbox/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam Map<String, String> form) {
        SuFuBanSettings config = requireOn();
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type");
        }
        if (!config.clientId().equals(form.get("client_id")) || !config.clientSecret().equals(form.get("client_secret"))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_client"));
        }
        Optional<String> person = jdbc.sql("""
                        delete from js_sufuban_sandbox where secret_hash = ? and kind = 'CODE' and expires_at > ?
                          and redirect_uri = ? and code_challenge = ? returning person""")
                .params(Secrets.sha256Hex(String.valueOf(form.get("code"))), Timestamp.from(clock.instant()), String.valueOf(form.get("redirect_uri")),
                        Secrets.challenge(String.valueOf(form.get("code_verifier"))))
                .query(String.class).optional();
        if (person.isEmpty()) {
            return oauthError("invalid_grant");
        }
        String token = Secrets.random();
        store(token, "TOKEN", person.get(), null, null, TOKEN_TTL);
        return ResponseEntity.ok(Map.of("access_token", token, "token_type", "Bearer", "expires_in", TOKEN_TTL.toSeconds()));
    }

    @GetMapping(value = "/sandbox/userinfo", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> userInfo(@RequestHeader(name = "Authorization", required = false) String authorization) {
        requireOn();
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : "";
        Optional<SandboxPersons.Person> person = jdbc.sql(
                        "select person from js_sufuban_sandbox where secret_hash = ? and kind = 'TOKEN' and expires_at > ?")
                .params(Secrets.sha256Hex(token), Timestamp.from(clock.instant())).query(String.class).optional().flatMap(SandboxPersons::byId);
        return person.<ResponseEntity<Map<String, Object>>>map(p -> ResponseEntity.ok(
                        Map.of("name", p.name(), "id_number", p.idNumber(), "phone_number", p.phone())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_token")));
    }

    /** The request comes from this tenant's own login: its client id and its callback on this origin. */
    private void check(String clientId, String redirectUri, String state, String challenge, HttpServletRequest request) {
        SuFuBanSettings config = requireOn();
        String callback = SuFuBanController.callbackUri(request, tenant.require().code());
        if (clientId == null || !clientId.equals(config.clientId()) || !callback.equals(redirectUri)
                || state == null || state.isBlank() || challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "the sandbox serves this portal's own 苏服办 login only: client_id, redirect_uri, state and an S256 code_challenge");
        }
    }

    /** The tenant's 苏服办 settings, read once per request; 404 unless its sandbox is on. */
    private SuFuBanSettings requireOn() {
        SuFuBanSettings config = SuFuBanSettings.of(settings.current(), host.sandboxesAllowed());
        if (!config.sandbox()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no 苏服办 sandbox here");
        }
        return config;
    }

    private void store(String secret, String kind, String person, String challenge, String redirectUri, Duration ttl) {
        jdbc.sql("delete from js_sufuban_sandbox where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("insert into js_sufuban_sandbox (secret_hash, kind, person, code_challenge, redirect_uri, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(Secrets.sha256Hex(secret), kind, person, challenge, redirectUri, Timestamp.from(clock.instant().plus(ttl))).update();
    }

    private static ResponseEntity<Void> back(String redirectUri, String key, String value, String state) {
        URI location = UriComponentsBuilder.fromUriString(redirectUri).queryParam(key, value).queryParam("state", state).encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
    }

    private static ResponseEntity<Map<String, Object>> oauthError(String error) {
        return ResponseEntity.badRequest().body(Map.of("error", error));
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HtmlUtils.htmlEscape(value) + "\">";
    }

    private static String mask(String id) {
        return id.substring(0, 6) + "********" + id.substring(14);
    }
}
