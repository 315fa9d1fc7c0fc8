package cn.huren.server.plugins.neimenggu;

import static cn.huren.server.plugins.neimenggu.NmgPageBrowser.csrf;
import static cn.huren.server.plugins.neimenggu.NmgPageBrowser.find;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The intake's portal pages in a browser session opened with a USB-key certificate login (path mode). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguIntakePagesTest {

    static final String T = "nmgp";
    static final String BASE = "/t/" + T;

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body(T, "neimenggu")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("NMG-02, NMG-04, NMG-05, NMG-10: the pages — progress shows where the person stands, 读取证书 shows the key's certificate, 确认申请 binds and goes on, binding again goes straight to progress, 提交信息 lists what is missing")
    void pages() throws Exception {
        NmgPageBrowser anonymous = new NmgPageBrowser(port, T);
        HttpResponse<String> toLogin = anonymous.get(BASE + "/p/neimenggu/progress");
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith(BASE + "/login");
        HttpResponse<String> unbinding = anonymous.get(BASE + "/p/neimenggu/unbinding");
        assertThat(unbinding.statusCode()).as("open without a sign-in: the key is lost").isEqualTo(200);
        assertThat(unbinding.body()).contains("CA证书解绑", "id=\"residentId\"");
        HttpResponse<String> unknownId = anonymous.post(BASE + "/p/neimenggu/unbinding/code", Map.of("residentId", "150102198003070029",
                "_csrf", csrf(unbinding.body())));
        assertThat(unknownId.statusCode()).isEqualTo(200);
        assertThat(unknownId.body()).as("answered as for a registered ID, no number shown").contains("id=\"code-sent\"")
                .doesNotContain("****");
        HttpResponse<String> refused = anonymous.post(BASE + "/p/neimenggu/unbinding", Map.of("residentId", "150102198003070029",
                "code", "123456", "reason", "原 CA 锁遗失", "keyLost", "true", "_csrf", csrf(unknownId.body())));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"code-error\"", "身份证号或短信验证码不正确");

        SentCodes sent = new SentCodes(sms, T);
        String id = "150102198003070010";
        String mobile = "13800001234";
        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(T, "PERSON", id, "页示例").status()).isEqualTo(201);
        NmgPageBrowser browser = new NmgPageBrowser(port, T);
        browser.signIn(key, "TEST-MEDIUM-1");

        HttpResponse<String> binding = browser.get(BASE + "/p/neimenggu/binding");
        assertThat(binding.statusCode()).as(binding.body()).isEqualTo(200);
        assertThat(binding.body()).contains("自然人绑定", "页示例", "1501**********0010", "确认申请").doesNotContain(id);

        HttpResponse<String> codeSent = browser.post(BASE + "/p/neimenggu/binding/code", Map.of("mobile", mobile, "email", "",
                "_csrf", csrf(binding.body())));
        assertThat(codeSent.statusCode()).isEqualTo(200);
        assertThat(codeSent.body()).contains("id=\"code-sent\"");
        HttpResponse<String> wrongMail = browser.post(BASE + "/p/neimenggu/binding", Map.of("mobile", mobile, "code", "12345",
                "email", "nope", "_csrf", csrf(codeSent.body())));
        assertThat(wrongMail.statusCode()).isEqualTo(200);
        assertThat(wrongMail.body()).contains("id=\"code-error\"", "id=\"email-error\"");
        HttpResponse<String> bound = browser.post(BASE + "/p/neimenggu/binding", Map.of("mobile", mobile, "code", sent.next(mobile),
                "email", "page@example.com", "_csrf", csrf(wrongMail.body())));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(302);
        assertThat(bound.headers().firstValue("Location").orElseThrow()).contains(BASE + "/p/neimenggu/progress");

        HttpResponse<String> progress = browser.get(BASE + "/p/neimenggu/progress?bound");
        assertThat(progress.body()).contains("id=\"step-BINDING\"", "data-state=\"DONE\"", "id=\"bound-notice\"")
                .contains("href=\"" + BASE + "/p/neimenggu/registry\"");
        assertThat(find(progress.body(), "id=\"step-REGISTRY\"[^>]*data-state=\"([A-Z]+)\"")).isEqualTo("CURRENT");
        HttpResponse<String> again = browser.get(BASE + "/p/neimenggu/binding");
        assertThat(again.statusCode()).as("NMG-04: bound already, straight on").isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith(BASE + "/p/neimenggu/progress");

        HttpResponse<String> registry = browser.get(BASE + "/p/neimenggu/registry");
        assertThat(registry.body()).contains("自治区主体信息库", "href=\"" + BASE + "/registry/basic-info\"", "修改信息", "电子件管理", "下一步");
        HttpResponse<String> review = browser.get(BASE + "/p/neimenggu/registry/review");
        assertThat(review.body()).contains("id=\"field-address\"", "（未填写）", "138****1234", "提交信息");
        HttpResponse<String> failed = browser.post(BASE + "/p/neimenggu/registry/submission", Map.of("_csrf", csrf(review.body())));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("验证未通过", "id=\"missing-address\"", "地址");
    }

}
