package cn.huren.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The notice centre over /api/t/{tenant}/me/account/notices: each account sees and marks only its own notices. */
@IntegrationTest
class NoticesApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean onboarded;

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    TestClock clock;
    @Autowired
    Notices notices;

    AccountFixture accounts;

    @BeforeEach
    void tenants() {
        if (!onboarded) {
            HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("nota", "jiangsu"));
            HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("notb", "shanxi"));
            onboarded = true;
        }
        accounts = new AccountFixture(tenants, data, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    Reply call(String method, String tenant, String path, String token, String language) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/me/account/notices" + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept-Language", language);
            if (token != null) {
                r.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Notice notice(String zh, String en) {
        return new Notice(NoticeKind.REVIEW_APPROVED, zh, en, "正文" + zh, "Body " + en, "/t/nota/portal/account");
    }

    @Test
    @DisplayName("an account lists its own notices newest first, in its language, with the unread count; reads one, then all")
    void ownNotices() {
        AccountFixture.Account me = accounts.withoutParty("nota");
        AccountFixture.Account other = accounts.withoutParty("nota");
        tenants.callAs("nota", () -> notices.toAccount(me.id(), notice("审核通过一", "Approved one")));
        clock.move(Duration.ofMinutes(1));
        long second = tenants.callAs("nota", () -> notices.toAccount(me.id(), notice("审核通过二", "Approved two")));
        tenants.callAs("nota", () -> notices.toAccount(other.id(), notice("别人的", "Someone else's")));

        Reply list = call("GET", "nota", "", me.token(), "zh-CN");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isEqualTo(2);
        assertThat(list.json().path("unread").asLong()).isEqualTo(2);
        assertThat(list.json().path("items").findValuesAsText("title")).containsExactly("审核通过二", "审核通过一");
        assertThat(list.json().path("items").get(0).path("kind").asText()).isEqualTo("REVIEW_APPROVED");
        assertThat(list.json().path("items").get(0).path("link").asText()).isEqualTo("/t/nota/portal/account");
        assertThat(call("GET", "nota", "?page=0&size=1", me.token(), "en").json().path("items").findValuesAsText("title"))
                .containsExactly("Approved two");
        assertThat(call("GET", "nota", "?page=1&size=1", me.token(), "en").json().path("items").findValuesAsText("body"))
                .containsExactly("Body Approved one");

        Reply read = call("POST", "nota", "/" + second + "/read", me.token(), "en");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        assertThat(call("GET", "nota", "/unread-count", me.token(), "en").json().path("unread").asLong()).isEqualTo(1);

        Reply all = call("POST", "nota", "/read-all", me.token(), "en");
        assertThat(all.json().path("marked").asInt()).isEqualTo(1);
        assertThat(call("GET", "nota", "/unread-count", me.token(), "en").json().path("unread").asLong()).isZero();
        assertThat(call("GET", "nota", "/unread-count", other.token(), "en").json().path("unread").asLong())
                .as("read-all marks only the caller's").isEqualTo(1);
    }

    @Test
    @DisplayName("another account's notice id is 404 and stays unread; a bad page size is a validation problem")
    void othersNotices() {
        AccountFixture.Account me = accounts.withoutParty("nota");
        AccountFixture.Account other = accounts.withoutParty("nota");
        long theirs = tenants.callAs("nota", () -> notices.toAccount(other.id(), notice("别人的", "Theirs")));

        Reply read = call("POST", "nota", "/" + theirs + "/read", me.token(), "en");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().path("type").asText()).contains("notice-not-found");
        assertThat(call("GET", "nota", "", me.token(), "en").json().path("total").asLong()).isZero();
        assertThat(call("GET", "nota", "/unread-count", other.token(), "en").json().path("unread").asLong()).isEqualTo(1);
        assertThat(call("GET", "nota", "?size=1000", me.token(), "en").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("tenant A's account token on tenant B is 401; no token is 401")
    void otherTenant() {
        AccountFixture.Account a = accounts.withoutParty("nota");
        tenants.callAs("nota", () -> notices.toAccount(a.id(), notice("甲", "A")));

        assertThat(call("GET", "notb", "", a.token(), "en").status()).isEqualTo(401);
        assertThat(call("GET", "notb", "/unread-count", a.token(), "en").status()).isEqualTo(401);
        assertThat(call("GET", "nota", "", null, "en").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a party's notices reach the person's active account; an unknown account is refused; a link must be local")
    void toParty() {
        AccountFixture.Account person = accounts.withParty("nota", "张三");
        AccountFixture.Account bystander = accounts.withParty("nota", "李四");

        int reached = tenants.callAs("nota", () -> notices.toParty(person.partyId(),
                new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请", "Request to join", "李四申请加入", "Li Si asks to join")));

        assertThat(reached).isEqualTo(1);
        assertThat(call("GET", "nota", "", person.token(), "zh-CN").json().path("items").findValuesAsText("title")).containsExactly("加入企业申请");
        assertThat(call("GET", "nota", "", bystander.token(), "zh-CN").json().path("total").asLong()).isZero();
        assertThatThrownBy(() -> tenants.callAs("nota", () -> notices.toAccount(Long.MAX_VALUE, notice("无", "None"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice(NoticeKind.SYSTEM, "外链", "Away", "", "", "//evil.example/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice(NoticeKind.SYSTEM, "外链", "Away", "", "", "https://evil.example/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
