package cn.huren.server.oidc;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The host service {@link cn.huren.plugin.api.RelyingParties} of the current tenant, for plugins and the portal's
 * platform picker: the relying parties listed for the picker, a party's consents, a revocation.
 */
@Component
class HostRelyingParties implements cn.huren.plugin.api.RelyingParties {

    private final RelyingParties relyingParties;
    private final OidcConsents consents;

    HostRelyingParties(RelyingParties relyingParties, OidcConsents consents) {
        this.relyingParties = relyingParties;
        this.consents = consents;
    }

    @Override
    public List<RelyingParty> listed() {
        return relyingParties.listed().stream().map(l -> new RelyingParty(l.clientId(), l.name(), l.initiateLoginUri())).toList();
    }

    @Override
    public List<Consent> consents(long partyId) {
        return consents.of(partyId);
    }

    @Override
    public boolean revoke(long partyId, String clientId) {
        return consents.revoke(partyId, clientId, actor(partyId));
    }

    /** Who revokes, for the ledger: the signed-in session when there is one (portal, party API), else the party. */
    private static String actor(long partyId) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PartyPrincipal p && p.partyId() != null && p.partyId() == partyId) {
            return p.actor();
        }
        return "party:" + partyId;
    }
}
