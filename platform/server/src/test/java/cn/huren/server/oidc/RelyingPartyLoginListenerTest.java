package cn.huren.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.RelyingPartyLoginListener;
import cn.huren.plugin.api.RelyingPartyLoginListener.RelyingPartyLogin;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.plugins.PluginStatus;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The authorization endpoint's answer with the tenant's plugin's {@link RelyingPartyLoginListener}s: here a test
 * double stands in for the plugin's extension (the handler finds listeners through {@link InstalledPlugins}, as it
 * does for a real plugin); the store, clients and consents are the tenant's real ones.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelyingPartyLoginListenerTest {

    static final String REDIRECT = "https://rp.example.com/callback";
    static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    @LocalServerPort
    int port;

    @Autowired
    TenantClients clients;

    @Autowired
    OAuth2AuthorizationConsentService consents;

    @Autowired
    TenantAuthorizations authorizations;

    @Autowired
    TenantDirectory directory;

    TenantDescriptor tenant;
    RegisteredClient client;
    final List<RelyingPartyLogin> heard = new ArrayList<>();

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body("lis1", "jiangsu", "lis1.localhost")).status()).isEqualTo(201);
        JsonNode rp = op.post("/api/platform/tenants/lis1/oidc-clients", Map.of("name", "监听测试平台", "redirectUris", List.of(REDIRECT),
                "publicClient", true)).json();
        tenant = directory.byCode("lis1").orElseThrow();
        client = TenantContext.callAs(tenant, () -> clients.findByClientId(rp.get("clientId").asText()));
    }

    @Test
    @DisplayName("a listener hears each login before the redirect with its code: first time after a new consent, not with remembered consent")
    void listenersHearLogins() throws Exception {
        RelyingPartyReturn answer = new RelyingPartyReturn(plugins(login -> heard.add(login)), clients, consents, authorizations);

        MockHttpServletResponse first = respond(answer, 501, true);
        assertThat(first.getRedirectedUrl()).startsWith(REDIRECT + "?code=").contains("state=s-1");
        MockHttpServletResponse again = respond(answer, 501, false);
        assertThat(again.getRedirectedUrl()).startsWith(REDIRECT + "?code=");

        assertThat(heard).extracting(RelyingPartyLogin::firstTime).containsExactly(true, false);
        assertThat(heard.get(0).partyId()).isEqualTo(501);
        assertThat(heard.get(0).certificateFingerprint()).isEqualTo("fp-501");
        assertThat(heard.get(0).clientId()).isEqualTo(client.getClientId());
        assertThat(heard.get(0).clientName()).isEqualTo("监听测试平台");
    }

    @Test
    @DisplayName("a listener's refusal stops the login: no redirect with a code, the code is void, the new consent is taken back, the portal shows why")
    void refusalStopsTheRedirect() throws Exception {
        RelyingPartyReturn answer = new RelyingPartyReturn(plugins(login -> {
            throw new RelyingPartyLoginListener.Refused("请先完成主体信息验证。", "Complete the registry intake first.");
        }), clients, consents, authorizations);

        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/authorize");
        MockHttpServletResponse response = new MockHttpServletResponse();
        String code = UUID.randomUUID().toString();
        respond(answer, 502, true, code, request, response);

        assertThat(response.getRedirectedUrl()).isEqualTo("/platforms/refused");
        assertThat((String[]) request.getSession().getAttribute("huren.refusal.lis1"))
                .containsExactly("请先完成主体信息验证。", "Complete the registry intake first.");
        TenantContext.callAs(tenant, () -> {
            assertThat(authorizations.findByToken(code, CODE)).as("the code can never be redeemed").isNull();
            assertThat(consents.findById(client.getId(), "party-502")).as("the next try is again the first").isNull();
            return null;
        });
    }

    @Test
    @DisplayName("a listener that fails (any exception) stops the login like a refusal: no code, the code is void, the consent taken back, a generic message")
    void failureStopsTheRedirect() throws Exception {
        RelyingPartyReturn answer = new RelyingPartyReturn(plugins(login -> {
            throw new IllegalStateException("the plugin's database is down");
        }), clients, consents, authorizations);

        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/authorize");
        MockHttpServletResponse response = new MockHttpServletResponse();
        String code = UUID.randomUUID().toString();
        respond(answer, 503, true, code, request, response);

        assertThat(response.getRedirectedUrl()).isEqualTo("/platforms/refused");
        assertThat((String[]) request.getSession().getAttribute("huren.refusal.lis1"))
                .containsExactly("暂时无法登录该系统，请稍后再试。", "Signing in to this system is not possible right now; please try again later.");
        TenantContext.callAs(tenant, () -> {
            assertThat(authorizations.findByToken(code, CODE)).as("the code can never be redeemed").isNull();
            assertThat(consents.findById(client.getId(), "party-503")).as("the next try is again the first").isNull();
            return null;
        });
    }

    private MockHttpServletResponse respond(RelyingPartyReturn answer, long partyId, boolean consentNow) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        respond(answer, partyId, consentNow, UUID.randomUUID().toString(), new MockHttpServletRequest("POST", "/oauth2/authorize"), response);
        return response;
    }

    /** What SAS does before its answer: the authorization with its code stored, the consent (if given now) saved. */
    private void respond(RelyingPartyReturn answer, long partyId, boolean consentNow, String code, MockHttpServletRequest request,
                         MockHttpServletResponse response) throws Exception {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        try {
            TenantContext.callAs(tenant, () -> {
                String principalName = PartyClaims.SUBJECT_PREFIX + partyId;
                UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(principalName, null, List.of());
                principal.setDetails(Map.of("party_id", Long.toString(partyId), "certificate_fingerprint", "fp-" + partyId));
                OAuth2AuthorizationCode issued = new OAuth2AuthorizationCode(code, Instant.now(), Instant.now().plusSeconds(300));
                authorizations.save(OAuth2Authorization.withRegisteredClient(client).id(UUID.randomUUID().toString())
                        .principalName(principalName).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizedScopes(Set.of("openid", "profile")).token(issued).build());
                if (consentNow) {
                    consents.save(OAuth2AuthorizationConsent.withId(client.getId(), principalName).scope("openid").scope("profile").build());
                }
                try {
                    answer.onAuthenticationSuccess(request, response, new OAuth2AuthorizationCodeRequestAuthenticationToken(
                            "http://lis1.localhost/oauth2/authorize", client.getClientId(), principal, issued, REDIRECT, "s-1",
                            Set.of("openid", "profile")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    /** The tenant's plugin (jiangsu) as the handler sees it, contributing one listener. */
    private static InstalledPlugins plugins(RelyingPartyLoginListener listener) {
        return new InstalledPlugins() {
            @Override
            public List<PluginStatus> statuses() {
                return List.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> List<T> extensions(Class<T> type, String pluginId) {
                return type == RelyingPartyLoginListener.class && "jiangsu".equals(pluginId) ? List.of((T) listener) : List.of();
            }
        };
    }
}
