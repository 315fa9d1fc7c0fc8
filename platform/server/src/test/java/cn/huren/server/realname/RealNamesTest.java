package cn.huren.server.realname;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.AccountSessionFixture.Opened;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Real-name verification of an account over the API, against WireMock as the tenant's provider (docs/real-name.md). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealNamesTest {

    static final String TENANT = "rna";
    static final String OTHER = "rnb";
    static final String SECRET = "rn-test-secret";
    static final String PATH = "/account/real-name";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestClock clock;
    @Autowired
    ChangeLedger ledger;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("实名 SM2 CA", KeyAlgorithm.SM2);
    final AtomicInteger sequence = new AtomicInteger(100);
    WireMockServer provider;
    AccountSessionFixture accounts;
    PartyClient client;

    @BeforeAll
    void setUp() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        client = new PartyClient(port);
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(OTHER, "jiangsu"));
        for (String tenant : List.of(TENANT, OTHER)) {
            HttpApi.Reply configured = HttpApi.operator(port).patch("/api/platform/tenants/" + tenant + "/config", Map.of(
                    "core.realName.url", provider.baseUrl() + "/rn/", "core.realName.appKey", "rn-app", "core.realName.appSecret", SECRET));
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("the tenant's app secret is sealed at rest (the config codec), never stored in clear")
    void secretSealed() {
        String stored = in(TENANT, () -> data.jdbc().sql("select config from platform.tenant where code = ?").param(TENANT)
                .query(String.class).single());
        assertThat(stored).contains("core.realName.appSecret").doesNotContain(SECRET);
    }

    @AfterAll
    void tearDown() {
        provider.stop();
    }

    @BeforeEach
    void matchByDefault() {
        provider.resetAll();
        for (String method : List.of("identity", "face", "bank-card")) {
            provider.stubFor(post(urlPathEqualTo("/rn/v1/" + method)).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"ref-" + method + "\"}")));
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- numbers: a fresh person per call, the check character computed here (ISO 7064 MOD 11-2), not by the code under test

    String residentId() {
        return withCheck("320102" + "19800101" + seq());
    }

    String number(cn.huren.server.party.IdentityDocument.DocumentType type) {
        return switch (type) {
            case RESIDENT_ID -> residentId();
            case HK_MACAO_RESIDENCE_PERMIT -> withCheck("810000" + "19940823" + seq());
            case TAIWAN_RESIDENCE_PERMIT -> withCheck("830000" + "19920130" + seq());
            case FOREIGN_PERMANENT_RESIDENCE -> withCheck("9" + "11" + "840" + "19850615" + seq());
            case FOREIGN_PERMANENT_RESIDENCE_OLD -> "USA" + "31" + "00" + "850315" + seq().substring(1);
        };
    }

    private String seq() {
        return String.format("%03d", sequence.incrementAndGet());
    }

    static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        int check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : Integer.toString(check));
    }

    // ---- helpers

    static Map<String, Object> cfca(String name, String type, String number) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", "CFCA");
        body.put("name", name);
        body.put("documentType", type);
        body.put("documentNumber", number);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    HttpResponse<String> verify(String tenant, String token, Map<String, Object> body) throws Exception {
        return client.call("POST", tenant, PATH, token, body);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return PartyClient.json(response);
    }

    <T> T in(String tenant, Supplier<T> work) {
        return tenants.callAs(tenant, () -> new TransactionTemplate(transactions).execute(s -> work.get()));
    }

    /** Everything a verification may change: the parties, the account row and the account's sessions. */
    record State(long parties, Map<String, Object> account, List<Map<String, Object>> sessions) {
    }

    State state(String tenant, long account) {
        return in(tenant, () -> new State(
                data.jdbc().sql("select count(*) from party").query(Long.class).single(),
                data.jdbc().sql("select party_id, real_name_method, real_name_verified_at, updated_at, version from account where id = ?")
                        .param(account).query().singleRow(),
                data.jdbc().sql("select token_hash, party_id, holder_kind, holder_identifier, holder_name from party_session "
                        + "where account_id = ? order by token_hash").param(account).query().listOfRows()));
    }

    List<Map<String, Object>> checks(String tenant, long account) {
        return in(tenant, () -> data.jdbc().sql("select * from real_name_check where account_id = ? order by id").param(account)
                .query().listOfRows());
    }

    void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("type").asText()).endsWith(type);
    }

    // ---- tests

    @Autowired
    RealNames realNames;

    @Test
    @DisplayName("requireVerified refuses an unverified account with 403 real-name-required and answers the person once verified")
    void requireVerified() throws Exception {
        Opened account = accounts.open(TENANT);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(cn.huren.server.support.ApiException.class,
                () -> tenants.callAs(TENANT, () -> realNames.requireVerified(account.accountId()))).kind()).isEqualTo("real-name-required");
        JsonNode status = json(client.call("GET", TENANT, PATH, account.token(), null));
        assertThat(status.get("verified").asBoolean()).isFalse();
        assertThat(status.get("attemptsLeft").asInt()).isEqualTo(5);

        long party = json(verify(TENANT, account.token(), cfca("蒋五", "RESIDENT_ID", residentId()))).get("partyId").asLong();

        assertThat(tenants.callAs(TENANT, () -> realNames.requireVerified(account.accountId())).partyId()).isEqualTo(party);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"CFCA", "ALIPAY_FACE", "BANK_CARD"})
    @DisplayName("APP-07: any one of CFCA (name + ID), Alipay (name + ID + face) or the bank card's four factors verifies the account; "
            + "the account, its live sessions, the party, the attempt log and the ledger change together")
    void match(RealNameMethod method) throws Exception {
        Opened account = accounts.open(TENANT);
        String second = accounts.session(TENANT, account.accountId());
        String id = residentId();
        Map<String, Object> body = with(cfca("王五", "RESIDENT_ID", id), "method", method.name());
        if (method == RealNameMethod.ALIPAY_FACE) {
            body.put("faceToken", "certify-0001");
        }
        if (method == RealNameMethod.BANK_CARD) {
            body.put("cardNumber", "6222020200112233446");
            body.put("cardMobile", "13812345678");
        }

        HttpResponse<String> verified = verify(TENANT, account.token(), body);

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode person = json(verified);
        assertThat(person.get("name").asText()).isEqualTo("王五");
        assertThat(person.get("documentType").asText()).isEqualTo("RESIDENT_ID");
        assertThat(person.get("maskedDocument").asText()).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
        assertThat(person.get("method").asText()).isEqualTo(method.name());
        long partyId = person.get("partyId").asLong();

        State after = state(TENANT, account.accountId());
        assertThat(after.account()).containsEntry("party_id", partyId).containsEntry("real_name_method", method.name());
        assertThat(after.account().get("real_name_verified_at")).isNotNull();
        assertThat(after.sessions()).hasSize(2).allSatisfy(s -> {
            assertThat(s).containsEntry("party_id", partyId).containsEntry("holder_identifier", id).containsEntry("holder_name", "王五");
        });
        Map<String, Object> party = in(TENANT, () -> data.jdbc().sql("select kind, resident_id, document_type, registered_via from party where id = ?")
                .param(partyId).query().singleRow());
        assertThat(party).containsEntry("kind", "NATURAL_PERSON").containsEntry("resident_id", id)
                .containsEntry("document_type", "RESIDENT_ID").containsEntry("registered_via", method.verifiedBy());
        assertThat(checks(TENANT, account.accountId())).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("outcome", "MATCH").containsEntry("method", method.name()).containsEntry("party_id", partyId)
                    .containsEntry("masked_document", id.substring(0, 4) + "**********" + id.substring(14));
            assertThat(c.get("provider_reference").toString()).startsWith("ref-");
            assertThat(c.values()).noneMatch(v -> v != null && (v.toString().contains(id) || v.toString().contains("王五")
                    || v.toString().contains("6222020200112233446")));
        });
        assertThat(in(TENANT, () -> ledger.history("account", Long.toString(account.accountId()))))
                .anyMatch(e -> e.action().equals("REAL_NAME_VERIFIED"));

        // what arrived at the provider is the contract's signed request
        LoggedRequest request = provider.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(request.getHeader("X-Huren-App-Key")).isEqualTo("rn-app");
        assertThat(request.getHeader("X-Huren-Signature")).isEqualTo(RealNameSignature.sign(SECRET, RealNameSignature.stringToSign(
                "POST", request.getUrl(), request.getHeader("X-Huren-Timestamp"), request.getHeader("X-Huren-Nonce"), request.getBody())));

        JsonNode status = json(client.call("GET", TENANT, PATH, second, null));
        assertThat(status.get("verified").asBoolean()).isTrue();
        assertThat(status.get("person").get("partyId").asLong()).isEqualTo(partyId);

        assertProblem(verify(TENANT, account.token(), body), 409, "real-name-verified");
        assertThat(provider.getAllServeEvents()).as("an account already verified asks no provider").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(cn.huren.server.party.IdentityDocument.DocumentType.class)
    @DisplayName("every identity document kind is verified end to end: resident ID, HK/Macao and Taiwan residence permits, "
            + "foreign permanent residence ID (2023) and card (2004, 15 characters); the document type is part of the party")
    void everyDocumentKind(cn.huren.server.party.IdentityDocument.DocumentType type) throws Exception {
        Opened account = accounts.open(TENANT);
        String number = number(type);

        HttpResponse<String> verified = verify(TENANT, account.token(), cfca("Jane Roe", type.name(), number.toLowerCase()));

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).get("documentType").asText()).isEqualTo(type.name());
        long partyId = json(verified).get("partyId").asLong();
        assertThat(in(TENANT, () -> data.jdbc().sql("select document_type || ' ' || resident_id from party where id = ?").param(partyId)
                .query(String.class).single())).isEqualTo(type + " " + number);
        JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(provider.getAllServeEvents().get(0).getRequest().getBody());
        assertThat(sent.get("documentType").asText()).isEqualTo(type.name());
        assertThat(sent.get("documentNumber").asText()).isEqualTo(number);
    }

    @Test
    @DisplayName("without a document type, the type is told from the number; a number of the wrong type is a field error naming the rule, "
            + "and invalid name, card and mobile are field errors: nothing is sent, nothing is logged as an attempt")
    void validation() throws Exception {
        Opened account = accounts.open(TENANT);
        HttpResponse<String> detected = verify(TENANT, account.token(), cfca("赵六", null, number(
                cn.huren.server.party.IdentityDocument.DocumentType.TAIWAN_RESIDENCE_PERMIT)));
        assertThat(detected.statusCode()).as(detected.body()).isEqualTo(200);
        assertThat(json(detected).get("documentType").asText()).isEqualTo("TAIWAN_RESIDENCE_PERMIT");

        Opened other = accounts.open(TENANT);
        provider.resetRequests();
        HttpResponse<String> wrongType = verify(TENANT, other.token(), cfca("赵六", "HK_MACAO_RESIDENCE_PERMIT", residentId()));
        assertProblem(wrongType, 400, "validation");
        assertThat(json(wrongType).get("errors").get(0).get("field").asText()).isEqualTo("documentNumber");
        assertThat(json(wrongType).get("errors").get(0).get("message").asText()).startsWith("DIVISION");

        String valid = residentId();
        String badCheck = valid.substring(0, 17) + (valid.endsWith("0") ? "1" : "0");
        assertThat(json(verify(TENANT, other.token(), cfca("赵六", "RESIDENT_ID", badCheck))).get("errors").get(0).get("message").asText())
                .startsWith("CHECK_CHARACTER");
        assertThat(json(verify(TENANT, other.token(), cfca("赵六", null, "110105491231002"))).get("errors").get(0).get("message").asText())
                .as("a 15-digit first-generation ID cannot be told apart").startsWith("DOCUMENT_TYPE");

        Map<String, Object> card = with(with(with(cfca("x".repeat(101), "PASSPORT", valid), "method", "BANK_CARD"),
                "cardNumber", "6222020200112233445"), "cardMobile", "12812345678");
        JsonNode errors = json(verify(TENANT, other.token(), card)).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("documentType");
        card.put("documentType", "RESIDENT_ID");
        errors = json(verify(TENANT, other.token(), card)).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("name", "cardNumber", "cardMobile");
        assertThat(json(verify(TENANT, other.token(), with(cfca("赵六", "RESIDENT_ID", valid), "method", "ALIPAY_FACE")))
                .get("errors").findValuesAsText("field")).containsExactly("faceToken");
        assertProblem(verify(TENANT, other.token(), with(cfca("赵六", "RESIDENT_ID", valid), "surprise", 1)), 400, "");

        assertThat(provider.getAllServeEvents()).isEmpty();
        assertThat(checks(TENANT, other.accountId())).isEmpty();
        assertThat(state(TENANT, other.accountId()).account()).containsEntry("party_id", null);
    }

    @Test
    @DisplayName("MISMATCH: 422 real-name-mismatch; no party, the account and its sessions unchanged, the attempt logged masked")
    void mismatch() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity"))
                .willReturn(okJson("{\"code\":\"MISMATCH\",\"reference\":\"ref-x\",\"message\":\"name does not match\"}")));
        Opened account = accounts.open(TENANT);
        State before = state(TENANT, account.accountId());

        assertProblem(verify(TENANT, account.token(), cfca("钱七", "RESIDENT_ID", residentId())), 422, "real-name-mismatch");

        assertThat(state(TENANT, account.accountId())).isEqualTo(before);
        assertThat(checks(TENANT, account.accountId())).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("outcome", "MISMATCH").containsEntry("provider_reference", "ref-x"));
    }

    @Test
    @DisplayName("provider error (HTTP 500), a malformed answer, a refused signature, a timeout: 502 real-name-unavailable or "
            + "504 real-name-timeout, nothing half-made")
    void providerFaults() throws Exception {
        Opened account = accounts.open(TENANT);
        State before = state(TENANT, account.accountId());
        String id = residentId();

        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(aResponse().withStatus(500).withBody("{\"code\":\"INTERNAL\"}")));
        assertProblem(verify(TENANT, account.token(), cfca("孙八", "RESIDENT_ID", id)), 502, "real-name-unavailable");
        assertThat(state(TENANT, account.accountId())).isEqualTo(before);

        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(okJson("{\"result\":\"ok\"}")));
        assertProblem(verify(TENANT, account.token(), cfca("孙八", "RESIDENT_ID", id)), 502, "real-name-unavailable");
        assertThat(state(TENANT, account.accountId())).isEqualTo(before);

        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"SIGNATURE_INVALID\"}")));
        HttpResponse<String> refused = verify(TENANT, account.token(), cfca("孙八", "RESIDENT_ID", id));
        assertProblem(refused, 502, "real-name-unavailable");
        assertThat(json(refused).get("detail").asText()).contains("SIGNATURE_INVALID");
        assertThat(state(TENANT, account.accountId())).isEqualTo(before);

        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"late\"}")
                .withFixedDelay(3_000)));
        assertProblem(verify(TENANT, account.token(), cfca("孙八", "RESIDENT_ID", id)), 504, "real-name-timeout");
        assertThat(state(TENANT, account.accountId())).isEqualTo(before);

        assertThat(checks(TENANT, account.accountId())).extracting(c -> c.get("outcome"))
                .containsExactly("UNAVAILABLE", "UNAVAILABLE", "REFUSED", "TIMEOUT");
        assertThat(in(TENANT, () -> data.jdbc().sql("select count(*) from party where resident_id = ?").param(id).query(Long.class).single()))
                .isZero();
    }

    @Test
    @DisplayName("the person's party is the one a personal certificate of the same ID reaches, in either order; never a duplicate")
    void samePartyAsPersonalCertificate() throws Exception {
        // real-name first, then the certificate logs in to the same party
        String first = residentId();
        Opened account = accounts.open(TENANT);
        long verified = json(verify(TENANT, account.token(), cfca("周九", "RESIDENT_ID", first))).get("partyId").asLong();
        String token = client.login(TENANT, personal("周九", first));
        assertThat(json(client.call("GET", TENANT, "", token, null)).get("party").get("id").asLong()).isEqualTo(verified);

        // the certificate registers first, then real-name reaches that party
        String second = residentId();
        String certificate = client.login(TENANT, personal("吴十", second));
        HttpResponse<String> registered = client.call("POST", TENANT, "/register", certificate, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        long party = json(registered).get("id").asLong();
        assertThat(json(registered).get("documentType").asText()).isEqualTo("RESIDENT_ID");
        long parties = state(TENANT, account.accountId()).parties();
        Opened other = accounts.open(TENANT);
        assertThat(json(verify(TENANT, other.token(), cfca("吴十", "RESIDENT_ID", second))).get("partyId").asLong()).isEqualTo(party);
        assertThat(state(TENANT, other.accountId()).parties()).isEqualTo(parties);
    }

    private Issued personal(String name, String id) {
        return ca.issue(DemoCertificateAuthority.Subject.of(name, null, Map.of(PartyClient.IDENTITY_OID, id))
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))));
    }

    @Test
    @DisplayName("one account per person: a second account of the same person gets 409 person-has-account, before any provider call")
    void secondAccountOfThePerson() throws Exception {
        String id = residentId();
        assertThat(verify(TENANT, accounts.open(TENANT).token(), cfca("郑一", "RESIDENT_ID", id)).statusCode()).isEqualTo(200);
        Opened second = accounts.open(TENANT);
        State before = state(TENANT, second.accountId());
        provider.resetRequests();

        assertProblem(verify(TENANT, second.token(), cfca("郑一", "RESIDENT_ID", id)), 409, "person-has-account");

        assertThat(provider.getAllServeEvents()).isEmpty();
        assertThat(state(TENANT, second.accountId())).isEqualTo(before);
    }

    @Test
    @DisplayName("two accounts of one new person verifying at the same time: one is tied, the other gets 409 person-has-account; one party")
    void concurrentAccountsOfOnePerson() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"r\"}")
                .withFixedDelay(300)));
        String id = residentId();
        Opened first = accounts.open(TENANT);
        Opened second = accounts.open(TENANT);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<HttpResponse<String>> a = pool.submit(() -> verify(TENANT, first.token(), cfca("卫四", "RESIDENT_ID", id)));
            java.util.concurrent.Future<HttpResponse<String>> b = pool.submit(() -> verify(TENANT, second.token(), cfca("卫四", "RESIDENT_ID", id)));
            List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());
            assertThat(statuses).as(a.get().body() + " / " + b.get().body()).containsExactlyInAnyOrder(200, 409);
            HttpResponse<String> refused = a.get().statusCode() == 409 ? a.get() : b.get();
            assertThat(json(refused).get("type").asText()).endsWith("person-has-account");
        } finally {
            pool.shutdownNow();
        }
        assertThat(in(TENANT, () -> data.jdbc().sql("select count(*) from party where resident_id = ?").param(id).query(Long.class).single()))
                .isOne();
        assertThat(in(TENANT, () -> data.jdbc().sql("select count(*) from account where id in (?, ?) and party_id is not null")
                .params(first.accountId(), second.accountId()).query(Long.class).single())).isOne();
    }

    @Test
    @DisplayName("an account session of tenant A is unknown on tenant B (401); a certificate session may not use the account API (403)")
    void otherTenantAndCertificateSession() throws Exception {
        Opened account = accounts.open(TENANT);
        assertThat(verify(OTHER, account.token(), cfca("冯二", "RESIDENT_ID", residentId())).statusCode()).isEqualTo(401);
        assertThat(client.call("GET", OTHER, PATH, account.token(), null).statusCode()).isEqualTo(401);

        String certificate = client.login(TENANT, personal("陈三", residentId()));
        assertThat(client.call("GET", TENANT, PATH, certificate, null).statusCode()).isEqualTo(403);
        assertThat(provider.getAllServeEvents()).isEmpty();
        assertThat(state(TENANT, account.accountId()).account()).containsEntry("party_id", null);
    }

    @Test
    @DisplayName("at most 5 attempts per account in 24 hours (429 real-name-rate-limited with Retry-After), counted in the attempt log")
    void attemptLimit() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/rn/v1/identity")).willReturn(okJson("{\"code\":\"MISMATCH\",\"reference\":\"r\"}")));
        Opened account = accounts.open(TENANT);
        for (int i = 0; i < 5; i++) {
            assertProblem(verify(TENANT, account.token(), cfca("褚三", "RESIDENT_ID", residentId())), 422, "real-name-mismatch");
        }
        assertThat(json(client.call("GET", TENANT, PATH, account.token(), null)).get("attemptsLeft").asInt()).isZero();

        HttpResponse<String> limited = verify(TENANT, account.token(), cfca("褚三", "RESIDENT_ID", residentId()));
        assertProblem(limited, 429, "real-name-rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(provider.getAllServeEvents()).hasSize(5);

        clock.move(Duration.ofHours(24).plusMinutes(1));
        assertProblem(verify(TENANT, accounts.session(TENANT, account.accountId()), cfca("褚三", "RESIDENT_ID", residentId())), 422, "real-name-mismatch");
    }
}
