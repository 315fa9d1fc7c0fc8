package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;

/**
 * Host service: the current tenant's OpenID Connect relying parties (other platforms that sign their users in
 * through the portal) and the consents parties gave them.
 */
public interface RelyingParties {

    /** The relying parties the operator listed in the portal's platform picker (进入授权), in the operator's order. */
    List<RelyingParty> listed();

    /** The platforms a party has consented to, with when. */
    List<Consent> consents(long partyId);

    /** Withdraws the party's consent to a platform (its tokens for the party end too); false when there was none. */
    boolean revoke(long partyId, String clientId);

    /**
     * @param initiateLoginUri the platform's login-initiation URL (OpenID Connect {@code initiate_login_uri}): the
     *                         picker sends the browser there with {@code iss}, and the platform starts the login
     */
    record RelyingParty(String clientId, String name, String initiateLoginUri) {
    }

    record Consent(String clientId, String name, List<String> scopes, Instant grantedAt) {
    }
}
