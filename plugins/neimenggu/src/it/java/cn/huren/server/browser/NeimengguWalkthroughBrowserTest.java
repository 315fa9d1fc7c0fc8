package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.SmartLifecycle;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Inner Mongolia portal path in a real Chromium on a phone, on a tenant set up as the demo's nmg: USB-key login
 * of an unregistered natural person → 自然人绑定 → progress → 主体登录 (certificate, 进入授权, picker, 确认登录) →
 * registry intake with a failed 提交信息, the fix on the core's basic-information page, then 验证通过.
 * Screenshots: target/screenshots/nmg-*.png (copied to docs/images).
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguWalkthroughBrowserTest {

    static final String T = "nmgw";
    static final String HOST = T + ".localhost";
    static final String SANDBOX = "/api/t/" + T + "/plugins/neimenggu/sandbox/hohhot/";
    /** application-it.yml: the USB-key login page's local signer. */
    static final int SIGNER_PORT = 28765;
    static final String PIN = "123456";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;

    @Autowired
    List<SmartLifecycle> lifecycles;

    Browser browser;
    String hohhotClientId;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        // as DemoTenants onboards nmg: the sandbox on, 自然人绑定 for unregistered keys, the picker's registry is the intake
        Map<String, Object> body = Tenants.with(Tenants.body(T, "neimenggu", HOST), "config", Map.of(
                "regionCode", "150100", "hohhotSandbox", true,
                "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                "core.platformPicker.registryPath", "/p/neimenggu/registry",
                "core.registration.path", "/p/neimenggu/binding"));
        body = Tenants.with(body, "branding", Map.of("title", "自治区公共资源交易主体信息库", "primaryColor", "#0b7a75"));
        HttpApi.Reply onboarded = op.post("/api/platform/tenants", body);
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
        // Hohhot listed in the picker, as demo mode registers it
        HttpApi.Reply hohhot = op.post("/api/platform/tenants/" + T + "/oidc-clients", Map.of("name", "呼和浩特市公共资源交易平台（新版）",
                "redirectUris", List.of("http://" + HOST + ":" + port + SANDBOX + "callback"), "scopes", List.of("openid", "profile"),
                "publicClient", true, "listed", true, "initiateLoginUri", "http://" + HOST + ":" + port + SANDBOX + "login"));
        assertThat(hohhot.status()).as(hohhot.body()).isEqualTo(201);
        hohhotClientId = hohhot.json().get("clientId").asText();
        // Hohhot's 诚信库 API client: the sync's webhook is the sandbox (as demo mode registers it)
        HttpApi.Reply sync = op.post("/api/platform/tenants/" + T + "/clients", Map.of("name", "呼和浩特市公共资源交易平台（新版）诚信库",
                "scopes", List.of("registry:read"), "webhookUrl", "http://127.0.0.1:" + port + SANDBOX + "integrity-webhook"));
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        HttpApi.Reply configured = op.patch("/api/platform/tenants/" + T + "/config", Map.of("hohhotOidcClientId", hohhotClientId,
                "hohhotSyncClientId", sync.json().get("clientId").asText(), "hohhotSandboxSyncSecret", sync.json().get("secret").asText()));
        assertThat(configured.status()).as(configured.body()).isBetween(200, 204);
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        outbox().stop();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("NMG-02, NMG-05, NMG-07, NMG-08, NMG-10, NMG-11, NMG-15, NMG-16, NMG-18: on a phone — key login of an unregistered person → 自然人绑定 → progress → 主体登录 → the picker's registry → 提交信息 lists what is missing → fixed → 验证通过 → Hohhot through the picker → both documents sealed → sync → the comparison complete")
    void portalPathOnAPhone() throws Exception {
        SentCodes sent = new SentCodes(sms, T);
        String residentId = "150102198806150030";
        String mobile = "13847100035";
        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(T, "PERSON", residentId, "巴特尔").status()).isEqualTo(201);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", DemoCaClient.BC)
                .generateCertificate(new ByteArrayInputStream(key.certificate.getBytes(StandardCharsets.US_ASCII)));

        browser.resize(390, 844);
        // 1. 读取证书: the USB key through the local signer; not registered → 自然人绑定
        try (LocalSigner signer = LocalSigner.start(SIGNER_PORT, certificate, key.key.getPrivate(), PIN, "KEY-NMG-0030")) {
            browser.go(HOST, "/login/ukey");
            browser.type("#pin", PIN);
            browser.click("#ukey-submit");
            browser.waitForPath("/p/neimenggu/binding");
        }
        assertThat(browser.text("#cert-holder")).isEqualTo("巴特尔");
        assertThat(browser.text("#cert-holder-id")).isEqualTo("1501**********0030");
        assertThat(browser.text("#cert-serial")).isEqualToIgnoringCase(certificate.getSerialNumber().toString(16));
        assertThat(browser.driver.getPageSource()).doesNotContain(residentId);
        shot("nmg-binding-certificate");

        browser.type("#mobile", mobile);
        browser.submit("#send-code");
        browser.find("#code-sent");
        browser.type("#code", sent.next(mobile));
        browser.type("#email", "bateer@example.com");
        shot("nmg-binding-filled");
        browser.submit("#confirm-binding");
        browser.waitForPath("/p/neimenggu/progress");
        browser.find("#bound-notice");
        assertThat(state("BINDING")).isEqualTo("DONE");
        assertThat(state("REGISTRY")).isEqualTo("CURRENT");
        assertThat(state("HOHHOT")).isEqualTo("LOCKED");
        assertThat(state("SYNC")).isEqualTo("LOCKED");
        shot("nmg-progress-bound");

        // 2. 主体登录: the certificate's details → 进入授权 → the picker → this portal's registry → 确认登录
        browser.go(HOST, "/platforms");
        assertThat(browser.text("#cert-holder")).contains("巴特尔");
        shot("nmg-platforms-certificate");
        browser.submit("#enter-authorization");
        browser.waitForPath("/platforms/choose");
        String platforms = browser.text("#platform-list");
        assertThat(platforms).contains("自治区公共资源交易主体信息库", "呼和浩特市公共资源交易平台（新版）");
        assertThat(platforms.indexOf("自治区公共资源交易主体信息库")).isLessThan(platforms.indexOf("呼和浩特市公共资源交易平台"));
        shot("nmg-platforms-choose");
        browser.submit("#platform-registry a");
        browser.waitForPath("/platforms/registry");
        assertThat(browser.text("#confirm-text")).contains("自治区公共资源交易主体信息库", "巴特尔");
        shot("nmg-platforms-confirm");
        browser.submit("#confirm-login");
        browser.waitForPath("/p/neimenggu/registry");
        assertThat(browser.text("#edit-info")).isEqualTo("修改信息");
        assertThat(browser.text("#documents")).isEqualTo("电子件管理");
        shot("nmg-registry");

        // 3. 下一步 → 提交信息 with the address missing → the list → 修改信息 → 提交信息 again → 验证通过
        browser.submit("#next");
        browser.waitForPath("/p/neimenggu/registry/review");
        assertThat(browser.text("#field-contactPhone")).contains("138****0035");
        assertThat(browser.text("#field-address")).contains("（未填写）");
        shot("nmg-registry-review");
        browser.submit("#submit-info");
        assertThat(browser.text("#refusal")).contains("验证未通过");
        assertThat(browser.text("#missing-address")).contains("地址：必填");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#missing li"))).hasSize(1);
        shot("nmg-registry-missing");
        browser.submit("#missing-address a");
        browser.waitForPath("/registry/basic-info");
        if (!browser.find("#role-BIDDER").isSelected()) {
            browser.click("#role-BIDDER");
        }
        // the core's basic information also needs a contact person (binding filled mobile and e-mail only)
        if (browser.find("#contactName").getAttribute("value").isBlank()) {
            browser.type("#contactName", "巴特尔");
        }
        browser.type("#address", "呼和浩特市新城区示例路 1 号");
        shot("nmg-basic-info");
        browser.submit("#save");
        browser.waitForPath("/overview");
        browser.go(HOST, "/p/neimenggu/registry");
        browser.submit("#next");
        assertThat(browser.text("#field-address")).contains("呼和浩特市新城区示例路 1 号");
        browser.submit("#submit-info");
        browser.waitForPath("/p/neimenggu/registry");
        assertThat(browser.text("#validated")).contains("验证通过");
        shot("nmg-registry-validated");

        browser.go(HOST, "/p/neimenggu/progress");
        assertThat(state("REGISTRY")).isEqualTo("DONE");
        assertThat(state("HOHHOT")).isEqualTo("CURRENT");
        shot("nmg-progress-registry-done");

        // 4. Hohhot activation through the picker: 确认授权 → the sandbox's 第三方交易平台信息确认 → 确认登录
        browser.go(HOST, "/platforms");
        browser.submit("#enter-authorization");
        browser.submit("#platform-" + hohhotClientId + " a");
        browser.waitForPath("/oauth2/consent");
        assertThat(browser.text("#consent-client")).contains("呼和浩特市公共资源交易平台（新版）");
        shot("nmg-hohhot-consent");
        browser.submit("#consent-allow");
        browser.waitForPath("/sandbox/hohhot/callback");
        assertThat(browser.driver.getPageSource()).contains("第三方交易平台信息确认", "巴特尔");
        browser.screenshot("nmg-hohhot-confirm"); // the sandbox stands in for Hohhot: its layout is not ours
        browser.submit("#confirm-login");
        assertThat(browser.text("#member-account")).startsWith("HHHT-");
        assertThat(browser.driver.getPageSource()).contains("已登录").doesNotContain("未激活");
        browser.screenshot("nmg-hohhot-home");
        browser.go(HOST, "/p/neimenggu/hohhot");
        assertThat(browser.text("#hohhot-state")).contains("已激活");
        shot("nmg-hohhot-activated");

        // 单位信息: both documents sealed with the person's key (a .p7s uploaded), then the sync and the comparison
        browser.submit("#to-unit-info");
        browser.waitForPath("/p/neimenggu/unit-info");
        assertThat(browser.find("#sync-button").isEnabled()).as("NMG-16: no sync before both seals").isFalse();
        shot("nmg-unit-info-unsealed");
        for (String document : List.of("pledge", "notice")) {
            byte[] content = download(browser.find("#download-" + document).getAttribute("href"));
            Path p7s = Files.createTempFile("nmg-" + document, ".p7s");
            Files.write(p7s, seal(content, certificate, key.key.getPrivate()));
            browser.find("#file-" + document).sendKeys(p7s.toAbsolutePath().toString());
            browser.submit("#seal-" + document);
            assertThat(browser.text("#state-" + document)).isEqualTo("已签章");
            assertThat(browser.text("#signer-" + document)).contains("巴特尔");
        }
        assertThat(browser.text("#doc-pledge h3")).isEqualTo("诚信承诺书");
        assertThat(browser.text("#doc-notice h3")).isEqualTo("平台使用告知书");
        scrollTo("#doc-notice");
        shot("nmg-unit-info-sealed");
        outbox().start();
        assertThat(browser.text("#sync-button")).isEqualTo("同步内蒙古主体库诚信信息");
        browser.submit("#sync-button");
        browser.find("#done");
        scrollTo("#sync");
        shot("nmg-sync-submitted");
        // the outbox delivers to the sandbox; the comparison reads what it holds (reloaded until it is complete)
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> {
            browser.go(HOST, "/p/neimenggu/unit-info?compare");
            return browser.find("#comparison-message").getAttribute("class").contains("flash");
        });
        assertThat(browser.driver.findElements(By.cssSelector("#comparison tr.match-CONSISTENT"))).isNotEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#comparison tr.match-MISSING, #comparison tr.match-DIFFERENT"))).isEmpty();
        assertThat(browser.text("#cmp-field-address td")).as("labelled, not the field's name").isEqualTo("地址");
        scrollTo("#comparison");
        shot("nmg-sync-comparison");

        browser.go(HOST, "/p/neimenggu/progress");
        assertThat(List.of(state("BINDING"), state("REGISTRY"), state("HOHHOT"), state("SYNC"))).containsOnly("DONE");
        browser.find("#intake-complete");
        shot("nmg-progress-complete");
        browser.resize(1280, 900);
        browser.go(HOST, "/p/neimenggu/progress");
        browser.find("#intake-steps");
        browser.screenshot("nmg-progress-desktop");
    }

    /** The outbox dispatcher, off in the shared test server: started for the sync, stopped after this class. */
    private SmartLifecycle outbox() {
        return lifecycles.stream().filter(l -> l.getClass().getSimpleName().startsWith("OutboxDispatcher")).findFirst().orElseThrow();
    }

    /** What 下载文书 gives, with the browser's session. */
    private byte[] download(String href) throws Exception {
        Cookie session = browser.driver.manage().getCookieNamed("SESSION");
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(PortalSignIn.loopback(href)
                .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    /** A detached CMS (SM3withSM2, signer certificate included), DER: what the key's sealing tool saves as .p7s. */
    private static byte[] seal(byte[] content, X509Certificate certificate, PrivateKey key) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                .setProvider(DemoCaClient.BC).build()).build(new JcaContentSignerBuilder("SM3withSM2")
                .setProvider(DemoCaClient.BC).build(key), certificate));
        generator.addCertificate(new JcaX509CertificateHolder(certificate));
        return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    /** Brings a part of a long page into the phone's view for its screenshot. */
    private void scrollTo(String css) {
        browser.driver.executeScript("arguments[0].scrollIntoView();", browser.find(css));
    }

    private String state(String step) {
        return browser.find("#step-" + step).getAttribute("data-state");
    }

    /** A phone screenshot of a page that must not scroll sideways. */
    private void shot(String name) {
        browser.screenshot(name);
        assertThat(browser.fitsWidth()).as(name + " fits the phone's width").isTrue();
    }
}
