package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.TestIdentifiers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A registry record's data is a free-form JSON object checked against its kind's field
 * specifications (docs/api-json.md): each value in its JSON type, amounts never negative.
 * Over HTTP, as a certificate holder's client sends it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordJsonTypesTest {

    static final String TENANT = "rjson";

    @LocalServerPort
    int port;

    DemoCertificateAuthority ca = DemoCertificateAuthority.root("SM2 CA", KeyAlgorithm.SM2);
    String token;

    @BeforeAll
    void party() throws Exception {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        token = client().enterprise(TENANT, PartyClient.enterpriseCertificate(ca, "严格数据有限公司",
                TestIdentifiers.uscc("91320500MA1W30001"))).get(0);
        assertThat(client().call("PUT", TENANT, "/basic-info", token, Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五",
                "address", "南京市", "contactName", "李四", "contactPhone", "13800138000")).statusCode()).isEqualTo(200);
    }

    PartyClient client() {
        return new PartyClient(port);
    }

    HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return client().call(method, TENANT, path, token, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r);
    }

    static Map<String, Object> with(Map<String, Object> data, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(key, value);
        return copy;
    }

    /** 400 validation with exactly one error: {@code field} with a message containing {@code message}. */
    static void assertFieldError(HttpResponse<String> r, String field, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode errors = json(r).get("errors");
        assertThat(errors).as(r.body()).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).contains(message);
    }

    @Test
    @DisplayName("An object, array, boolean or number in a record's text field is 400 naming data.<field> (expected a string); nothing is stored")
    void textFieldsTakeStringsOnly() throws Exception {
        Map<String, Object> account = Map.of("bankName", "中国银行", "accountName", "严格数据有限公司", "accountNumber", "6222020200112233");
        for (Object value : List.of(Map.of("a", 1), List.of("中国银行"), true, 12)) {
            assertFieldError(call("POST", "/records/bank-account", Map.of("data", with(account, "bankName", value))),
                    "data.bankName", "expected a string");
            assertFieldError(call("POST", "/records/bank-account", Map.of("data", with(account, "bankName", value), "submit", true)),
                    "data.bankName", "expected a string");
        }
        assertFieldError(call("POST", "/records/qualification", Map.of("data", Map.of("board", List.of("TRANSPORT"), "name", "资质"))),
                "data.board", "expected a string");
        assertFieldError(call("POST", "/records/award", Map.of("data", Map.of("name", "奖", "awardedOn", 20200101))),
                "data.awardedOn", "expected a string");
        assertFieldError(call("POST", "/records/staffing", Map.of("data", Map.of("category", "技术", "headcount", true))),
                "data.headcount", "expected a whole number");
        assertFieldError(call("POST", "/records/staffing", Map.of("data", Map.of("category", "技术", "headcount", 2.5))),
                "data.headcount", "a whole number");

        assertThat(json(call("GET", "/records/bank-account", null))).as("nothing stored").isEmpty();
        assertThat(json(call("GET", "/records/qualification", null))).isEmpty();
        assertThat(json(call("GET", "/records/staffing", null))).isEmpty();
    }

    @Test
    @DisplayName("A record's typed request fields take no coercion: \"submit\": \"true\" and a fraction as personId are 400; nothing is stored")
    void requestFieldsNotCoerced() throws Exception {
        Map<String, Object> award = Map.of("name", "鲁班奖", "issuer", "协会", "awardedOn", "2020-01-01");
        HttpResponse<String> submitText = call("POST", "/records/award", Map.of("data", award, "submit", "true"));
        assertThat(submitText.statusCode()).as(submitText.body()).isEqualTo(400);
        assertThat(json(submitText).get("errors").get(0).get("field").asText()).isEqualTo("submit");
        assertThat(json(submitText).get("errors").get(0).get("message").asText()).isEqualTo("expected true or false");
        HttpResponse<String> fraction = call("POST", "/records/person-award", Map.of("data", award, "personId", 1.5));
        assertThat(fraction.statusCode()).as(fraction.body()).isEqualTo(400);
        assertThat(json(fraction).get("errors").get(0).get("field").asText()).isEqualTo("personId");
        assertThat(json(fraction).get("errors").get(0).get("message").asText()).isEqualTo("expected a whole number");

        assertThat(json(call("GET", "/records/award", null))).isEmpty();
    }

    @Test
    @DisplayName("Amounts are never negative (a contract amount, total assets) but net profit may be a loss; numbers may come as JSON numbers or digit strings")
    void moneyNeverNegative() throws Exception {
        Map<String, Object> project = Map.of("name", "严格大桥", "owner", "某市交通局");
        for (Object negative : List.of("-1", -1, "-0.01", -0.01)) {
            assertFieldError(call("POST", "/projects", Map.of("board", "TRANSPORT", "data", with(project, "contractAmount", negative))),
                    "data.contractAmount", "never negative");
        }
        assertFieldError(call("POST", "/projects", Map.of("board", "TRANSPORT", "data", with(project, "contractAmount", "1e9"))),
                "data.contractAmount", "at most 2 decimals");
        assertFieldError(call("POST", "/projects", Map.of("board", "TRANSPORT", "data", with(project, "contractAmount",
                "1" + "0".repeat(16)))), "data.contractAmount", "at most 999999999999999.99");
        assertThat(json(call("GET", "/projects?board=TRANSPORT", null))).as("nothing stored").isEmpty();

        assertFieldError(call("POST", "/records/financial-statement", Map.of("data", Map.of("year", 2023, "totalAssets", "-5"))),
                "data.totalAssets", "never negative");
        HttpResponse<String> loss = call("POST", "/records/financial-statement",
                Map.of("data", Map.of("year", "2023", "revenue", 1200.5, "netProfit", "-300.25")));
        assertThat(loss.statusCode()).as(loss.body()).isEqualTo(201);
        assertThat(json(loss).get("data").get("netProfit").asText()).isEqualTo("-300.25");
        assertThat(json(loss).get("data").get("revenue").asText()).isEqualTo("1200.50");
        assertThat(json(loss).get("data").get("year").asInt()).isEqualTo(2023);
    }

    @Test
    @DisplayName("An amount sent as a JSON number is read as written, never through a double: 999999999999999.99 is stored exactly; a third decimal is refused, not rounded")
    void moneyAsJsonNumberExact() throws Exception {
        HttpResponse<String> largest = call("POST", "/records/financial-statement", Map.of("data", Map.of("year", 2022,
                "revenue", new java.math.BigDecimal("999999999999999.99"), "totalAssets", new java.math.BigDecimal("123456789012345.67"),
                "netProfit", new java.math.BigDecimal("0.1"))));
        assertThat(largest.statusCode()).as(largest.body()).isEqualTo(201);
        assertThat(json(largest).get("data").get("revenue").asText()).isEqualTo("999999999999999.99");
        assertThat(json(largest).get("data").get("totalAssets").asText()).isEqualTo("123456789012345.67");
        assertThat(json(largest).get("data").get("netProfit").asText()).isEqualTo("0.10");
        long id = json(largest).get("id").asLong();
        assertThat(json(call("GET", "/records/financial-statement", null)).findValuesAsText("revenue")).contains("999999999999999.99");

        for (String rounded : List.of("0.125", "999999999999999.995", "0.30000000000000004")) {
            assertFieldError(call("POST", "/records/financial-statement", Map.of("data", Map.of("year", 2021,
                    "revenue", new java.math.BigDecimal(rounded)))), "data.revenue", "at most 2 decimals");
        }
        assertThat(id).isPositive();
    }

    @Test
    @DisplayName("completing a project with a negative contract amount is 400 naming the amount; no track record is made")
    void negativeContractAmountAtCompletion() throws Exception {
        JsonNode created = json(call("POST", "/projects", Map.of("board", "WATER", "submit", true,
                "data", Map.of("name", "严格水库", "owner", "某市水利局"))));
        String document = client().upload(TENANT, token, "竣工.pdf", "%PDF-1.4 completion".getBytes());

        HttpResponse<String> refused = call("POST", "/projects/" + created.get("id").asLong() + "/complete", Map.of(
                "contract", Map.of("contractNumber", "HT-1", "contractAmount", "-1200000", "signedOn", "2023-01-01",
                        "completedOn", "2024-01-01"), "completionDocuments", List.of(document)));

        assertFieldError(refused, "data.contractAmount", "never negative");
        assertThat(json(call("GET", "/track-records?board=WATER", null))).as("no track record").isEmpty();
        assertThat(json(call("GET", "/projects/" + created.get("id").asLong(), null)).get("status").asText()).isEqualTo("SUBMITTED");
    }
}
