package cn.huren.server.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.review.Reviewers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Inner Mongolia intake up to 验证通过 through the plugin's API, with demo-CA certificates of natural persons:
 * 自然人绑定, the order of the steps, the lost key's unbinding with a reviewer, registry intake.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguIntakeTest {

    static final String T = "nmgi";
    static final String PLUGIN = "/api/t/" + T + "/plugins/neimenggu";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    cn.huren.plugin.api.EmailSender email;
    @Autowired
    cn.huren.server.tenancy.TenantDirectory tenantDirectory;
    @Autowired
    cn.huren.server.tenancy.TenantData tenantData;
    SentCodes sent;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body(T, "neimenggu")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
        assertThat(op.post("/api/platform/tenants", Tenants.body("jsi", "jiangsu")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/jsi/demo-ca", null).status()).isEqualTo(200);
    }

    @BeforeEach
    void codes() {
        sent = new SentCodes(sms, T);
    }

    @Test
    @DisplayName("NMG-05, X-05: 自然人绑定 — the certificate read from the key login is shown (ID masked), the mobile is confirmed by SMS code, the e-mail added, 确认申请 binds and the progress moves on to the registry")
    void bindsNaturalPerson() throws Exception {
        Person p = person();
        JsonNode state = p.get("/me/binding").json();
        assertThat(state.get("status").asText()).isEqualTo("OPEN");
        assertThat(state.at("/certificate/holderName").asText()).isEqualTo(p.name);
        assertThat(state.at("/certificate/holderIdMasked").asText()).startsWith(p.residentId.substring(0, 4))
                .endsWith(p.residentId.substring(14)).doesNotContain(p.residentId.substring(4, 14));
        assertThat(state.at("/certificate/serial").asText()).isNotBlank();

        Reply bound = bind(p);
        assertThat(bound.status()).as(bound.body()).isEqualTo(201);
        assertThat(bound.json().get("status").asText()).isEqualTo("BOUND");
        assertThat(bound.json().at("/binding/mobileMasked").asText()).isEqualTo(p.mobile.substring(0, 3) + "****" + p.mobile.substring(7));

        JsonNode progress = p.login().get("/me/progress").json();
        assertThat(states(progress)).containsExactly("DONE", "CURRENT", "LOCKED", "LOCKED");
        assertThat(progress.get("next").asText()).isEqualTo("/p/neimenggu/registry");
    }

    @Test
    @DisplayName("NMG-04: a person already bound goes straight on — a new session of the same key finds the binding, binding again binds nothing new")
    void alreadyBoundGoesOn() throws Exception {
        Person p = person();
        assertThat(bind(p).status()).isEqualTo(201);
        Person again = p.login();
        JsonNode state = again.get("/me/binding").json();
        assertThat(state.get("status").asText()).isEqualTo("BOUND");
        assertThat(state.get("next").asText()).isEqualTo("progress");
        Reply second = again.post("/me/binding", Map.of("mobile", "13900000000", "code", "000000", "email", "x@example.com"));
        assertThat(second.status()).as("no second binding, no code asked").isEqualTo(200);
        assertThat(second.json().at("/binding/mobileMasked").asText()).isEqualTo(p.mobile.substring(0, 3) + "****" + p.mobile.substring(7));
    }

    @Test
    @DisplayName("NMG-05: 自然人绑定 only — an enterprise's certificate is refused")
    void enterpriseRefused() throws Exception {
        DemoCaClient company = new DemoCaClient(port, "SM2");
        assertThat(company.enroll(T, "ENTERPRISE", DemoCaClient.uscc("91150100MA1NM%04d".formatted(SEQ.incrementAndGet())), "呼市示例公司")
                .status()).isEqualTo(201);
        Person c = new Person(company, company.login(T).json().get("token").asText(), null, null, null);
        assertThat(c.get("/me/binding").json().get("status").asText()).isEqualTo("NOT_NATURAL_PERSON");
        Reply refused = c.post("/me/binding", Map.of("mobile", "13900000001", "code", "123456", "email", "c@example.com"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("not-natural-person");
    }

    @Test
    @DisplayName("NMG-05: a wrong SMS code or a bad e-mail is refused field by field and nothing is bound")
    void wrongCodeStoresNothing() throws Exception {
        Person p = person();
        assertThat(p.post("/me/binding/code", Map.of("mobile", p.mobile)).status()).isEqualTo(202);
        String code = sent.next(p.mobile);
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        Reply wrong = p.post("/me/binding", Map.of("mobile", p.mobile, "code", wrongCode, "email", p.email));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().get("type").asText()).endsWith("code-wrong");
        Reply badMail = p.post("/me/binding", Map.of("mobile", p.mobile, "code", code, "email", "not-an-address"));
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.body()).contains("email");

        assertThat(p.get("/me/binding").json().get("status").asText()).isEqualTo("OPEN");
        assertThat(states(p.get("/me/progress").json())).containsExactly("CURRENT", "LOCKED", "LOCKED", "LOCKED");
        assertThat(p.post("/me/binding", Map.of("mobile", p.mobile, "code", code, "email", p.email)).status())
                .as("the right code was not used up by the refusals").isEqualTo(201);
    }

    @Test
    @DisplayName("NMG-02: registry intake before the CA binding is refused 409 intake-order — unregistered, and registered in the core but not bound here")
    void registryBeforeBindingRefused() throws Exception {
        Person p = person();
        Reply unregistered = p.post("/me/registry/submission", null);
        assertThat(unregistered.status()).isEqualTo(409);
        assertThat(unregistered.json().get("type").asText()).endsWith("intake-order");

        assertThat(p.send("POST", "/api/t/" + T + "/me/register", null).status()).isEqualTo(201);
        Reply registered = p.login().post("/me/registry/submission", null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(409);
        assertThat(registered.json().get("type").asText()).endsWith("intake-order");
        assertThat(registered.json().get("detail").asText()).contains("CA证书绑定");
    }

    @Test
    @DisplayName("NMG-10, NMG-09: 提交信息 lists what is missing field by field, then after 修改信息 answers 验证通过 and the intake moves on to Hohhot")
    void registryIntake() throws Exception {
        Person p = person();
        assertThat(bind(p).status()).isEqualTo(201);
        Person me = p.login();

        Reply incomplete = me.post("/me/registry/submission", null);
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
        assertThat(incomplete.json().get("type").asText()).endsWith("intake-incomplete");
        List<String> missing = incomplete.json().findValuesAsText("field");
        assertThat(missing).as("binding filled mobile and e-mail; the address is missing").containsExactly("fields.address");
        assertThat(incomplete.body()).contains("地址", "Address");
        assertThat(states(me.get("/me/progress").json())).containsExactly("DONE", "CURRENT", "LOCKED", "LOCKED");

        Reply saved = me.send("PUT", "/api/t/" + T + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市新城区示例路 1 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        Reply passed = me.post("/me/registry/submission", null);
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        assertThat(passed.json().get("status").asText()).isEqualTo("验证通过");
        assertThat(passed.json().get("validatedVersion").asLong()).isPositive();
        assertThat(states(me.get("/me/progress").json())).containsExactly("DONE", "DONE", "CURRENT", "LOCKED");
    }

    @Test
    @DisplayName("NMG-06: unbinding a lost key needs the SMS to the bound mobile and a reviewer's approval; before it the key is bound, after it the binding and the old key's sessions end (401), and the person binds a new key")
    void unbindingNeedsReviewerApproval() throws Exception {
        Person p = person();
        assertThat(bind(p).status()).isEqualTo(201);
        Person oldSession = p.login();
        HttpApi anonymous = HttpApi.anonymous(port);

        String unknownId = residentId();
        var unknown = anonymous.post(PLUGIN + "/unbinding/code", Map.of("residentId", unknownId));
        var known = anonymous.post(PLUGIN + "/unbinding/code", Map.of("residentId", p.residentId));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).as("never tells whether an ID is registered").isEqualTo(known.body());
        String code = sent.next(p.mobile);

        var unknownRefused = anonymous.post(PLUGIN + "/unbinding", Map.of("residentId", unknownId, "code", code,
                "reason", "原 CA 锁遗失", "keyLost", true));
        assertThat(unknownRefused.status()).isEqualTo(400);
        assertThat(unknownRefused.json().get("type").asText()).endsWith("identity-not-confirmed");
        var noDeclaration = anonymous.post(PLUGIN + "/unbinding", Map.of("residentId", p.residentId, "code", code,
                "reason", "原 CA 锁遗失", "keyLost", false));
        assertThat(noDeclaration.status()).isEqualTo(400);
        assertThat(noDeclaration.body()).contains("keyLost");

        var submitted = anonymous.post(PLUGIN + "/unbinding", Map.of("residentId", p.residentId, "code", code,
                "reason", "原 CA 锁遗失", "keyLost", true));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String token = submitted.json().get("token").asText();
        assertThat(anonymous.get(PLUGIN + "/unbinding/" + token).json().get("status").asText()).isEqualTo("OPEN");
        assertThat(((cn.huren.server.notification.DevMailSink) email).recent(T)).as("the bound e-mail hears of the request at once")
                .anySatisfy(m -> assertThat(m.message().to()).isEqualTo(p.email));

        // before the reviewer decides: still bound, the old key's session still works
        assertThat(oldSession.get("/me/binding").json().get("status").asText()).isEqualTo("BOUND");
        assertThat(oldSession.send("GET", "/api/t/" + T + "/me", null).status()).isEqualTo(200);

        HttpApi reviewer = Reviewers.of(port, T);
        JsonNode item = null;
        for (JsonNode i : reviewer.get("/api/review/" + T + "/items?status=OPEN&size=100").json().get("items")) {
            if (i.get("kind").asText().equals("neimenggu.unbinding") && i.get("summary").asText().contains(p.name)) {
                item = i;
            }
        }
        assertThat(item).as("on the tenant's review queue").isNotNull();
        String details = reviewer.browser().get("/console/reviews/" + T + "/items/" + item.get("id").asText()).body();
        assertThat(details).contains("原 CA 锁遗失", p.residentId.substring(0, 4)).doesNotContain(p.residentId).doesNotContain(p.mobile);
        var approved = reviewer.post("/api/review/" + T + "/items/" + item.get("id").asText() + "/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        assertThat(oldSession.send("GET", "/api/t/" + T + "/me", null).status()).as("the old key's session ended").isEqualTo(401);
        JsonNode status = anonymous.get(PLUGIN + "/unbinding/" + token).json();
        assertThat(status.get("status").asText()).isEqualTo("APPROVED");
        assertThat(status.get("history").findValuesAsText("status")).containsExactly("OPEN", "APPROVED");
        String requestId = cn.huren.server.tenancy.TenantContext.callAs(tenantDirectory.require(T), () -> tenantData.jdbc()
                .sql("select max(id) from nmg_unbinding_request where status = 'APPROVED'").query(Long.class).single().toString());
        assertThat(cn.huren.server.tenancy.TenantContext.callAs(tenantDirectory.require(T), () -> tenantData.jdbc()
                .sql("select action || ' ' || actor from ledger_entry where record_type = 'neimenggu.unbinding' and record_id = ? order by seq")
                .param(requestId).query(String.class).list()))
                .as("the request's history is on the tenant's ledger").containsExactly("OPEN person", "APPROVED reviewer:" + Reviewers.name(T));

        DemoCaClient newKey = new DemoCaClient(port, "SM2");
        assertThat(newKey.enroll(T, "PERSON", p.residentId, p.name).status()).isEqualTo(201);
        // a new mobile too (the old number's codes are rate-limited for a minute)
        Person renewed = new Person(newKey, newKey.login(T).json().get("token").asText(), p.residentId, p.name, "137" + p.mobile.substring(3));
        Reply rebound = bind(renewed);
        assertThat(rebound.status()).as(rebound.body()).isEqualTo(201);
        assertThat(states(renewed.login().get("/me/progress").json()).get(0)).isEqualTo("DONE");
    }

    @Test
    @DisplayName("NMG-06: the unbinding code is limited per client address (10 an hour, then 429), whether the ID is registered or not")
    void unbindingCodeLimitedPerAddress() {
        HttpApi anonymous = HttpApi.anonymous(port);
        try {
            int accepted = 0;
            int status = 202;
            while (status == 202 && accepted <= 10) {
                status = anonymous.post(PLUGIN + "/unbinding/code", Map.of("residentId", residentId())).status();
                if (status == 202) {
                    accepted++;
                }
            }
            assertThat(status).isEqualTo(429);
            assertThat(accepted).as("earlier tests of this server may have used some of this address's hour").isLessThanOrEqualTo(10);
        } finally {
            // give the address its hour back: the other tests of this server ask for codes from it too
            cn.huren.server.tenancy.TenantContext.runAs(tenantDirectory.require(T),
                    () -> tenantData.jdbc().sql("delete from nmg_unbinding_code_request").update());
        }
    }

    @Test
    @DisplayName("NMG-06: a rejected unbinding keeps the binding and the key's sessions; the status page shows the reviewer's reason; one open request per person")
    void rejectedUnbindingKeepsBinding() throws Exception {
        Person p = person();
        assertThat(bind(p).status()).isEqualTo(201);
        Person session = p.login();
        HttpApi anonymous = HttpApi.anonymous(port);
        assertThat(anonymous.post(PLUGIN + "/unbinding/code", Map.of("residentId", p.residentId)).status()).isEqualTo(202);
        var submitted = anonymous.post(PLUGIN + "/unbinding", Map.of("residentId", p.residentId, "code", sent.next(p.mobile),
                "reason", "证书疑似遗失", "keyLost", true));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String token = submitted.json().get("token").asText();

        HttpApi reviewer = Reviewers.of(port, T);
        long item = -1;
        int open = 0;
        for (JsonNode i : reviewer.get("/api/review/" + T + "/items?status=OPEN&size=100").json().get("items")) {
            if (i.get("kind").asText().equals("neimenggu.unbinding") && i.get("summary").asText().contains(p.name)) {
                item = i.get("id").asLong();
                open++;
            }
        }
        assertThat(open).isEqualTo(1);
        var rejected = reviewer.post("/api/review/" + T + "/items/" + item + "/reject", Map.of("reason", "请本人携身份证到窗口办理"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

        assertThat(session.get("/me/binding").json().get("status").asText()).isEqualTo("BOUND");
        assertThat(session.send("GET", "/api/t/" + T + "/me", null).status()).isEqualTo(200);
        JsonNode status = anonymous.get(PLUGIN + "/unbinding/" + token).json();
        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(status.get("decisionReason").asText()).isEqualTo("请本人携身份证到窗口办理");
        assertThat(status.get("history").findValuesAsText("status")).containsExactly("OPEN", "REJECTED");
        var page = anonymous.browser().get("/t/" + T + "/p/neimenggu/unbinding/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-status=\"REJECTED\"", "请本人携身份证到窗口办理");
        assertThat(anonymous.get(PLUGIN + "/unbinding/not-a-token").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a Jiangsu person reaches no Inner Mongolia endpoint or page (404)")
    void otherTenantsGetNothing() throws Exception {
        DemoCaClient js = new DemoCaClient(port, "SM2");
        assertThat(js.enroll("jsi", "PERSON", residentId(), "苏示例").status()).isEqualTo(201);
        String token = js.login("jsi").json().get("token").asText();
        Person p = new Person(js, token, null, null, null);
        for (String path : List.of("/me/progress", "/me/binding", "/me/registry")) {
            assertThat(p.send("GET", "/api/t/jsi/plugins/neimenggu" + path, null).status()).as(path).isEqualTo(404);
        }
        assertThat(p.send("POST", "/api/t/jsi/plugins/neimenggu/me/registry/submission", null).status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).post("/api/t/jsi/plugins/neimenggu/unbinding/code", Map.of("residentId", residentId()))
                .status()).isEqualTo(404);
        for (String page : List.of("/progress", "/binding", "/registry", "/unbinding")) {
            assertThat(HttpApi.anonymous(port).browser().get("/t/jsi/p/neimenggu" + page).status()).as(page).isEqualTo(404);
        }
    }

    // --- fixtures

    private Reply bind(Person p) throws Exception {
        assertThat(p.post("/me/binding/code", Map.of("mobile", p.mobile)).status()).isEqualTo(202);
        return p.post("/me/binding", Map.of("mobile", p.mobile, "code", sent.next(p.mobile), "email", p.email));
    }

    private static List<String> states(JsonNode progress) {
        return progress.get("steps").findValuesAsText("state");
    }

    /** A natural person of the tenant with a demo-CA certificate, signed in with it (not registered yet). */
    private Person person() {
        int n = SEQ.incrementAndGet();
        String id = residentId();
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        String name = "蒙示例" + n;
        assertThat(holder.enroll(T, "PERSON", id, name).status()).isEqualTo(201);
        return new Person(holder, holder.login(T).json().get("token").asText(), id, name, "139%08d".formatted(40000000 + n));
    }

    private static String residentId() {
        String base = "150102198002%02d%03d".formatted(1 + SEQ.get() % 28, SEQ.incrementAndGet() % 1000);
        return DemoCaClient.residentId(base);
    }

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    /** A certificate holder's bearer session. */
    final class Person {
        final DemoCaClient key;
        final String token;
        final String residentId;
        final String name;
        final String mobile;
        final String email;

        Person(DemoCaClient key, String token, String residentId, String name, String mobile) {
            this.key = key;
            this.token = token;
            this.residentId = residentId;
            this.name = name;
            this.mobile = mobile;
            this.email = mobile == null ? null : "p" + mobile + "@example.com";
        }

        /** A new session of the same key. */
        Person login() {
            return new Person(key, key.login(T).json().get("token").asText(), residentId, name, mobile);
        }

        Reply get(String pluginPath) throws Exception {
            return send("GET", PLUGIN + pluginPath, null);
        }

        Reply post(String pluginPath, Object body) throws Exception {
            return send("POST", PLUGIN + pluginPath, body);
        }

        Reply send(String method, String path, Object body) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }
    }
}
