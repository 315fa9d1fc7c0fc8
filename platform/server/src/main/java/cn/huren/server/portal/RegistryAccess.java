package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import org.springframework.stereotype.Component;

/** JS-07: registry pages open once basic information is maintained; the access says whether the page may offer changes. */
@Component
class RegistryAccess {

    private final CertificateBindings bindings;
    private final PartyRegistration parties;

    RegistryAccess(CertificateBindings bindings, PartyRegistration parties) {
        this.bindings = bindings;
        this.parties = parties;
    }

    CertificateBindings.Access registered(PartyPrincipal me) {
        CertificateBindings.Access access = bindings.access(me);
        parties.requireRegistered(access.partyId());
        return access;
    }
}
