package cn.huren.server.support;

/**
 * The order of the security filter chains, in one place. Spring Security hands a request to the
 * first chain whose matcher matches it, and to that chain only; the portal's chain matches
 * everything, so it comes last. The matchers of the chains before it do not overlap (docs/architecture.md),
 * so their order among themselves decides nothing today; it is fixed here so that it stays what it
 * was when three of them shared one {@code @Order} (the login API, then the party API, then OpenID).
 */
public final class SecurityChainOrder {

    /** Trading systems: /api/t/{tenant}/v1/…, and plugin endpoints called with a client's signature ({@code client}). */
    public static final int CLIENT_API = 0;

    /** Operators: /api/platform/**, /console/**, /actuator/** ({@code operator}). */
    public static final int PLATFORM = 1;

    /** The login API, stateless and open: /api/t/{tenant}/login/challenges…, and the accounts' sms-codes, accounts, account-sessions, password-resets ({@code session}). */
    public static final int LOGIN_API = 2;

    /** A party's own API with its bearer session: /api/t/{tenant}/me… ({@code session}). */
    public static final int PARTY_API = 3;

    /** The OpenID provider's endpoints (/oauth2/…, /userinfo, /.well-known/…) on a tenant's host ({@code oidc}). */
    public static final int OIDC_PROVIDER = 4;

    /** The portal's pages, and every request no chain above took ({@code portal}). */
    public static final int PORTAL = 5;

    private SecurityChainOrder() {
    }
}
