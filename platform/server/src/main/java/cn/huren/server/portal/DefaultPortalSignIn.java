package cn.huren.server.portal;

import cn.huren.plugin.api.PortalSignIn;
import cn.huren.plugin.api.VerifiedPerson;
import cn.huren.server.login.IdentityLogin;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The host's end of an external login (JS-10, JS-13): the person a plugin's identity provider
 * verified becomes a natural-person party on first login and is matched by resident ID afterwards;
 * the browser gets a fresh session id holding a party session without certificate.
 */
@Component
class DefaultPortalSignIn implements PortalSignIn {

    private static final Logger log = LoggerFactory.getLogger(DefaultPortalSignIn.class);
    private static final String PHONE = "^1\\d{10}$";

    private final PartyRegistration parties;
    private final IdentityLogin identityLogin;
    private final TenantDirectory directory;

    DefaultPortalSignIn(PartyRegistration parties, IdentityLogin identityLogin, TenantDirectory directory) {
        this.parties = parties;
        this.identityLogin = identityLogin;
        this.directory = directory;
    }

    @Override
    public String signIn(VerifiedPerson person) {
        HttpServletRequest request = request();
        TenantDescriptor tenant = TenantContext.require();
        VerifiedIdentity identity;
        try {
            if (person == null || person.source() == null || !person.source().matches("[a-z][a-z0-9-]{1,31}")) {
                throw new IllegalArgumentException("a verified person names its login method (source)");
            }
            identity = new VerifiedIdentity(PartyKind.NATURAL_PERSON, person.residentId(), person.name(), person.source());
        } catch (IllegalArgumentException e) { // incl. InvalidIdentifierException: which rule the ID number fails
            log.warn("external login of tenant {} refused: {}", tenant.code(), e.getMessage());
            return refused("身份平台返回的身份信息无效，无法登录：" + e.getMessage(),
                    "The identity provider returned an identity that cannot be used: " + e.getMessage());
        }
        VerifiedIdentity verified = identity;
        String session;
        try {
            // the login limits are charged before the party is registered or its phone suggested: over a limit nothing is written
            session = identityLogin.openIdentity(verified.identifier(), verified.verifiedBy(), request.getRemoteAddr(), () -> {
                PartyView party = parties.register(verified);
                if (person.phone() != null && person.phone().matches(PHONE)) {
                    parties.suggestContactPhone(party.id(), person.phone(), "login:" + verified.verifiedBy());
                }
                return new IdentityLogin.IdentityParty(party.id(), party.name());
            });
        } catch (TooManyRequests e) { // the login limits: the login page says how long to wait
            long seconds = e.retryAfterSeconds().orElse(60);
            log.info("external login of tenant {} refused: {}", tenant.code(), e.getMessage());
            return refused("登录过于频繁，请 " + seconds + " 秒后再试。", "Too many logins; please try again in " + seconds + " s.");
        }
        PortalSession.signIn(request, tenant, session);
        return base(request, tenant) + "/login/next";
    }

    @Override
    public String refused(String messageZh, String messageEn) {
        HttpServletRequest request = request();
        TenantDescriptor tenant = TenantContext.require();
        PortalSession.notice(request, tenant, clip(messageZh), clip(messageEn));
        return base(request, tenant) + "/login";
    }

    /** The portal's prefix for this browser: none when the host names the tenant, {@code /t/{code}} otherwise. */
    private String base(HttpServletRequest request, TenantDescriptor tenant) {
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(java.util.Locale.ROOT);
        return directory.byHost(host).isPresent() ? "" : "/t/" + tenant.code();
    }

    private static HttpServletRequest request() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        throw new IllegalStateException("PortalSignIn is called while handling the browser's request only");
    }

    private static String clip(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 300 ? t.substring(0, 300) : t;
    }
}
