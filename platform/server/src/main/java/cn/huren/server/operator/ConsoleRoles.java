package cn.huren.server.operator;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The two kinds of console account: a platform operator (ROLE_OPERATOR: onboarding, tenants, logs) and a
 * tenant reviewer (ROLE_REVIEWER with {@code TENANT_<code>}: that tenant's review queue only, 审核端).
 */
public final class ConsoleRoles {

    public static final String OPERATOR = "OPERATOR";
    public static final String REVIEWER = "REVIEWER";
    private static final String TENANT = "TENANT_";

    private ConsoleRoles() {
    }

    static List<GrantedAuthority> authorities(String role, String tenantCode) {
        if (REVIEWER.equals(role) && tenantCode != null) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + REVIEWER), new SimpleGrantedAuthority(TENANT + tenantCode));
        }
        if (OPERATOR.equals(role) && tenantCode == null) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + OPERATOR));
        }
        // a role this code does not know gets nothing: never an operator's rights by default
        throw new org.springframework.security.authentication.InternalAuthenticationServiceException("console account with unknown role " + role);
    }

    /** The tenant a signed-in reviewer reviews for; empty for anyone else (an operator included). */
    public static Optional<String> reviewerTenant(Authentication authentication) {
        if (authentication == null || authentication.getAuthorities().stream().noneMatch(a -> ("ROLE_" + REVIEWER).equals(a.getAuthority()))) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(TENANT)).map(a -> a.substring(TENANT.length())).findFirst();
    }

    /** Whether the signed-in console account reviews for {@code tenantCode}. */
    public static boolean reviews(Authentication authentication, String tenantCode) {
        return reviewerTenant(authentication).filter(t -> t.equals(tenantCode)).isPresent();
    }
}
