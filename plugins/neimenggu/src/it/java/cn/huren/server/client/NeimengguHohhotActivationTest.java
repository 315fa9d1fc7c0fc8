package cn.huren.server.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.RelyingPartyLoginListener.Refused;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.plugins.neimenggu.NmgPeople;
import cn.huren.server.plugins.neimenggu.NmgPeople.Person;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hohhot activation at the first authorised login to Hohhot's platform (the portal's OpenID provider tells the plugin
 * before sending the code), and Hohhot's member-client login check, against WireMock standing in for Hohhot's API.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguHohhotActivationTest {

    static final String T = "nmgha";
    static final String HOHHOT_RP = "hohhot-platform-ha";
    static final String ACTIVATIONS = "/hohhot/members/activations";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    InstalledPlugins plugins;
    @Autowired
    cn.huren.plugin.api.PersonBindings core;

    WireMockServer hohhot;
    SignedClient hohhotClient;
    SignedClient otherClient;
    TenantDescriptor tenant;

    @BeforeAll
    void setUp() {
        hohhot = new WireMockServer(options().dynamicPort());
        hohhot.start();
        hohhot.stubFor(post(urlEqualTo(ACTIVATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"account\":\"HH-0001\",\"activatedAt\":\"2026-12-07T08:00:00Z\"}")));
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body(T, "neimenggu")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
        hohhotClient = SignedClient.create(port, T, Map.of("name", "呼和浩特市公共资源交易平台", "scopes", List.of("registry:read")));
        otherClient = SignedClient.create(port, T, Map.of("name", "包头市交易系统", "scopes", List.of("registry:read")));
        HttpApi.Reply configured = op.patch("/api/platform/tenants/" + T + "/config", Map.of(
                "hohhotBaseUrl", "http://127.0.0.1:" + hohhot.port() + "/hohhot/", "hohhotApiKey", "hohhot-test-key",
                "hohhotTimeoutMillis", 2000, "hohhotOidcClientId", HOHHOT_RP, "hohhotSyncClientId", hohhotClient.clientId(),
                "hohhotSandbox", false)); // WireMock plays Hohhot, not the plugin's sandbox
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        tenant = tenants.require(T);
    }

    @AfterAll
    void stop() {
        hohhot.stop();
    }

    NmgPeople people() {
        return new NmgPeople(port, T, new SentCodes(sms, T));
    }

    @Test
    @DisplayName("NMG-11, NMG-02: a login to Hohhot before 验证通过 is refused with the reason, Hohhot is not called and nothing is recorded; "
            + "a login to another platform is not the plugin's business")
    void refusedBeforeValidation() {
        Person p = people().person();
        p.bind();
        Person me = p.login();
        long party = me.partyId();
        assertThatThrownBy(() -> NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, me.fingerprint()))
                .isInstanceOf(Refused.class).hasMessageContaining("验证通过")
                .satisfies(e -> assertThat(((Refused) e).messageEn()).contains("registry intake"));
        NmgPeople.logsInTo(plugins, tenant, "some-other-platform", party, me.fingerprint());
        hohhot.verify(0, postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing("\"party-" + party + "\"")));
        assertThat(activatedAt(party)).isNull();
        assertThat(steps(me)).containsExactly("DONE", "CURRENT", "LOCKED", "LOCKED");
    }

    @Test
    @DisplayName("NMG-12: the first authorised login to Hohhot activates the party there and records it once; later logins call Hohhot no more")
    void activatedOnceAtFirstLogin() {
        Person p = people().validated();
        long party = p.partyId();
        assertThat(steps(p)).containsExactly("DONE", "DONE", "CURRENT", "LOCKED");
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint());
        Map<String, Object> first = activatedAt(party);
        assertThat(first).isNotNull().containsEntry("hohhot_account", "HH-0001");
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint());
        hohhot.verify(1, postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing("\"party-" + party + "\"")));
        assertThat(activatedAt(party)).isEqualTo(first);
        assertThat(steps(p)).containsExactly("DONE", "DONE", "DONE", "CURRENT");
        hohhot.verify(postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing(p.residentId))
                .withRequestBody(containing(p.fingerprint())).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("Bearer hohhot-test-key")));
    }

    @Test
    @DisplayName("NMG-12: Hohhot unreachable at the first login refuses it (呼和浩特平台暂时无法激活，请稍后再试) and records nothing; the next login activates")
    void hohhotDownRefusesAndRecordsNothing() {
        Person p = people().validated();
        long party = p.partyId();
        hohhot.stubFor(post(urlEqualTo(ACTIVATIONS)).atPriority(1).withRequestBody(containing("\"party-" + party + "\""))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint()))
                .isInstanceOf(Refused.class).hasMessage("呼和浩特平台暂时无法激活，请稍后再试");
        assertThat(activatedAt(party)).isNull();
        hohhot.stubFor(post(urlEqualTo(ACTIVATIONS)).atPriority(1).withRequestBody(containing("\"party-" + party + "\""))
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint())).isInstanceOf(Refused.class);
        assertThat(activatedAt(party)).isNull();

        hohhot.stubFor(post(urlEqualTo(ACTIVATIONS)).atPriority(1).withRequestBody(containing("\"party-" + party + "\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"account\":\"HH-0002\",\"activatedAt\":\"2026-12-07T09:00:00Z\"}")));
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint());
        assertThat(activatedAt(party)).containsEntry("hohhot_account", "HH-0002");
    }

    @Test
    @DisplayName("NMG-13: Hohhot's member client may log a key in only when its certificate is bound here and its party was activated at Hohhot; "
            + "only Hohhot's signed API client may ask")
    void memberLogin() {
        Person p = people().validated();
        String pem = p.key.certificate;
        JsonNode before = hohhotClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", pem, "nonce", "n1",
                "signature", "c2ln")).json();
        assertThat(before.get("allowed").asBoolean()).isFalse();
        assertThat(before.get("reason").asText()).isEqualTo("hohhot-not-activated");

        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, p.partyId(), p.fingerprint());
        SignedClient.Reply allowed = hohhotClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", pem));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("allowed").asBoolean()).isTrue();

        Person stranger = people().person();
        JsonNode unbound = hohhotClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", stranger.key.certificate)).json();
        assertThat(unbound.get("allowed").asBoolean()).isFalse();
        assertThat(unbound.get("reason").asText()).isEqualTo("certificate-not-bound");

        assertThat(otherClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", pem)).status()).isEqualTo(403);
        assertThat(HttpApi.anonymous(port).post("/api/t/" + T + "/plugins/neimenggu/hohhot/member-logins", Map.of("certificate", pem))
                .status()).isEqualTo(401);
        assertThat(hohhotClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", "not a certificate")).status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("NMG-13, NMG-12, NMG-06: once the core ended the binding the old key's member login is refused; the new key binds (the stale "
            + "row ends), only the current key may log in to Hohhot, and its next login activates again with the new certificate")
    void newKeyActivatesAgain() {
        NmgPeople people = people();
        Person p = people.validated();
        long party = p.partyId();
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint());
        assertThat(memberLogin(p.key.certificate).get("allowed").asBoolean()).isTrue();

        TenantContext.runAs(tenant, () -> core.end(party, p.fingerprint(), "lost key", "test"));
        JsonNode old = memberLogin(p.key.certificate);
        assertThat(old.get("allowed").asBoolean()).isFalse();
        assertThat(old.get("reason").asText()).isEqualTo("certificate-not-bound");

        Person renewed = people.newKey(p, "138" + p.mobile.substring(3));
        renewed.bind();
        assertThat(TenantContext.callAs(tenant, () -> data.jdbc().sql(
                        "select status, end_reason from nmg_ca_binding where party_id = ? and fingerprint = ?")
                .params(party, p.fingerprint()).query().singleRow()))
                .containsEntry("status", "ENDED").containsEntry("end_reason", "ended in core");
        Person me = renewed.login();
        assertThatThrownBy(() -> NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, p.fingerprint()))
                .isInstanceOf(Refused.class).hasMessageContaining("已在自治区 CA 互认系统绑定的证书");
        assertThat(memberLogin(renewed.key.certificate).get("reason").asText()).isEqualTo("hohhot-not-activated");

        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, me.fingerprint());
        hohhot.verify(2, postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing("\"party-" + party + "\"")));
        hohhot.verify(1, postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing("\"party-" + party + "\""))
                .withRequestBody(containing(me.fingerprint())));
        assertThat(TenantContext.callAs(tenant, () -> data.jdbc().sql("select hohhot_fingerprint from nmg_intake where party_id = ?")
                .param(party).query(String.class).single())).isEqualTo(me.fingerprint());
        assertThat(memberLogin(renewed.key.certificate).get("allowed").asBoolean()).isTrue();
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, party, me.fingerprint());
        hohhot.verify(2, postRequestedFor(urlEqualTo(ACTIVATIONS)).withRequestBody(containing("\"party-" + party + "\"")));
    }

    private JsonNode memberLogin(String pem) {
        SignedClient.Reply reply = hohhotClient.postToPlugin("neimenggu", "/hohhot/member-logins", Map.of("certificate", pem));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private Map<String, Object> activatedAt(long party) {
        return TenantContext.callAs(tenant, () -> data.jdbc().sql(
                        "select hohhot_activated_at, hohhot_account from nmg_intake where party_id = ? and hohhot_activated_at is not null")
                .param(party).query().listOfRows()).stream().findFirst().orElse(null);
    }

    private static List<String> steps(Person p) {
        return p.get("/me/progress").json().get("steps").findValuesAsText("state");
    }
}
