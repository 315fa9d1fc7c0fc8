package cn.huren.plugin.api;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The signed-in user of a request.
 *
 * @param partyId        the party the session may read (the core's access checks passed: the tenant's login policy lets
 *                       this way of signing in reach the registry, the certificate is activated for the party and not
 *                       disabled, an account is real-name verified); empty otherwise, e.g. while a certificate's holder is
 *                       not registered yet
 * @param partyKind      {@code NATURAL_PERSON} or {@code ENTERPRISE}; null while unregistered
 * @param name           the party's name, or the certificate holder's while unregistered
 * @param identifier     resident ID (natural person) or USCC (enterprise)
 * @param authentication how the session was opened: {@code CERTIFICATE}, {@code IDENTITY_PROVIDER}, {@code PASSWORD},
 *                       {@code SMS_CODE}
 * @param certificate    the certificate the session was opened with (key or mobile), when it was
 * @param sessionId      an opaque id of the session (stable for its life), e.g. to bind a page's state to it
 * @param mayWrite       the session may change its party's data as the core lets it (the policy lets this way of
 *                       signing in write, and among certificates only the party's primary, 主锁); a plugin asks this
 *                       before every change of the party's data
 * @param certificateSession the session was opened with a certificate (USB key or mobile certificate), not by an
 *                       account (password, SMS code) nor an identity provider
 */
public record PortalUser(OptionalLong partyId, String partyKind, String name, String identifier, String authentication,
                         Optional<PresentedCertificate> certificate, String sessionId, boolean mayWrite,
                         boolean certificateSession) {

    public boolean naturalPerson() {
        return "NATURAL_PERSON".equals(partyKind) || partyKind == null && certificate.map(c -> "NATURAL_PERSON".equals(c.holderKind())).orElse(false);
    }
}
