package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lost updates between requests: every record, project and party carries a version; GETs return it
 * as an ETag, changes honour If-Match (412 when stale, nothing changed, nothing on the ledger), and
 * two changes racing without If-Match never both succeed: the versioned write refuses the second.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostUpdatesTest {

    static final String OID = "1.2.156.10260.4.1.4";
    static final String TENANT = "lup1";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    static final Map<String, Object> BASIC_INFO = Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五",
            "address", "南京市", "contactName", "李四", "contactPhone", "13800138000");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient sql;

    @Autowired
    DataSource dataSource;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("版本 SM2 CA", KeyAlgorithm.SM2);
    final ExecutorService racers = Executors.newFixedThreadPool(2);
    PartyClient client;
    String token;

    @BeforeAll
    void setUp() throws Exception {
        client = new PartyClient(port);
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu"));
        op.post("/api/platform/tenants/" + TENANT + "/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID)));
        token = client.login(TENANT, ca.issue(Subject.of("版本测试有限公司", null, Map.of(OID, RegisteredParties.uscc(901)))));
        assertThat(call("POST", "/register", null).statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/basic-info", BASIC_INFO).statusCode()).isEqualTo(200);
    }

    @AfterAll
    void tearDown() {
        racers.shutdownNow();
    }

    HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return client.call(method, TENANT, path, token, body);
    }

    HttpResponse<String> call(String method, String path, Object body, String ifMatch) throws Exception {
        return client.call(method, TENANT, path, token, body, Map.of("If-Match", ifMatch));
    }

    static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + r.headers()));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r);
    }

    long ledgerEntries() {
        return sql.sql("select count(*) from tenant_" + TENANT + ".ledger_entry").query(Long.class).single();
    }

    /** 412 version-mismatch saying someone else changed it and what the current version is. */
    static void assertStale(HttpResponse<String> r, int current) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("type").asText()).isEqualTo("urn:huren:problem:version-mismatch");
        assertThat(json(r).get("detail").asText()).contains("someone else").contains("current version is " + current)
                .contains("\"v" + current + "\"");
    }

    String award(String name) throws Exception {
        HttpResponse<String> created = call("POST", "/records/award", Map.of("data", Map.of("name", name, "issuer", "中国建筑业协会",
                "awardedOn", "2022-11-01")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"v0\"");
        return "/records/award/" + json(created).get("id").asLong();
    }

    @Test
    @DisplayName("a record's GET carries its version as ETag; each change with a matching If-Match succeeds and returns the next one")
    void matchingIfMatch() throws Exception {
        String award = award("鲁班奖");
        HttpResponse<String> read = call("GET", award, null);
        assertThat(etag(read)).isEqualTo("\"v0\"");
        assertThat(json(read).get("version").asInt()).isZero();

        HttpResponse<String> edited = call("PUT", award, Map.of("data", Map.of("name", "詹天佑奖", "issuer", "中国土木工程学会",
                "awardedOn", "2023-01-01")), etag(read));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(etag(edited)).isEqualTo("\"v1\"");
        assertThat(json(edited).get("version").asInt()).isEqualTo(1);

        HttpResponse<String> submitted = call("POST", award + "/submit", null, "W/" + etag(edited));
        assertThat(submitted.statusCode()).as("a tag a proxy weakened still names the version: " + submitted.body()).isEqualTo(200);
        assertThat(etag(submitted)).isEqualTo("\"v2\"");
        String evidence = client.upload(TENANT, token, "证明.pdf", PDF);
        HttpResponse<String> voided = call("POST", award + "/void", Map.of("reason", "误报", "evidence", evidence), "\"v9\", \"v2\"");
        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(200);
        assertThat(etag(call("GET", award, null))).isEqualTo("\"v3\"").isEqualTo(etag(voided));

        String draft = award("待删除");
        assertThat(call("DELETE", draft, null, "\"v0\"").statusCode()).isEqualTo(204);
        assertThat(call("GET", draft, null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a stale If-Match on edit, submit, void or delete is refused with 412 naming the current version; the record and the ledger stay as they were")
    void staleRecord() throws Exception {
        String award = award("鲁班奖");
        String first = etag(call("GET", award, null));
        Map<String, Object> theirs = Map.of("name", "他人的修改", "issuer", "中国建筑业协会", "awardedOn", "2022-11-01");
        assertThat(call("PUT", award, Map.of("data", theirs), first).statusCode()).isEqualTo(200);

        long entries = ledgerEntries();
        assertStale(call("PUT", award, Map.of("data", Map.of("name", "我的修改")), first), 1);
        assertStale(call("POST", award + "/submit", null, first), 1);
        assertStale(call("DELETE", award, null, first), 1);
        assertStale(call("PUT", award, Map.of("data", Map.of("name", "我的修改")), "not-a-tag"), 1);
        JsonNode now = json(call("GET", award, null));
        assertThat(now.get("data").get("name").asText()).isEqualTo("他人的修改");
        assertThat(now.get("status").asText()).isEqualTo("DRAFT");
        assertThat(now.get("version").asInt()).isEqualTo(1);
        assertThat(ledgerEntries()).isEqualTo(entries);

        assertThat(call("POST", award + "/submit", null, "\"v1\"").statusCode()).isEqualTo(200);
        entries = ledgerEntries();
        assertStale(call("POST", award + "/void", Map.of("reason", "误报", "evidence", client.upload(TENANT, token, "证明.pdf", PDF)),
                "\"v1\""), 2);
        assertThat(json(call("GET", award, null)).get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(ledgerEntries()).isEqualTo(entries);
        assertThat(json(call("GET", award + "/history", null)).findValuesAsText("action")).containsExactly("CREATE", "UPDATE", "SUBMIT");
    }

    @Test
    @DisplayName("a project's ETag guards edit, submit, correction, manager change, completion and delete; stale ones are 412 and change nothing")
    void staleProject() throws Exception {
        Map<String, Object> data = Map.of("name", "示例大桥", "owner", "某市交通局");
        HttpResponse<String> created = call("POST", "/projects", Map.of("board", "TRANSPORT", "data", data));
        assertThat(etag(created)).isEqualTo("\"v0\"");
        String project = "/projects/" + json(created).get("id").asLong();
        assertThat(etag(call("GET", project, null))).isEqualTo("\"v0\"");
        assertThat(etag(call("PUT", project, Map.of("data", Map.of("name", "示例大桥", "owner", "某市交通局", "scale", "双向四车道")),
                "\"v0\""))).isEqualTo("\"v1\"");

        long entries = ledgerEntries();
        assertStale(call("PUT", project, Map.of("data", data), "\"v0\""), 1);
        assertStale(call("POST", project + "/submit", null, "\"v0\""), 1);
        assertThat(ledgerEntries()).isEqualTo(entries);
        assertThat(etag(call("POST", project + "/submit", null, "\"v1\""))).isEqualTo("\"v2\"");

        entries = ledgerEntries();
        Map<String, Object> correction = Map.of("data", Map.of("name", "示例大桥", "owner", "某市交通局", "scale", "双向六车道"));
        assertStale(call("POST", project + "/correct", correction, "\"v1\""), 2);
        assertStale(call("POST", project + "/manager", Map.of("personnelId", 1, "evidence", client.upload(TENANT, token, "证明.pdf", PDF)),
                "\"v1\""), 2);
        Map<String, Object> completion = Map.of("contract", Map.of("contractNumber", "HT-1", "contractAmount", "100.00",
                "signedOn", "2022-01-01", "completedOn", "2023-01-01"), "completionDocuments", List.of(client.upload(TENANT, token, "竣工.pdf", PDF)));
        assertStale(call("POST", project + "/complete", completion, "\"v1\""), 2);
        JsonNode now = json(call("GET", project, null));
        assertThat(now.get("data").get("scale").asText()).isEqualTo("双向四车道");
        assertThat(now.get("stage").asText()).isEqualTo("UNDER_CONSTRUCTION");
        assertThat(ledgerEntries()).isEqualTo(entries);

        assertThat(etag(call("POST", project + "/correct", correction, "\"v2\""))).isEqualTo("\"v3\"");
        HttpResponse<String> completed = call("POST", project + "/complete", completion, "\"v3\"");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(json(call("GET", project, null)).get("stage").asText()).isEqualTo("COMPLETED");

        String draft = "/projects/" + json(call("POST", "/projects", Map.of("board", "WATER", "data", data))).get("id").asLong();
        call("PUT", draft, Map.of("data", Map.of("name", "示例水库", "owner", "某市水利局")));
        assertStale(call("DELETE", draft, null, "\"v0\""), 1);
        assertThat(call("GET", draft, null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", draft, null, "\"v1\"").statusCode()).isEqualTo(204);
    }

    @Test
    @DisplayName("GET /me carries the party's ETag; basic information with a stale If-Match is 412 and keeps what was saved")
    void staleBasicInfo() throws Exception {
        HttpResponse<String> me = call("GET", "", null);
        String seen = etag(me);
        assertThat(seen).isEqualTo("\"v" + json(me).get("party").get("version").asInt() + "\"");
        HttpResponse<String> saved = call("PUT", "/basic-info", with(BASIC_INFO, "contactName", "张三"), seen);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String next = etag(saved);
        assertThat(next).isNotEqualTo(seen).isEqualTo(etag(call("GET", "", null)));

        long entries = ledgerEntries();
        int current = json(saved).get("version").asInt();
        assertStale(call("PUT", "/basic-info", with(BASIC_INFO, "contactName", "王二"), seen), current);
        assertThat(json(call("GET", "", null)).get("party").get("basicInfo").get("contactName").asText()).isEqualTo("张三");
        assertThat(ledgerEntries()).isEqualTo(entries);
    }

    @Test
    @DisplayName("two saves of one record racing without If-Match: exactly one wins, the other is refused with 409, never a 500 and never lost silently")
    void racingRecordSaves() throws Exception {
        String award = award("鲁班奖");
        long id = json(call("GET", award, null)).get("id").asLong();
        List<HttpResponse<String>> replies = race("registry_record", id,
                () -> call("PUT", award, Map.of("data", Map.of("name", "甲的修改"))),
                () -> call("PUT", award, Map.of("data", Map.of("name", "乙的修改"))));
        HttpResponse<String> won = winner(replies);
        JsonNode now = json(call("GET", award, null));
        assertThat(now.get("data")).isEqualTo(json(won).get("data"));
        assertThat(now.get("version").asInt()).isEqualTo(1);
        assertThat(json(call("GET", award + "/history", null)).findValuesAsText("action")).containsExactly("CREATE", "UPDATE");
    }

    @Test
    @DisplayName("two basic-information saves racing without If-Match: exactly one wins, the other is refused with 409")
    void racingBasicInfoSaves() throws Exception {
        long party = json(call("GET", "", null)).get("party").get("id").asLong();
        long entries = ledgerEntries();
        List<HttpResponse<String>> replies = race("party", party,
                () -> call("PUT", "/basic-info", with(BASIC_INFO, "address", "苏州市")),
                () -> call("PUT", "/basic-info", with(BASIC_INFO, "address", "无锡市")));
        HttpResponse<String> won = winner(replies);
        assertThat(json(call("GET", "", null)).get("party").get("basicInfo")).isEqualTo(json(won).get("basicInfo"));
        assertThat(ledgerEntries()).isEqualTo(entries + 1);
    }

    /**
     * Both requests read the row before either writes: a lock the test holds keeps their UPDATEs
     * waiting until both are queued behind it, then lets them go.
     */
    List<HttpResponse<String>> race(String table, long id, Callable<HttpResponse<String>> a, Callable<HttpResponse<String>> b)
            throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("select 1 from tenant_" + TENANT + "." + table + " where id = " + id + " for update");
            }
            Future<HttpResponse<String>> first = racers.submit(a);
            Future<HttpResponse<String>> second = racers.submit(b);
            await("both updates queued on the row").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(first.isDone() || second.isDone()).as("a request finished before the race").isFalse();
                return waitingUpdates(table) >= 2;
            });
            lock.rollback();
            return List.of(first.get(), second.get());
        }
    }

    long waitingUpdates(String table) {
        return sql.sql("""
                select count(*) from pg_stat_activity
                where pid <> pg_backend_pid() and wait_event_type = 'Lock' and query ilike ?
                """).param("update " + table + " %").query(Long.class).single();
    }

    static HttpResponse<String> winner(List<HttpResponse<String>> replies) throws Exception {
        assertThat(replies.stream().map(HttpResponse::statusCode).sorted().toList()).as(replies.toString()).containsExactly(200, 409);
        HttpResponse<String> lost = replies.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(lost.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(lost).get("type").asText()).isEqualTo("urn:huren:problem:concurrent-update");
        return replies.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        return Tenants.with(body, key, value);
    }
}
