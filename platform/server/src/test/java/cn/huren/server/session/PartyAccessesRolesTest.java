package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Where a session's roles come from: {@link PartyAccesses#signIn} with the tenant's login policy. */
class PartyAccessesRolesTest {

    /** The policy of the request's tenant, fixed for the test. */
    static LoginPolicies fixed(LoginPolicy policy) {
        return new LoginPolicies(null) {
            @Override
            public LoginPolicy current() {
                return policy;
            }
        };
    }

    static String[] roles(LoginPolicy policy, PartyPrincipal principal) {
        PartyAccesses accesses = new PartyAccesses((party, fingerprint) -> Optional.of(new PartyAccess.ActiveBinding(true, false)), fixed(policy));
        PartyAccess access = accesses.signIn(new MockHttpServletRequest(), principal);
        assertThat(access.policy()).isSameAs(policy);
        return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .toArray(String[]::new);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @DisplayName("an account is ROLE_ACCOUNT always, and ROLE_PARTY (the portal's frame) only verified and where the policy lets it read")
    void accountRoles() {
        assertThat(roles(LoginPolicy.DEFAULT, LoginPolicyUnitTest.account(5L, "password"))).containsExactly("ROLE_ACCOUNT");
        assertThat(roles(LoginPolicyUnitTest.OPEN, LoginPolicyUnitTest.account(5L, "sms"))).containsExactly("ROLE_ACCOUNT", "ROLE_PARTY");
        assertThat(roles(LoginPolicyUnitTest.OPEN, LoginPolicyUnitTest.account(null, "password"))).containsExactly("ROLE_ACCOUNT");
    }

    @Test
    @DisplayName("certificates and 苏服办 keep today's roles under the default policy")
    void otherRoles() {
        assertThat(roles(LoginPolicy.DEFAULT, LoginPolicyUnitTest.certificate(9L))).containsExactly("ROLE_CERTIFIED", "ROLE_PARTY");
        assertThat(roles(LoginPolicy.DEFAULT, LoginPolicyUnitTest.certificate(null))).containsExactly("ROLE_CERTIFIED");
        assertThat(roles(LoginPolicy.DEFAULT, LoginPolicyUnitTest.identity(9L))).containsExactly("ROLE_CERTIFIED", "ROLE_PARTY");
    }
}
