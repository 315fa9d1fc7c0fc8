package cn.huren.server.oidc;

import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.portal.PortalLogin;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.SecurityChainOrder;
import cn.huren.server.support.SecurityHeaders;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Authorization Server, one provider per tenant on the tenant's host: no issuer is configured,
 * so it is derived from the request (http://js.localhost:8080 on js's host), and every store and key
 * is the current tenant's (its schema). Requests without a tenant (localhost, the platform) and the
 * path form /t/{code}/… reach no endpoint: an issuer must be one stable URL per tenant. The chain
 * comes before the portal's catch-all (3); its paths are disjoint from the API chains (0–2).
 */
@Configuration(proxyBeanMethods = false)
class OidcConfig {

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    @Order(SecurityChainOrder.OIDC_PROVIDER)
    SecurityFilterChain oidcProviderChain(HttpSecurity http, PartySessions sessions, PartyAccesses accesses,
                                          PartyClaims claims, cn.huren.plugin.api.PortalSignIn signIn, InstalledPlugins plugins,
                                          TenantClients clients, OAuth2AuthorizationConsentService consents,
                                          TenantAuthorizations authorizations) throws Exception {
        OAuth2AuthorizationServerConfigurer provider = OAuth2AuthorizationServerConfigurer.authorizationServer();
        RequestMatcher endpoints = provider.getEndpointsMatcher();
        RequestMatcher authorize = request -> request.getRequestURI().equals("/oauth2/authorize");
        OncePerRequestFilter portalSession = PortalLogin.sessionFilter(sessions, accesses);
        http.securityMatcher(request -> TenantContext.current().isPresent() && endpoints.matches(request))
                .with(provider, server -> server
                        .authorizationEndpoint(a -> a.consentPage("/oauth2/consent")
                                // the tenant's plugin hears of each login to a relying party first, and may refuse it
                                .authorizationResponseHandler(new RelyingPartyReturn(plugins, clients, consents, authorizations)))
                        .clientAuthentication(c -> c.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                secrets.setPasswordEncoder(new ClientSecrets());
                            }
                        })))
                        .oidc(oidc -> oidc.userInfoEndpoint(u -> u.userInfoMapper(OidcConfig::userInfo))))
                // the portal's browser session, read per request; never stored in the HTTP session from here
                .securityContext(sc -> sc.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .addFilterBefore(portalSession, LogoutFilter.class)
                .addFilterAfter(new PartyBridge(claims, signIn, authorize), portalSession.getClass())
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, e) -> {
                    // back to this authorization request once the browser has signed in with a certificate
                    PortalLogin.continueHereAfterLogin(request);
                    response.sendRedirect("/login/next");
                }, authorize))
                .headers(SecurityHeaders::apply);
        return http.build();
    }

    @Bean
    OAuth2AuthorizationConsentService oauth2Consents(TenantData data, TenantClients clients, OidcConsents consents) {
        return new RememberedConsents(new JdbcOAuth2AuthorizationConsentService(data.template(), clients), consents);
    }

    @Bean
    JWKSource<SecurityContext> tenantJwks(SigningKeys keys) {
        return TenantTokens.published(keys);
    }

    @Bean
    JwtEncoder tenantJwtEncoder(SigningKeys keys) {
        return TenantTokens.encoder(keys);
    }

    /** Verifies the current tenant's tokens: userinfo here, bearer tokens on the v1 API (client package). */
    @Bean
    JwtDecoder tenantJwtDecoder(SigningKeys keys, TenantDirectory tenants) {
        return TenantTokens.decoder(keys, tenants);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaims() {
        return context -> {
            context.getClaims().claim("huren_tenant", TenantContext.require().code());
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                PartyClaims.claims(context.getPrincipal()).forEach(context.getClaims()::claim);
            }
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    && context.getAuthorizedScopes().isEmpty()) {
                // no scope asked for: the client's scopes, as with a signed request
                context.getClaims().claim("scope", context.getRegisteredClient().getScopes());
            }
        };
    }

    /** Userinfo says what the ID token said: the subject, the name and the huren_* claims. */
    private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        OidcIdToken idToken = context.getAuthorization().getToken(OidcIdToken.class).getToken();
        Map<String, Object> claims = new LinkedHashMap<>();
        idToken.getClaims().forEach((name, value) -> {
            if (name.equals("sub") || name.equals("name") || name.startsWith("huren_")) {
                claims.put(name, value);
            }
        });
        return new OidcUserInfo(claims);
    }
}
