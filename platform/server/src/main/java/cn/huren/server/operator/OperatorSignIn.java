package cn.huren.server.operator;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * An operator's name and password (Basic on the platform API, the console's form), checked inside
 * {@link LoginThrottle#attempt}, so that counting and checking are one step. Wrong password, unknown
 * name, disabled account and blocked address get the same answer and (but for a blocked one, which
 * is not checked at all) the same Argon2 work: an unknown name or a disabled account is checked
 * against a hash nothing matches.
 */
@Component
class OperatorSignIn implements AuthenticationProvider {

    private final OperatorAccounts accounts;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;

    OperatorSignIn(OperatorAccounts accounts, LoginThrottle throttle, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        UserDetails[] signedIn = new UserDetails[1];
        boolean matched = throttle.attempt(name, () -> {
            Optional<OperatorAccounts.Credentials> operator = accounts.credentials(name).filter(OperatorAccounts.Credentials::enabled);
            boolean ok = passwords.matches(password, operator.map(OperatorAccounts.Credentials::passwordHash).orElseGet(accounts::unmatchable));
            if (ok && operator.isPresent()) {
                signedIn[0] = User.withUsername(operator.get().username()).password("")
                        .authorities(ConsoleRoles.authorities(operator.get().role(), operator.get().tenantCode())).build();
                return true;
            }
            return false;
        });
        if (!matched || signedIn[0] == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(signedIn[0], null, signedIn[0].getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
