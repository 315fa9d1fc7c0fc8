package cn.huren.server.oidc;

import cn.huren.plugin.api.RelyingPartyLoginListener;
import cn.huren.plugin.api.RelyingPartyLoginListener.Refused;
import cn.huren.plugin.api.RelyingPartyLoginListener.RelyingPartyLogin;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.portal.PortalLogin;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answer once a code is issued (after consent, or with consent remembered): the
 * tenant's plugin's {@link RelyingPartyLoginListener}s are told first, on this request thread and outside any
 * transaction. A {@link Refused} stops the login: the code's authorization goes (the code can never be
 * redeemed), a consent given in this very request is taken back (the next try is again the first), and the
 * browser sees the message on the portal instead of going back to the platform. Otherwise the redirect is SAS's own.
 */
final class RelyingPartyReturn implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(RelyingPartyReturn.class);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private final InstalledPlugins plugins;
    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final OAuth2AuthorizationService authorizations;

    RelyingPartyReturn(InstalledPlugins plugins, RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
                       OAuth2AuthorizationService authorizations) {
        this.plugins = plugins;
        this.clients = clients;
        this.consents = consents;
        this.authorizations = authorizations;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        TenantDescriptor tenant = TenantContext.require();
        List<RelyingPartyLoginListener> listeners = tenant.pluginId() == null ? List.of()
                : plugins.extensions(RelyingPartyLoginListener.class, tenant.pluginId());
        if (!listeners.isEmpty() && answer.getPrincipal() instanceof Authentication principal
                && principal.getDetails() instanceof Map<?, ?> facts && facts.get("party_id") instanceof String partyId) {
            RegisteredClient client = clients.findByClientId(answer.getClientId());
            OAuth2AuthorizationConsent given = (OAuth2AuthorizationConsent) request.getAttribute(RememberedConsents.NEW_CONSENT);
            // first time: consent given in this request, or none kept (SAS asks none for openid alone)
            boolean firstTime = given != null || consents.findById(client.getId(), principal.getName()) == null;
            RelyingPartyLogin login = new RelyingPartyLogin(client.getClientId(), client.getClientName(), Long.parseLong(partyId),
                    (String) facts.get("certificate_fingerprint"), firstTime);
            String refusedZh;
            String refusedEn;
            try {
                for (RelyingPartyLoginListener listener : listeners) {
                    listener.loggingIn(login);
                }
                refusedZh = null;
                refusedEn = null;
            } catch (Refused refused) {
                log.info("login of party {} to relying party {} of tenant {} refused by plugin {}: {}", partyId, client.getClientId(),
                        tenant.code(), tenant.pluginId(), refused.getMessage());
                refusedZh = refused.messageZh();
                refusedEn = refused.messageEn();
            } catch (RuntimeException failed) {
                // a plugin that fails is no approval: the code must not reach the relying party, as for a refusal
                log.warn("login of party {} to relying party {} of tenant {}: plugin {} failed", partyId, client.getClientId(),
                        tenant.code(), tenant.pluginId(), failed);
                refusedZh = "暂时无法登录该系统，请稍后再试。";
                refusedEn = "Signing in to this system is not possible right now; please try again later.";
            }
            if (refusedZh != null) {
                OAuth2Authorization issued = authorizations.findByToken(answer.getAuthorizationCode().getTokenValue(), CODE);
                if (issued != null) {
                    authorizations.remove(issued);
                }
                if (given != null) {
                    consents.remove(given);
                }
                response.sendRedirect(PortalLogin.showRefusal(request, refusedZh, refusedEn));
                return;
            }
        }
        // as SAS's OAuth2AuthorizationEndpointFilter answers
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(answer.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, answer.getAuthorizationCode().getTokenValue());
        if (StringUtils.hasText(answer.getState())) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(answer.getState(), StandardCharsets.UTF_8));
        }
        response.sendRedirect(uri.build(true).toUriString());
    }
}
