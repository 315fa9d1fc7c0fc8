package cn.huren.server.login;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What a signed-in certificate holder does before using the registry: register (no party yet,
 * JS-02, JS-05, JS-06) or activate a new or renewed certificate of a registered party (JS-17–JS-19,
 * JS-77). Both bind the session's certificate with the medium it answered from; the API and the
 * portal pages share this.
 */
@Service
public class Accounts {

    /** Where a session goes next: ACCOUNT is the account's own pages (/account), for an account the login policy keeps off the registry or not yet verified. */
    public enum Next { REGISTER, ACTIVATE, READY, ACCOUNT }

    private final PartyRegistration parties;
    private final PartySessions sessions;
    private final CertificateBindings bindings;
    private final CertificateVerifier verifier;

    Accounts(PartyRegistration parties, PartySessions sessions, CertificateBindings bindings, CertificateVerifier verifier) {
        this.parties = parties;
        this.sessions = sessions;
        this.bindings = bindings;
        this.verifier = verifier;
    }

    public Next next(PartyAccess me) {
        if (me.accountSession() && !me.personSession()) {
            return Next.ACCOUNT; // neither registers nor activates anything: its own pages, never a loop through the registry's
        }
        if (me.partyId() == null) {
            return Next.REGISTER;
        }
        if (me.certificateFingerprint() == null) {
            // no certificate to activate: an identity session or a verified account is ready where the login policy lets it in
            return Next.READY;
        }
        return me.certificateBound() ? Next.READY : Next.ACTIVATE;
    }

    /** The session's certificate, checked again now: what the activation page shows, read-only (JS-74). */
    public VerifiedCertificate certificate(PartyAccess me) {
        return certificate(me.principal());
    }

    private VerifiedCertificate certificate(PartySessions.PartyPrincipal me) {
        return verifier.verify(sessions.certificate(me.tokenHash()), List.of());
    }

    /** The certificate becomes the new party's primary (JS-78); the session then speaks for the party. */
    public PartyView register(PartyAccess access) {
        PartySessions.PartyPrincipal me = access.principal();
        if (me.partyId() != null) {
            throw ApiException.conflict("already-registered", "this holder is registered; registered parties log in (JS-02)");
        }
        PartyView party = parties.register(new VerifiedIdentity(me.holderKind(), me.holderIdentifier(), me.holderName(), "certificate"));
        if (!bindings.isBound(party.id(), me.certificateFingerprint())) {
            bind(me, party.id(), me.holderName());
        }
        sessions.attachParty(me.tokenHash(), party.id());
        return party;
    }

    /**
     * JS-17, JS-18, JS-19: a registered party's certificate the system has not recorded is bound
     * once the user names its holder (证书使用者); serial, issuer and validity come from the
     * certificate, re-verified now (JS-74).
     */
    public long activate(PartyAccess access, String holderName) {
        PartySessions.PartyPrincipal me = access.principal();
        if (me.partyId() == null) {
            throw ApiException.conflict("registration-required", "this certificate's holder is not registered yet (证书未注册)");
        }
        String holder = holderName == null ? "" : holderName.strip();
        if (holder.isEmpty() || holder.length() > 100) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("holderName", "required, at most 100 characters")));
        }
        if (access.certificateBound()) {
            throw ApiException.conflict("certificate-bound", "this certificate is already activated");
        }
        return bind(me, me.partyId(), holder);
    }

    private long bind(PartySessions.PartyPrincipal me, long partyId, String holderName) {
        CertificateBindings.Medium medium = "MOBILE".equals(me.medium()) ? CertificateBindings.Medium.MOBILE : CertificateBindings.Medium.TOKEN;
        return bindings.bind(partyId, certificate(me), sessions.certificate(me.tokenHash()), medium, me.mediumId(),
                holderName, PartySessions.certificateActor(partyId, me.certificateSerial()));
    }
}
