package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A party keeps its registry through the portal pages, in a real Chromium. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryPagesBrowserTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";
    static final String HOST = "rgp.localhost";
    /** A 1×1 PNG, as evidence. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient sql;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("登记测试 CA", KeyAlgorithm.EC);
    final Issued holder = ca.issue(Subject.of("登记页面测试有限公司", null, Map.of(OID_USCC, RegisteredParties.uscc(601))));
    Browser browser;

    @BeforeAll
    void setUp() throws Exception {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("rgp", "jiangsu", HOST));
        op.post("/api/platform/tenants/rgp/cas", Map.of("name", "EC CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID_USCC)));
        browser = Browser.open(port);
        PortalSignIn.scanAndConfirm(browser, HOST, holder);
        browser.waitForPath("/register");
        browser.click("#agree");
        browser.submit("#register-submit");
        browser.waitForPath("/registry/basic-info");
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    long ledgerEntries() {
        return sql.sql("select count(*) from tenant_rgp.ledger_entry").query(Long.class).single();
    }

    @Test
    @Order(1)
    @DisplayName("JS-07, X-10: basic information first (the rest refused until then); the verified name is read-only; a missing field is shown inline and nothing is saved")
    void basicInformationFirst() {
        browser.go(HOST, "/registry/records/bank-account");
        assertThat(browser.text("h1")).isNotEqualTo("企业银行账户"); // JS-07: refused until basic information exists
        browser.go(HOST, "/registry/basic-info");
        assertThat(browser.find("#name").getAttribute("readonly")).isNotNull();
        long before = ledgerEntries();
        browser.click("#role-BIDDER");
        browser.type("#legalRepresentative", "王五");
        browser.type("#contactName", "李四");
        browser.type("#contactPhone", "13800138000");
        browser.submit("#save");
        assertThat(browser.text("#problem")).contains("有误");
        assertThat(ledgerEntries()).isEqualTo(before);
        assertThat(browser.find("#contactName").getAttribute("value")).isEqualTo("李四");
        browser.click("#role-BIDDER");
        browser.type("#address", "南京市玄武区");
        browser.submit("#save");
        browser.waitForPath("/overview");
        assertThat(browser.text("#notice")).isEqualTo("已保存。");
        assertThat(browser.text("#count-certificates strong")).isEqualTo("1");
        assertThat(ledgerEntries()).isEqualTo(before + 1);
    }

    @Test
    @Order(2)
    @DisplayName("X-01, JS-21, JS-22: a bank account through its lifecycle shows only the buttons each status allows; a void needs a reason only; history shows evidence stamps")
    void bankAccountLifecycle() {
        browser.go(HOST, "/registry/records/bank-account");
        browser.submit("#new-record");
        browser.type("#f-bankName", "中国银行南京分行");
        browser.type("#f-accountName", "登记页面测试有限公司");
        browser.type("#f-accountNumber", "12ab");
        long before = ledgerEntries();
        browser.submit("#save");
        assertThat(browser.text("#error-f-accountNumber")).isEqualTo("应为 8 至 32 位数字");
        assertThat(browser.find("#f-bankName").getAttribute("value")).isEqualTo("中国银行南京分行");
        assertThat(ledgerEntries()).isEqualTo(before);

        browser.type("#f-accountNumber", "6217 0000 1234 5678");
        browser.submit("#save");
        assertThat(browser.text("#status")).isEqualTo("编辑中");
        assertButtons("#save", "#submit", "#delete");
        browser.submit("#submit");
        assertThat(browser.text("#status")).isEqualTo("提交成功");
        assertButtons("#void-submit");
        assertThat(browser.driver.findElements(By.cssSelector("#void-evidence"))).isEmpty();

        browser.submit("#void-submit");
        assertThat(browser.text("#problem")).contains("有误");
        assertThat(browser.text("#status")).isEqualTo("提交成功");
        browser.type("#void-reason-input", "账户已销户");
        browser.submit("#void-submit");
        assertThat(browser.text("#status")).isEqualTo("作废");
        assertButtons();
        assertThat(browser.text("#void-reason")).isEqualTo("账户已销户");
        List<WebElement> stamps = browser.driver.findElements(By.cssSelector("#history .stamp code"));
        assertThat(stamps).hasSize(3);
        assertThat(stamps.get(0).getText()).matches("#\\d+ [0-9a-f]{64}");
        browser.screenshot("registry-voided-bank-account");
    }

    @Test
    @Order(3)
    @DisplayName("X-01, JS-50: voiding a qualification needs evidence; the uploaded file is kept with the void; a disguised file is refused")
    void voidWithEvidence() throws Exception {
        browser.go(HOST, "/registry/records/qualification/new");
        browser.find("#f-board option[value=TRANSPORT]").click();
        browser.type("#f-name", "公路工程施工总承包");
        browser.type("#f-certificateNumber", "D132000001");
        browser.type("#f-issuer", "江苏省交通运输厅");
        browser.submit("#submit");
        assertThat(browser.text("#status")).isEqualTo("提交成功");

        browser.type("#void-reason-input", "资质已注销");
        browser.submit("#void-submit");
        assertThat(browser.text("#status")).isEqualTo("提交成功");

        Path fake = Files.createTempFile("evidence", ".png");
        Files.writeString(fake, "MZ not an image");
        browser.type("#void-reason-input", "资质已注销");
        browser.find("#void-evidence").sendKeys(fake.toString());
        browser.submit("#void-submit");
        assertThat(browser.text("#problem")).contains("类型与内容不符");
        assertThat(browser.text("#status")).isEqualTo("提交成功");

        Path png = Files.createTempFile("evidence", ".png");
        Files.write(png, PNG);
        browser.type("#void-reason-input", "资质已注销");
        browser.find("#void-evidence").sendKeys(png.toString());
        browser.submit("#void-submit");
        assertThat(browser.text("#status")).isEqualTo("作废");
        assertThat(browser.text("#void-details")).contains(png.getFileName().toString());
    }

    @Test
    @Order(4)
    @DisplayName("JS-71, JS-20: a person is submitted, then their education is kept under them; the overview counts the person")
    void personnelWithEducation() {
        browser.go(HOST, "/registry/records/personnel/new");
        browser.type("#f-name", "赵六");
        browser.type("#f-residentId", "11010519491231002X");
        browser.find("#f-employment option[value=IN_SERVICE]").click();
        browser.submit("#save");
        assertThat(browser.driver.findElements(By.cssSelector("#add-person-education"))).isEmpty();
        browser.submit("#submit");
        browser.submit("#add-person-education");
        browser.type("#f-school", "东南大学");
        browser.type("#f-degree", "本科");
        browser.setValue("#f-graduatedOn", "2010-06-30");
        browser.submit("#submit");
        assertThat(browser.text("#status")).isEqualTo("提交成功");
        browser.submit("#back-to-person");
        assertThat(browser.text("#person-person-education")).contains("东南大学");
        browser.submit("#nav-overview");
        assertThat(browser.text("#count-personnel strong")).isEqualTo("1");
        browser.screenshot("registry-overview");
    }

    @Test
    @Order(5)
    @DisplayName("JS-26, JS-29, JS-31, JS-36, JS-43, JS-47, JS-49: a project is corrected and given a manager under construction, completed into a track record, voided back to editing and resubmitted")
    void projectToTrackRecordAndBack() throws Exception {
        Path png = Files.createTempFile("proof", ".png");
        Files.write(png, PNG);
        browser.go(HOST, "/registry/projects/new");
        browser.find("#board option[value=TRANSPORT]").click();
        browser.type("#f-name", "宁杭高速扩建工程");
        browser.type("#f-owner", "江苏交通控股");
        browser.submit("#submit");
        assertThat(browser.text("#status")).isEqualTo("提交成功");
        assertThat(browser.text("#stage")).isEqualTo("在建");
        assertThat(browser.driver.findElements(By.cssSelector("#delete"))).isEmpty();

        browser.type("#f-location", "南京");
        browser.submit("#correct");
        assertThat(browser.text("#notice")).isEqualTo("已保存。");
        assertThat(browser.find("#f-location").getAttribute("value")).isEqualTo("南京");

        browser.find("#manager-select option:nth-child(2)").click();
        browser.submit("#manager-submit");
        assertThat(browser.text("#problem")).contains("有误");
        browser.find("#manager-select option:nth-child(2)").click();
        browser.find("#manager-evidence").sendKeys(png.toString());
        browser.submit("#manager-submit");
        assertThat(browser.text("#manager")).isEqualTo("赵六");

        browser.type("#contract-contractNumber", "NH-2024-001");
        browser.type("#contract-contractAmount", "-125000000.00");
        browser.setValue("#contract-signedOn", "2022-03-01");
        browser.submit("#complete-submit");
        assertThat(browser.text("#error-contract-completedOn")).isNotBlank();
        assertThat(browser.text("#error-contract-completionDocuments")).isNotBlank();
        assertThat(browser.text("#error-contract-contractAmount")).as("a contract amount is never negative").isEqualTo("金额不能为负数");
        browser.type("#contract-contractNumber", "NH-2024-001");
        browser.type("#contract-contractAmount", "125000000.00");
        browser.setValue("#contract-signedOn", "2022-03-01");
        browser.setValue("#contract-completedOn", "2024-06-30");
        browser.find("#documents").sendKeys(png.toString());
        browser.submit("#complete-submit");
        browser.waitForPath("/registry/track-records");
        assertThat(browser.text("#track-records")).contains("宁杭高速扩建工程").contains("NH-2024-001").contains("正常");

        browser.find(".void-reason").sendKeys("合同金额有误");
        browser.find(".void-evidence").sendKeys(png.toString());
        browser.submit(".void-submit");
        assertThat(browser.text("#track-records")).contains("作废").contains("合同金额有误");

        browser.submit("#track-records a");
        assertThat(browser.text("#status")).isEqualTo("编辑中");
        assertThat(browser.text("#stage")).isEqualTo("在建");
        browser.submit("#submit");
        browser.go(HOST, "/registry/track-records");
        assertThat(browser.driver.findElements(By.cssSelector("#track-records tbody tr"))).hasSize(2);
        browser.submit("#nav-overview");
        assertThat(browser.text("#count-track-records strong")).isEqualTo("1");
        assertThat(browser.text("#count-projects strong")).isEqualTo("1");
    }

    @Test
    @Order(6)
    @DisplayName("a form overtaken by a change made through the API is refused with 该信息已被他人修改, saves nothing and shows what is saved now")
    void staleFormsAreRefused() throws Exception {
        PartyClient api = new PartyClient(port);
        String token = api.login("rgp", holder);
        JsonNode record = PartyClient.json(api.call("POST", "rgp", "/records/award", token,
                Map.of("data", Map.of("name", "鲁班奖", "issuer", "中国建筑业协会"))));
        staleForm("/registry/records/award/" + record.get("id").asLong(), "#f-name", "#save",
                () -> api.call("PUT", "rgp", "/records/award/" + record.get("id").asLong(), token,
                        Map.of("data", Map.of("name", "詹天佑奖", "issuer", "中国土木工程学会"))), "詹天佑奖");
        assertThat(PartyClient.json(api.call("GET", "rgp", "/records/award/" + record.get("id").asLong(), token, null))
                .get("data").get("name").asText()).isEqualTo("詹天佑奖");

        JsonNode project = PartyClient.json(api.call("POST", "rgp", "/projects", token,
                Map.of("board", "ENTERPRISE", "data", Map.of("name", "示例办公楼", "owner", "某市机关事务局"))));
        staleForm("/registry/projects/" + project.get("id").asLong(), "#f-owner", "#submit",
                () -> api.call("PUT", "rgp", "/projects/" + project.get("id").asLong(), token,
                        Map.of("data", Map.of("name", "示例办公楼", "owner", "某区住建局"))), "某区住建局");
        assertThat(browser.text("#status")).isEqualTo("编辑中");

        staleForm("/registry/basic-info", "#contactName", "#save", () -> api.call("PUT", "rgp", "/basic-info", token,
                Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五", "address", "南京市玄武区", "contactName", "周八",
                        "contactPhone", "13800138000")), "周八");
        browser.screenshot("registry-stale-form");
    }

    /** Opens the form, lets the API change the same thing, then saves the form: refused, nothing saved, the API's value shown. */
    private void staleForm(String page, String field, String button, Callable<HttpResponse<String>> apiChange, String apiValue)
            throws Exception {
        browser.go(HOST, page);
        browser.type(field, "页面上的修改");
        assertThat(apiChange.call().statusCode()).isEqualTo(200);
        long before = ledgerEntries();
        browser.submit(button);
        assertThat(browser.text("#problem")).isEqualTo("该信息已被他人修改，请刷新后重试。");
        assertThat(ledgerEntries()).isEqualTo(before);
        assertThat(browser.find(field).getAttribute("value")).isEqualTo(apiValue);
    }

    private void assertButtons(String... present) {
        List<String> all = List.of("#save", "#submit", "#delete", "#void-submit");
        for (String button : all) {
            boolean shown = !browser.driver.findElements(By.cssSelector(button)).isEmpty();
            assertThat(shown).as(button).isEqualTo(List.of(present).contains(button));
        }
    }
}
