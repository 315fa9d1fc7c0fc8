package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.party.RegisteredParties;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Cookie;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Certificate login in a real Chromium: the QR page with a scan by "the app" (this test, signing
 * as the app would), and the USB-key page calling a local signer; then registration or activation.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateLoginBrowserTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";
    static final int SIGNER_PORT = 28765;

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("浏览器测试 SM2 CA", KeyAlgorithm.SM2);
    Browser browser;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("bwl", "jiangsu", "bwl.localhost"));
        op.post("/api/platform/tenants/bwl/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID_USCC)));
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    Issued certificate(String uscc) {
        return ca.issue(Subject.of("扫码测试有限公司", null, Map.of(OID_USCC, uscc)));
    }

    @Test
    @DisplayName("JS-11, JS-05, JS-04, JS-07: scan the QR code (shown as scanned), confirm in the app, register after accepting the agreement, then basic information")
    void qrLoginThenRegister() throws Exception {
        browser.go("bwl.localhost", "/login");
        browser.click("#method-mobile-ca a");
        browser.find("#qr");
        String payload = browser.find("#qr-payload").getAttribute("textContent");
        assertThat(decodeQr(browser.driver.manage().getCookieNamed("SESSION"), browser.find("#qr").getAttribute("src"))).isEqualTo(payload);
        Map<String, String> qr = PortalSignIn.payload(payload);
        assertThat(qr).containsEntry("tenant", "bwl").containsKeys("challenge", "nonce", "server");
        String api = qr.get("server") + "/api/t/bwl/login/challenges/" + qr.get("challenge");

        assertThat(PortalSignIn.post(api + "/scan", "{}").statusCode()).isEqualTo(200);
        assertThat(browser.waitForText("#login-status", "已扫码")).contains("请在手机上确认");
        browser.screenshot("login-qr-scanned");

        Issued holder = certificate(RegisteredParties.uscc(501));
        String message = "huren-login:bwl:" + qr.get("challenge") + ":" + qr.get("nonce");
        HttpResponse<String> answer = PortalSignIn.post(api + "/response", "{\"certificate\":\"" + holder.pem().replace("\n", "\\n")
                + "\",\"signature\":\"" + HolderSignatures.sign(holder, message) + "\",\"mediumId\":\"app-device-501\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"next\":\"REGISTER\"").contains("\"token\":null");

        browser.waitForPath("/register");
        assertThat(browser.text("#holder-id")).isEqualTo(RegisteredParties.uscc(501));
        browser.click("#register-submit");
        assertThat(browser.text("#form-error")).contains("用户注册协议");
        browser.click("#agree");
        browser.click("#register-submit");
        browser.waitForPath("/registry/basic-info");
        assertThat(browser.text("#signed-in")).isEqualTo("扫码测试有限公司");

        browser.click("#logout button");
        browser.waitForPath("/");
        browser.go("bwl.localhost", "/overview");
        browser.waitForPath("/login");
    }

    @Test
    @DisplayName("JS-06, JS-09, JS-12, JS-15, JS-16, JS-17, JS-18: the USB-key page signs through the local signer after its PIN; no signer tells to insert the key; an unreadable certificate tells to check the driver; an unregistered key is told 证书未注册 and registers after the agreement; an unbound key is activated")
    void usbKeyLoginAndActivation() throws Exception {
        String uscc = RegisteredParties.uscc(502);
        Issued first = certificate(uscc);
        Issued renewed = certificate(uscc);

        browser.go("bwl.localhost", "/login/ukey");
        browser.type("#pin", "123456");
        browser.click("#ukey-submit");
        assertThat(browser.waitForText("#login-status", "CA锁")).contains("请确认插入CA锁并安装驱动");
        try (LocalSigner broken = LocalSigner.unreadable(SIGNER_PORT, "123456")) {
            browser.go("bwl.localhost", "/login/ukey");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            assertThat(browser.waitForText("#login-status", "序列号")).as("JS-16").contains("获取证书序列号失败", "驱动");
        }

        try (LocalSigner key = LocalSigner.start(SIGNER_PORT, first.certificate(), first.privateKey(), "123456", "KEY-502-A")) {
            browser.go("bwl.localhost", "/login/ukey");
            browser.type("#pin", "000000");
            browser.click("#ukey-submit");
            browser.waitForText("#login-status", "密码错误");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            browser.waitForPath("/register");
            assertThat(browser.driver.getPageSource()).as("JS-09: the key is recognised but not registered").contains("证书未注册");
            browser.click("#agree");
            browser.click("#register-submit");
            browser.waitForPath("/registry/basic-info");
            browser.click("#logout button");
            browser.waitForPath("/");
        }
        try (LocalSigner key = LocalSigner.start(SIGNER_PORT, renewed.certificate(), renewed.privateKey(), "654321", "KEY-502-B")) {
            browser.go("bwl.localhost", "/login/ukey");
            browser.type("#pin", "654321");
            browser.click("#ukey-submit");
            browser.waitForPath("/activate");
            assertThat(browser.text("#cert-serial")).isEqualTo(renewed.certificate().getSerialNumber().toString(16).toUpperCase());
            browser.screenshot("login-activate");
            browser.click("#activate-submit");
            assertThat(browser.path()).endsWith("/activate");
            browser.type("#holderName", "张三");
            browser.click("#activate-submit");
            browser.waitForPath("/overview");

            // JS-73, JS-80: the renewed key is listed beside the primary; it may rename only itself
            browser.submit("#nav-certificates");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#certificates tbody tr"))).hasSize(2);
            assertThat(browser.text("#certificates")).contains("主锁").contains("生效中").contains("当前使用");
            browser.screenshot("certificates");
            browser.submit("#certificates tbody tr:nth-child(2) a");
            assertThat(browser.text("#serial")).isEqualTo(renewed.certificate().getSerialNumber().toString(16).toUpperCase());
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#void"))).isEmpty();
            browser.type("#holderName", "张三丰");
            browser.submit("#change-submit");
            assertThat(browser.text("#holder")).isEqualTo("张三丰");
        }
    }

    @Test
    @DisplayName("a challenge shown in one browser cannot be taken over by another, and its QR image is only for that browser")
    void handOffOnlyToTheBrowserThatAsked() throws Exception {
        browser.go("bwl.localhost", "/login/mobile");
        Map<String, String> qr = PortalSignIn.payload(browser.find("#qr-payload").getAttribute("textContent"));
        HttpApi other = HttpApi.anonymous(port).host("bwl.localhost").browser();
        assertThat(other.get("/login/qr/" + qr.get("challenge") + ".png").status()).isEqualTo(404);
    }

    private String decodeQr(Cookie session, String src) throws Exception {
        HttpRequest request = PortalSignIn.loopback(src).header("Cookie", session.getName() + "=" + session.getValue()).build();
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
