package cn.huren.server.session;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Signs a request in as a party session: the API's token filter and the portal's session filter
 * both come here, so both resolve the same {@link PartyAccess}, once per request (never kept in a
 * cookie session: a certificate disabled or voided meanwhile shows on the next request).
 */
@Component
public class PartyAccesses {

    static final String ATTRIBUTE = PartyAccess.class.getName();

    private final PartyAccess.BindingLookup bindings;
    private final LoginPolicies policies;
    private final AtomicLong lookups = new AtomicLong();

    PartyAccesses(PartyAccess.BindingLookup bindings, LoginPolicies policies) {
        this.bindings = bindings;
        this.policies = policies;
    }

    /**
     * The request now acts as {@code principal}: its access, read now, is a request attribute for
     * controllers ({@link PartyAccessArguments}); ROLE_ACCOUNT for an account's session, ROLE_CERTIFIED for any other live session, ROLE_PARTY
     * for a member of its party ({@link PartyAccess#partyMember}: for an account, only where the tenant's login policy lets it
     * reach its verified person's registry data).
     */
    public PartyAccess signIn(HttpServletRequest request, PartyPrincipal principal) {
        PartyAccess access = resolve(principal);
        request.setAttribute(ATTRIBUTE, access);
        // an account session (password, SMS code) is ROLE_ACCOUNT: it reaches the account's own API and pages, and the
        // portal's frame (ROLE_PARTY) only where the tenant's login policy lets it reach its person's registry data
        List<SimpleGrantedAuthority> roles = new ArrayList<>(List.of(new SimpleGrantedAuthority(
                access.accountSession() ? "ROLE_ACCOUNT" : "ROLE_CERTIFIED")));
        if (access.partyMember()) {
            roles.add(new SimpleGrantedAuthority("ROLE_PARTY"));
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, roles));
        return access;
    }

    /** The request's access, when a session signed it in. */
    public static PartyAccess of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof PartyAccess access ? access : null;
    }

    PartyAccess resolve(PartyPrincipal principal) {
        LoginPolicy policy = policies.current(); // cached per tenant: no read here
        if (principal.partyId() == null || principal.certificateFingerprint() == null) {
            return new PartyAccess(principal, false, false, false, policy); // not registered, or no certificate: no binding to read
        }
        lookups.incrementAndGet();
        return bindings.activeBinding(principal.partyId(), principal.certificateFingerprint())
                .map(b -> new PartyAccess(principal, true, b.primary(), b.disabled(), policy))
                .orElseGet(() -> new PartyAccess(principal, false, false, false, policy));
    }

    /** How many binding rows were read for access so far (a test counts them per request). */
    public long lookups() {
        return lookups.get();
    }
}
