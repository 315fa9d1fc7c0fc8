package cn.huren.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * SAS's consent store of the tenant, noting a consent given for the first time: stamped with its time, and marked on
 * the request so that the login listeners hear {@code firstTime} ({@link RelyingPartyReturn}).
 */
final class RememberedConsents implements OAuth2AuthorizationConsentService {

    static final String NEW_CONSENT = RememberedConsents.class.getName() + ".new";

    private final OAuth2AuthorizationConsentService delegate;
    private final OidcConsents consents;

    RememberedConsents(OAuth2AuthorizationConsentService delegate, OidcConsents consents) {
        this.delegate = delegate;
        this.consents = consents;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        boolean first = delegate.findById(consent.getRegisteredClientId(), consent.getPrincipalName()) == null;
        delegate.save(consent);
        if (first) {
            consents.granted(consent.getRegisteredClientId(), consent.getPrincipalName());
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                request.setAttribute(NEW_CONSENT, consent);
            }
        }
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        delegate.remove(consent);
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return delegate.findById(registeredClientId, principalName);
    }
}
