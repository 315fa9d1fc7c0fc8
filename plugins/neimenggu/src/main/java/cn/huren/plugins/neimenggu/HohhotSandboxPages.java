package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.CurrentTenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The browser side of Hohhot's sandbox platform (呼和浩特市公共资源交易平台（新版）): "what Hohhot received", Hohhot as an
 * OpenID Connect relying party of the tenant (NMG-11: initiate login → the portal's authorize and consent → callback →
 * 第三方交易平台信息确认 → 确认登录 → the member home page) and the member client's certificate login (NMG-13). Plain
 * HTML, every value escaped; 404 unless the sandbox is on, like {@link HohhotSandbox}.
 */
@RestController
class HohhotSandboxPages {

    static final String PLATFORM = "呼和浩特市公共资源交易平台（新版）";
    static final String COOKIE = "huren_hohhot";
    /** What the sandbox asks of the portal's provider. */
    static final String SCOPE = "openid profile";
    /** Our plugin's member-client login check (NMG-13), built by the sync side; the sandbox is its caller. */
    static final String MEMBER_LOGIN_CHECK = "/hohhot/member-logins";
    /** The USB key's local signer (CA middleware) on the person's computer, as the portal's key login uses it. */
    static final String LOCAL_SIGNER = "http://127.0.0.1:18765";
    private static final Duration LOGIN_TTL = Duration.ofMinutes(10);
    private static final Duration NONCE_TTL = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(HohhotSandboxPages.class);
    private static final ObjectMapper JSON = IntegritySnapshot.JSON;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HohhotSandbox sandbox;
    private final CurrentTenant tenant;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    HohhotSandboxPages(HohhotSandbox sandbox, CurrentTenant tenant, JdbcClient jdbc, Clock clock) {
        this.sandbox = sandbox;
        this.tenant = tenant;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // ---- what Hohhot received -------------------------------------------------------------------------------------

    @GetMapping(value = HohhotSandbox.PREFIX + "/received", produces = MediaType.TEXT_HTML_VALUE)
    String received() {
        sandbox.requireOn();
        StringBuilder members = new StringBuilder();
        jdbc.sql("""
                        select party_ref, account, kind, name, identifier, mobile, cert_serial, activated_at, activation_count,
                               integrity_version, integrity_digest, synced_at
                        from nmg_hohhot_sandbox_member order by activated_at desc, party_ref limit 200""")
                .query(rs -> {
                    members.append(row(rs.getString("account"), rs.getString("party_ref"), rs.getString("name"),
                            kind(rs.getString("kind")) + " " + mask(rs.getString("identifier")), maskPhone(rs.getString("mobile")),
                            rs.getString("cert_serial"), time(rs.getTimestamp("activated_at")) + "（" + rs.getInt("activation_count") + " 次）",
                            rs.getObject("integrity_version") == null ? "未同步"
                                    : "版本 " + rs.getLong("integrity_version") + " · " + rs.getString("integrity_digest").substring(0, 12) + "… · "
                                    + time(rs.getTimestamp("synced_at"))));
                });
        StringBuilder deliveries = new StringBuilder();
        jdbc.sql("""
                        select id, idempotency_key, party_ref, version, digest, attempt, outcome, received_at
                        from nmg_hohhot_sandbox_delivery order by id desc limit 200""")
                .query(rs -> {
                    deliveries.append("<tr class=\"outcome-").append(rs.getString("outcome").toLowerCase()).append("\">")
                            .append(cells(time(rs.getTimestamp("received_at")), rs.getString("idempotency_key"), rs.getString("party_ref"),
                                    rs.getObject("version") == null ? "" : String.valueOf(rs.getLong("version")),
                                    rs.getObject("attempt") == null ? "" : String.valueOf(rs.getInt("attempt")),
                                    outcome(rs.getString("outcome")))).append("</tr>");
                });
        return page("呼和浩特平台（沙箱）收到的数据", """
                <h1>%s · 沙箱</h1>
                <p>演示环境：这是呼和浩特平台收到的激活请求和诚信库同步。Demo only: what Hohhot's platform received.</p>
                <p><a href="login" id="link-login">统一认证登录（主体登录）</a> · <a href="member-login" id="link-member-login">会员端 CA 锁登录</a></p>
                %s
                <h2>会员（激活）/ Members (activations)</h2>
                <table id="members"><thead><tr><th>会员账号</th><th>主体标识</th><th>名称</th><th>证件</th><th>手机</th><th>证书序列号</th><th>激活时间</th><th>诚信库</th></tr></thead>
                <tbody>%s</tbody></table>
                <h2>诚信库同步 / Integrity sync deliveries</h2>
                <table id="deliveries"><thead><tr><th>收到时间</th><th>Idempotency-Key</th><th>主体标识</th><th>版本</th><th>投递次数</th><th>处理结果</th></tr></thead>
                <tbody>%s</tbody></table>""".formatted(esc(PLATFORM), outageForm(), members.length() == 0 ? "<tr><td colspan=\"8\">尚无 / none</td></tr>" : members,
                deliveries.length() == 0 ? "<tr><td colspan=\"6\">尚无 / none</td></tr>" : deliveries));
    }

    private String outageForm() {
        boolean down = sandbox.down();
        return "<form method=\"post\" action=\"outage\"><p id=\"outage\">" + (down
                ? "状态：<strong>模拟故障中（503）</strong> — 同步会由发件箱重试。Down: deliveries are retried.</p>"
                + "<input type=\"hidden\" name=\"down\" value=\"false\"><button type=\"submit\" class=\"button\" id=\"outage-end\">恢复服务 / Back up</button>"
                : "状态：正常。Up.</p><input type=\"hidden\" name=\"down\" value=\"true\">"
                + "<button type=\"submit\" class=\"button\" id=\"outage-start\">模拟故障 / Go down</button>") + "</form>";
    }

    // ---- Hohhot as a relying party of the tenant's OpenID Connect provider (NMG-11) ---------------------------------

    /** Hohhot's initiate_login_uri: the portal (or a person) starts Hohhot's login here; {@code iss} names the portal. */
    @GetMapping(value = HohhotSandbox.PREFIX + "/login")
    ResponseEntity<String> login(@RequestParam(required = false) String iss, HttpServletRequest request) {
        HohhotSettings config = sandbox.requireOn();
        String origin = origin(request);
        if (iss != null && !iss.isBlank() && !stripSlash(iss).equals(origin)) {
            return html(HttpStatus.BAD_REQUEST, page("登录失败", "<h1>登录失败</h1><p>发起登录的统一认证平台不是本平台信任的（iss）。Unknown issuer.</p>"));
        }
        if (config.oidcClientId() == null) {
            return html(HttpStatus.SERVICE_UNAVAILABLE, page("尚未配置", "<h1>尚未配置</h1><p>呼和浩特平台尚未登记为统一认证的客户端（hohhotOidcClientId）。"
                    + "Hohhot is not registered as a relying party.</p>"));
        }
        String state = random();
        String verifier = random();
        String nonce = random();
        String browser = random();
        String redirectUri = callbackUri(request);
        jdbc.sql("delete from nmg_hohhot_sandbox_login where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("""
                        insert into nmg_hohhot_sandbox_login (secret_hash, kind, browser_hash, verifier, nonce, redirect_uri, expires_at)
                        values (?, 'STATE', ?, ?, ?, ?, ?)""")
                .params(sha256Hex(state), sha256Hex(browser), verifier, nonce, redirectUri, Timestamp.from(clock.instant().plus(LOGIN_TTL))).update();
        URI location = UriComponentsBuilder.fromUriString(origin + "/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", config.oidcClientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", SCOPE)
                .queryParam("state", state)
                .queryParam("nonce", nonce)
                .queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(location)
                .header(HttpHeaders.SET_COOKIE, cookie(request, browser, LOGIN_TTL.toSeconds()).toString()).build();
    }

    /** The portal sends the browser back with a code: exchange it, read who logs in, ask for 确认登录. */
    @GetMapping(value = HohhotSandbox.PREFIX + "/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                                    @RequestParam(required = false) String error,
                                    @CookieValue(name = COOKIE, required = false) String browser, HttpServletRequest request) {
        HohhotSettings config = sandbox.requireOn();
        Optional<Map<String, String>> pending = take("STATE", state, browser);
        if (pending.isEmpty()) {
            return failed("登录请求无效、已使用或已超时，请重新从统一认证平台进入。The login request is unknown, used or expired.");
        }
        if (error != null) {
            return failed("access_denied".equals(error) ? "您未同意授权，未登录呼和浩特平台。You did not consent; not signed in."
                    : "统一认证平台返回错误：" + error + "。The portal answered with an error.");
        }
        if (code == null || code.isBlank() || code.length() > 1024) {
            return failed("统一认证平台未返回授权码。No authorization code.");
        }
        JsonNode claims;
        try {
            claims = exchange(request, config, code, pending.get());
        } catch (IOException | RuntimeException e) {
            log.info("Hohhot sandbox: the code exchange at the tenant's provider failed: {}", e.toString());
            return failed("换取令牌失败：" + e.getMessage() + "。The code exchange failed.");
        }
        String ticket = random();
        jdbc.sql("""
                        insert into nmg_hohhot_sandbox_login (secret_hash, kind, browser_hash, claims, expires_at)
                        values (?, 'TICKET', ?, ?, ?)""")
                .params(sha256Hex(ticket), sha256Hex(browser), claims.toString(), Timestamp.from(clock.instant().plus(LOGIN_TTL))).update();
        JsonNode party = claims.path("huren_party");
        JsonNode certificate = claims.path("huren_certificate");
        String identifier = party.has("resident_id") ? party.path("resident_id").asText() : party.path("uscc").asText();
        return html(HttpStatus.OK, page("第三方交易平台信息确认", """
                <h1>第三方交易平台信息确认</h1>
                <p>您将以下列主体身份登录 <strong>%s</strong>。You are about to sign in to Hohhot's platform as:</p>
                <dl class="details" id="party">
                  <dt>主体名称</dt><dd id="party-name">%s</dd>
                  <dt>主体类型</dt><dd>%s</dd>
                  <dt>证件号码</dt><dd>%s</dd>
                  <dt>主体标识</dt><dd id="party-ref">%s</dd>
                  <dt>证书序列号</dt><dd id="certificate-serial">%s</dd>
                </dl>
                <form method="post" action="confirm"><input type="hidden" name="ticket" value="%s">
                <button type="submit" class="button primary" id="confirm-login">确认登录</button></form>""".formatted(esc(PLATFORM),
                esc(party.path("name").asText(claims.path("name").asText())), esc(kind(party.path("type").asText())), esc(mask(identifier)),
                esc(claims.path("sub").asText()), esc(certificate.path("serial").asText()), esc(ticket))));
    }

    /** 确认登录: the member home page, with the account Hohhot holds for the party (activated by our plugin at consent). */
    @PostMapping(value = HohhotSandbox.PREFIX + "/confirm")
    ResponseEntity<String> confirm(@RequestParam(required = false) String ticket, @CookieValue(name = COOKIE, required = false) String browser,
                                   HttpServletRequest request) {
        sandbox.requireOn();
        Optional<Map<String, String>> taken = take("TICKET", ticket, browser);
        if (taken.isEmpty()) {
            return failed("确认已失效，请重新登录。The confirmation expired; sign in again.");
        }
        JsonNode claims = parse(taken.get().get("claims"));
        String partyRef = claims.path("sub").asText();
        String name = claims.path("huren_party").path("name").asText(claims.path("name").asText());
        ResponseEntity<String> home = home(partyRef, name, "统一认证登录 / single sign-on");
        return ResponseEntity.status(home.getStatusCode()).headers(home.getHeaders())
                .header(HttpHeaders.SET_COOKIE, cookie(request, "", 0).toString()).body(home.getBody());
    }

    // ---- the member client's certificate login (NMG-13) -----------------------------------------------------------

    @GetMapping(value = HohhotSandbox.PREFIX + "/member-login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> memberLogin() {
        sandbox.requireOn();
        String nonce = random();
        jdbc.sql("delete from nmg_hohhot_sandbox_login where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("insert into nmg_hohhot_sandbox_login (secret_hash, kind, nonce, expires_at) values (?, 'NONCE', ?, ?)")
                .params(sha256Hex(nonce), nonce, Timestamp.from(clock.instant().plus(NONCE_TTL))).update();
        String page = page("会员端登录", """
                <h1>%s · 会员端登录</h1>
                <p>插入 CA 锁，输入密码登录。须已在自治区 CA 互认系统绑定该证书，并已通过统一认证登录激活本平台。
                Insert your key and enter its PIN; the key must be bound and the platform activated.</p>
                <form method="post" action="member-login" id="member-login" data-nonce="%s" data-signer="%s">
                  <input type="hidden" name="nonce" value="%s">
                  <label>CA 锁密码 / PIN <input type="password" id="pin" autocomplete="off"></label>
                  <button type="button" class="button primary" id="sign-in-with-key">立即登录</button>
                  <details><summary>无本地签名服务时 / without a local signer</summary>
                    <p>待签名数据 / challenge: <code id="challenge">%s</code></p>
                    <label>证书 (PEM 或 Base64) <textarea name="certificate" id="certificate" rows="4"></textarea></label>
                    <label>签名 (Base64) <textarea name="signature" id="signature" rows="3"></textarea></label>
                    <button type="submit" class="button" id="submit-signed">提交</button>
                  </details>
                  <p id="message" role="status"></p>
                </form>
                <script src="/js/local-signer.js"></script>
                <script src="member-login.js"></script>""".formatted(esc(PLATFORM), esc(nonce), esc(LOCAL_SIGNER), esc(nonce), esc(nonce)));
        // the portal's policy, plus the key's local signer on this computer (scripts only from this origin)
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
                        + "connect-src 'self' " + LOCAL_SIGNER + "; frame-ancestors 'none'; form-action 'self'")
                .body(page);
    }

    /** The member-login page's script (no inline scripts under the portal's policy). */
    @GetMapping(value = HohhotSandbox.PREFIX + "/member-login.js", produces = "text/javascript")
    String memberLoginScript() {
        sandbox.requireOn();
        return """
                document.getElementById('sign-in-with-key').addEventListener('click', function () {
                  var form = document.getElementById('member-login');
                  HurenSigner.sign(form.dataset.signer, form.dataset.nonce, document.getElementById('pin').value).then(function (r) {
                    if (r.error) {
                      document.getElementById('message').textContent = r.error === 'pin' ? 'CA锁密码错误' : '请确认插入CA锁并安装驱动';
                      return;
                    }
                    document.getElementById('certificate').value = r.certificate;
                    document.getElementById('signature').value = r.signature;
                    form.submit();
                  });
                });
                """;
    }

    /**
     * The member client's key login: Hohhot checks the key's signature over its own challenge, asks our plugin whether
     * the certificate is bound and its party activated (NMG-13, a signed request as its API client), and finds its member
     * by the certificate it was activated with.
     */
    @PostMapping(value = HohhotSandbox.PREFIX + "/member-login")
    ResponseEntity<String> memberLoginSubmit(@RequestParam(required = false) String nonce, @RequestParam(required = false) String certificate,
                                             @RequestParam(required = false) String signature, HttpServletRequest request) {
        HohhotSettings config = sandbox.requireOn();
        Optional<Map<String, String>> challenge = take("NONCE", nonce, null);
        if (challenge.isEmpty() || certificate == null || certificate.isBlank() || signature == null || signature.isBlank()) {
            return failed("登录请求无效或已超时，请刷新页面后重新登录。The login request is invalid or expired.");
        }
        Optional<MemberKeys.Key> key = MemberKeys.verify(certificate, nonce, signature);
        if (key.isEmpty()) {
            return failed("CA 锁签名验证未通过，请重新登录。The key's signature does not verify.");
        }
        if (config.syncClientId() == null || config.sandboxSyncSecret() == null) {
            return failed("呼和浩特平台尚未登记为 API 客户端（hohhotSyncClientId、hohhotSandboxSyncSecret）。Hohhot has no API client.");
        }
        byte[] body = JSON.createObjectNode().put("certificate", key.get().pem()).put("nonce", nonce).put("signature", signature.strip())
                .toString().getBytes(StandardCharsets.UTF_8);
        String path = "/api/t/" + tenant.require().code() + "/plugins/neimenggu" + MEMBER_LOGIN_CHECK;
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String requestNonce = random();
        String canonical = String.join("\n", "POST", path, "", sha256Hex(body), timestamp, requestNonce);
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + request.getLocalPort() + path)).timeout(config.timeout())
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .header("X-Huren-Client", config.syncClientId()).header("X-Huren-Timestamp", timestamp)
                            .header("X-Huren-Nonce", requestNonce)
                            .header("X-Huren-Signature", HohhotWebhookCheck.hmac(config.sandboxSyncSecret(), canonical.getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return failed("CA 互认系统暂时无法连接，请稍后重试。The CA mutual-recognition system is not reachable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("登录中断。Interrupted.");
        }
        JsonNode result = parse(answer.body());
        if (answer.statusCode() / 100 != 2 || !result.path("allowed").asBoolean(false)) {
            String reason = result.path("reasonZh").asText(result.path("detail").asText(result.path("title").asText("HTTP " + answer.statusCode())));
            return failed("不能登录：" + reason);
        }
        Optional<String[]> member = jdbc.sql("select party_ref, name from nmg_hohhot_sandbox_member where cert_fingerprint = ?")
                .param(key.get().fingerprint()).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        return home(member.map(m -> m[0]).orElse(""), member.map(m -> m[1]).orElse(key.get().subject()), "会员端 CA 锁登录 / member client, key");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private ResponseEntity<String> home(String partyRef, String name, String how) {
        Optional<String> account = jdbc.sql("select account from nmg_hohhot_sandbox_member where party_ref = ?").param(partyRef)
                .query(String.class).optional();
        return html(HttpStatus.OK, page(PLATFORM + "— 已登录", """
                <h1>%s— 已登录</h1>
                <dl class="details" id="member">
                  <dt>主体名称</dt><dd id="member-name">%s</dd>
                  <dt>主体标识</dt><dd id="member-party-ref">%s</dd>
                  <dt>会员账号</dt><dd id="member-account">%s</dd>
                  <dt>登录方式</dt><dd>%s</dd>
                </dl>%s""".formatted(esc(PLATFORM), esc(name), esc(partyRef), esc(account.orElse("未激活")), esc(how),
                account.isPresent() ? "" : "<p id=\"not-activated\">本平台尚未激活：请通过自治区 CA 互认系统“主体登录”进入授权，选择本平台并确认登录。"
                        + "Not activated yet: sign in through the portal and authorise this platform first.</p>")));
    }

    /** Exchanges the code at the tenant's token endpoint (this server, on the tenant's host) and checks the ID token. */
    private JsonNode exchange(HttpServletRequest request, HohhotSettings config, String code, Map<String, String> pending) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.get("redirect_uri"));
        form.put("client_id", config.oidcClientId());
        form.put("code_verifier", pending.get("verifier"));
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String hostHeader = hostHeader(request);
        LoopbackHttp.Answer answer = LoopbackHttp.post(request.getLocalPort(), hostHeader, "/oauth2/token", "application/x-www-form-urlencoded",
                encoded.getBytes(StandardCharsets.US_ASCII), config.timeout());
        JsonNode token = parse(new String(answer.body(), StandardCharsets.UTF_8));
        if (answer.status() != 200) {
            throw new IOException("token endpoint HTTP " + answer.status() + " " + token.path("error").asText(""));
        }
        String idToken = token.path("id_token").asText("");
        String[] parts = idToken.split("\\.");
        if (parts.length != 3) {
            throw new IOException("no id_token");
        }
        // received directly from the provider over this server's own connection, so its claims are taken as they are
        JsonNode claims = parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        JsonNode aud = claims.path("aud");
        boolean audience = aud.isArray() ? List.of(JSON.convertValue(aud, String[].class)).contains(config.oidcClientId())
                : config.oidcClientId().equals(aud.asText());
        if (!origin(request).equals(stripSlash(claims.path("iss").asText())) || !audience
                || !pending.get("nonce").equals(claims.path("nonce").asText())
                || !claims.path("sub").asText("").matches(HohhotSandbox.PARTY_REF)) {
            throw new IOException("id_token not for this login (iss, aud, nonce or sub)");
        }
        return claims;
    }

    /** Takes a pending row once (deleted as it is read), if unexpired and (when bound) presented by the same browser. */
    private Optional<Map<String, String>> take(String kind, String secret, String browser) {
        if (secret == null || secret.isBlank() || secret.length() > 128) {
            return Optional.empty();
        }
        Optional<Map<String, String>> row = jdbc.sql("""
                        delete from nmg_hohhot_sandbox_login where secret_hash = ? and kind = ? and expires_at > ?
                        returning browser_hash, verifier, nonce, redirect_uri, claims""")
                .params(sha256Hex(secret), kind, Timestamp.from(clock.instant()))
                .query((rs, i) -> {
                    Map<String, String> m = new java.util.HashMap<>();
                    for (String c : List.of("browser_hash", "verifier", "nonce", "redirect_uri", "claims")) {
                        m.put(c, rs.getString(c));
                    }
                    return m;
                }).optional();
        if (row.isPresent() && row.get().get("browser_hash") != null
                && (browser == null || !MessageDigest.isEqual(row.get().get("browser_hash").getBytes(StandardCharsets.US_ASCII),
                sha256Hex(browser).getBytes(StandardCharsets.US_ASCII)))) {
            return Optional.empty();
        }
        return row;
    }

    private String callbackUri(HttpServletRequest request) {
        return origin(request) + "/api/t/" + tenant.require().code() + "/plugins/neimenggu" + HohhotSandbox.PREFIX + "/callback";
    }

    private ResponseCookie cookie(HttpServletRequest request, String value, long maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                .path("/api/t/" + tenant.require().code() + "/plugins/neimenggu" + HohhotSandbox.PREFIX).maxAge(maxAge).build();
    }

    private ResponseEntity<String> failed(String message) {
        return html(HttpStatus.BAD_REQUEST, page("登录失败", "<h1>" + esc(PLATFORM) + "</h1><p id=\"error\">" + esc(message) + "</p>"));
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(body);
    }

    private String page(String title, String content) {
        return """
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="/css/portal.css"><link rel="stylesheet" href="/t/%s/theme.css"></head>
                <body><main class="page">%s</main></body></html>""".formatted(esc(title), esc(tenant.require().code()), content);
    }

    static String origin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || "http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static String hostHeader(HttpServletRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? host : request.getServerName();
    }

    private static String row(String... values) {
        return "<tr>" + cells(values) + "</tr>";
    }

    private static String cells(String... values) {
        StringBuilder s = new StringBuilder();
        for (String v : values) {
            s.append("<td>").append(esc(v)).append("</td>");
        }
        return s.toString();
    }

    private static String outcome(String outcome) {
        return switch (outcome) {
            case "APPLIED" -> "已应用 APPLIED";
            case "NOT_NEWER" -> "未应用：版本不新于已有 NOT_NEWER";
            case "DUPLICATE" -> "重复投递（已处理过）DUPLICATE";
            case "SIGNATURE_INVALID" -> "拒绝：签名无效 SIGNATURE_INVALID";
            case "STALE" -> "拒绝：时间戳过期 STALE";
            case "DIGEST_MISMATCH" -> "拒绝：摘要不符 DIGEST_MISMATCH";
            case "UNKNOWN_MEMBER" -> "拒绝：会员未激活 UNKNOWN_MEMBER";
            case "UNAVAILABLE" -> "未处理：模拟故障（503）UNAVAILABLE";
            default -> "拒绝：格式错误 " + outcome;
        };
    }

    private static String kind(String kind) {
        return "ENTERPRISE".equals(kind) ? "法人" : "NATURAL_PERSON".equals(kind) ? "自然人" : String.valueOf(kind);
    }

    static String mask(String id) {
        if (id == null || id.length() < 8) {
            return id == null ? "" : "****";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    private static String maskPhone(String phone) {
        return phone == null || phone.length() < 7 ? (phone == null ? "" : "****") : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    private static String time(Timestamp t) {
        return t == null ? "" : t.toInstant().toString();
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static JsonNode parse(String s) {
        try {
            JsonNode n = s == null ? null : JSON.readTree(s);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256Hex(String value) {
        return IntegritySnapshot.sha256Hex(value);
    }

    private static String sha256Hex(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
