package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.BindingException;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.plugin.api.PersonBindings.ContactDetails;
import cn.huren.plugin.api.TenantTransactions;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The PersonBindings host service a plugin injects (HostServices' parent context): registration and binding of the
 * request's natural-person certificate as the core's registration does it, and the end of a binding (a lost key) that
 * ends the certificate's sessions, as a reviewer's decision calls it (no request session).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginPersonBindingsTest {

    static final String TENANT = "ppb1";

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PartySessions sessions;
    @Autowired
    PartyAccesses accesses;

    PersonBindings bindings;
    TenantTransactions transactions;

    @BeforeAll
    void tenantWithDemoCa() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body(TENANT, "neimenggu"));
        assertThat(op.post("/api/platform/tenants/" + TENANT + "/demo-ca", null).status()).isEqualTo(200);
        org.springframework.context.support.GenericApplicationContext parent = hostServices.parentContext();
        bindings = parent.getBean(PersonBindings.class);
        transactions = parent.getBean(TenantTransactions.class);
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    /** A key enrolled with the tenant's demo CA and logged in: its session token. */
    String login(DemoCaClient holder, String kind, String identifier, String name) {
        assertThat(holder.enroll(TENANT, kind, identifier, name).status()).isEqualTo(201);
        return holder.login(TENANT).json().get("token").asText();
    }

    /** Runs {@code work} as a plugin's handler of a request signed in with {@code token} (API or portal: the same access). */
    <T> T inRequest(String token, Supplier<T> work) {
        return TenantContext.callAs(tenants.require(TENANT), () -> {
            MockHttpServletRequest request = new MockHttpServletRequest();
            accesses.signIn(request, sessions.authenticate(token).orElseThrow());
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
            try {
                return work.get();
            } finally {
                RequestContextHolder.resetRequestAttributes();
                SecurityContextHolder.clearContext();
            }
        });
    }

    <T> T sql(Supplier<T> work) {
        return TenantContext.callAs(tenants.require(TENANT), work);
    }

    long count(String query, Object... params) {
        return sql(() -> data.jdbc().sql(query).params(params).query(Long.class).single());
    }

    int me(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @DisplayName("X-05, NMG-04: a natural person's certificate session registers the person and binds the certificate as its primary, "
            + "with the confirmed mobile and e-mail as contact; a second call returns the same party and binds nothing more")
    void registersOnce() throws Exception {
        DemoCaClient key = new DemoCaClient(port, "SM2");
        String token = login(key, "PERSON", "150102199003070015", "乌兰");

        long party = inRequest(token, () -> bindings.registerCurrentHolder(new ContactDetails("13800471001", "wulan@example.cn")));

        assertThat(sql(() -> data.jdbc().sql("select kind || ':' || resident_id from party where id = ?").param(party)
                .query(String.class).single())).isEqualTo("NATURAL_PERSON:150102199003070015");
        assertThat(sql(() -> data.jdbc().sql("select basic_info from party where id = ?").param(party).query(String.class).single()))
                .contains("13800471001").contains("wulan@example.cn");
        List<PersonBindings.BoundCertificate> active = sql(() -> bindings.active(party));
        assertThat(active).hasSize(1);
        assertThat(active.get(0).status()).isEqualTo("ACTIVE");
        assertThat(active.get(0).holderName()).isEqualTo("乌兰");
        assertThat(count("select count(*) from certificate_binding where party_id = ? and is_primary", party)).isEqualTo(1);
        assertThat(count("select count(*) from ledger_entry where record_type = 'certificate-binding' and action = 'BIND' "
                + "and record_id in (select id::text from certificate_binding where party_id = ?)", party)).isEqualTo(1);

        long again = inRequest(token, () -> bindings.registerCurrentHolder(new ContactDetails("13900000000", "other@example.cn")));
        assertThat(again).isEqualTo(party);
        assertThat(count("select count(*) from certificate_binding where party_id = ?", party)).isEqualTo(1);
        assertThat(sql(() -> data.jdbc().sql("select basic_info from party where id = ?").param(party).query(String.class).single()))
                .as("contact details that are set stay").contains("13800471001").doesNotContain("13900000000");
        assertThat(me(token)).isEqualTo(200);
    }

    @Test
    @DisplayName("X-05: an enterprise's certificate is refused (409 not-natural-person), so is a call without a certificate session "
            + "(403 certificate-required); nothing is written")
    void refusals() {
        DemoCaClient company = new DemoCaClient(port, "SM2");
        String token = login(company, "ENTERPRISE", DemoCaClient.uscc("91150100MA0NMG001"), "呼和浩特示例有限公司");
        long parties = count("select count(*) from party");
        long bound = count("select count(*) from certificate_binding");

        assertThatThrownBy(() -> inRequest(token, () -> bindings.registerCurrentHolder(new ContactDetails(null, null))))
                .isInstanceOfSatisfying(BindingException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("not-natural-person");
                });
        assertThatThrownBy(() -> sql(() -> bindings.registerCurrentHolder(new ContactDetails(null, null))))
                .isInstanceOfSatisfying(BindingException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("certificate-required");
                });
        assertThat(count("select count(*) from party")).isEqualTo(parties);
        assertThat(count("select count(*) from certificate_binding")).isEqualTo(bound);
    }

    @Test
    @DisplayName("NMG-06, X-05: ending a binding (no request session, a reviewer as actor) voids it, ends every session of that "
            + "certificate at once (401), writes the ledger and certificate.revoked (BINDING_VOIDED); the old key logs in no more, "
            + "a new key of the person binds to the same party as its primary")
    void endThenNewKey() throws Exception {
        DemoCaClient lost = new DemoCaClient(port, "SM2");
        String token = login(lost, "PERSON", "150102198807120028", "其其格");
        String beforeRegistration = lost.login(TENANT).json().get("token").asText();
        long party = inRequest(token, () -> bindings.registerCurrentHolder(new ContactDetails("13800471002", null)));
        String second = lost.login(TENANT).json().get("token").asText(); // another device
        assertThat(me(second)).isEqualTo(200);
        String fingerprint = sql(() -> bindings.active(party)).get(0).fingerprint();
        assertThat(me(token)).isEqualTo(200);

        sql(() -> {
            bindings.end(party, fingerprint, "钥匙遗失，身份证号与短信验证码已核对", "reviewer:nmg-r1");
            return null;
        });

        assertThat(me(token)).isEqualTo(401);
        assertThat(me(second)).as("every session of the certificate").isEqualTo(401);
        assertThat(me(beforeRegistration)).as("also one opened before the holder registered").isEqualTo(401);
        assertThat(sql(() -> bindings.active(party))).isEmpty();
        assertThat(count("select count(*) from certificate_binding where party_id = ? and status = 'VOIDED' and not is_primary "
                + "and void_reason like '钥匙遗失%'", party)).isEqualTo(1);
        assertThat(count("select count(*) from ledger_entry where record_type = 'certificate-binding' and action = 'VOID' "
                + "and actor = 'reviewer:nmg-r1'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where type = 'certificate.revoked' and body like '%BINDING_VOIDED%' "
                + "and body like '%VOIDED%'")).isEqualTo(1);
        // a plugin's handler that catches the refusal keeps its transaction: it commits
        assertThat(sql(() -> transactions.inTransaction(() -> {
            try {
                bindings.end(party, fingerprint, "again", "reviewer:nmg-r1");
                return "ended";
            } catch (BindingException e) {
                return e.status() + " " + e.code();
            }
        }))).isEqualTo("404 not-found");

        assertThat(lost.login(TENANT).status()).as("the voided key logs in no more").isEqualTo(403);

        DemoCaClient replacement = new DemoCaClient(port, "SM2");
        String fresh = login(replacement, "PERSON", "150102198807120028", "其其格");
        assertThat(inRequest(fresh, () -> bindings.registerCurrentHolder(new ContactDetails(null, null)))).isEqualTo(party);
        assertThat(sql(() -> bindings.active(party))).singleElement().satisfies(b -> assertThat(b.fingerprint()).isNotEqualTo(fingerprint));
        assertThat(count("select count(*) from certificate_binding where party_id = ? and status = 'ACTIVE' and is_primary", party))
                .isEqualTo(1);
        assertThat(me(fresh)).isEqualTo(200);
    }
}
