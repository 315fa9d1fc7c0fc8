package cn.huren.server.portal;

import cn.huren.server.party.PartyRegistration;
import cn.huren.server.session.PartyAccess;
import org.springframework.stereotype.Component;

/** JS-07: registry pages open once basic information is maintained; {@link PartyAccess#mayWrite} says whether a page may offer changes. */
@Component
class RegistryAccess {

    private final PartyRegistration parties;

    RegistryAccess(PartyRegistration parties) {
        this.parties = parties;
    }

    /** The party whose registry the session reads. */
    long registered(PartyAccess me) {
        long partyId = me.requireRead();
        parties.requireRegistered(partyId);
        return partyId;
    }
}
