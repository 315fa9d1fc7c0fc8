package cn.huren.server.login;

import cn.huren.plugin.api.BindingException;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.session.LoginPolicy;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link PersonBindings} host service (plugins/HostServices): the core's own registration and activation
 * ({@link Accounts}) and binding void ({@link CertificateBindings#voidEnded}), with the core's refusals as
 * {@link BindingException}s. Joins the caller's transaction.
 */
@Component
class HostPersonBindings implements PersonBindings {

    private final Accounts accounts;
    private final CertificateBindings bindings;
    private final PartyRegistration parties;
    private final TransactionTemplate tx;

    HostPersonBindings(Accounts accounts, CertificateBindings bindings, PartyRegistration parties, TransactionTemplate tx) {
        this.accounts = accounts;
        this.bindings = bindings;
        this.parties = parties;
        this.tx = tx;
    }

    @Override
    public long registerCurrentHolder(ContactDetails contact) {
        PartyAccess me = current();
        if (me == null || me.certificateFingerprint() == null) {
            throw new BindingException(403, "certificate-required", "sign in with the certificate (读取证书) to bind it");
        }
        if (me.principal().holderKind() != PartyKind.NATURAL_PERSON) {
            throw new BindingException(409, "not-natural-person", "this is an enterprise's certificate; persons bind their own");
        }
        return core(() -> tx.execute(s -> {
            long party;
            if (me.partyId() == null) {
                party = accounts.register(me).id(); // registers the person and binds the certificate as its primary (JS-78)
            } else {
                party = me.partyId();
                if (!bindings.isBound(party, me.certificateFingerprint())) {
                    accounts.activate(me, me.principal().holderName()); // a person's own key: the holder is the person
                }
            }
            if (contact != null) {
                parties.fillContact(party, contact.mobile(), contact.email(),
                        PartySessions.certificateActor(party, me.certificateSerial()));
            }
            return party;
        }));
    }

    @Override
    public List<BoundCertificate> active(long partyId) {
        return bindings.notEnded(partyId).stream().map(n -> {
            CertificateBindings.Binding b = n.binding();
            return new BoundCertificate(b.id(), b.serial(), b.issuer(), n.fingerprint(), b.holderName(), b.medium(), b.status().name(),
                    b.createdAt(), b.notAfter());
        }).toList();
    }

    @Override
    public void end(long partyId, String fingerprint, String reason, String actor) {
        // checked here, outside the core's transactional methods: a refusal the plugin catches leaves its transaction usable
        if (reason == null || reason.isBlank() || reason.strip().length() > 1000) {
            throw new BindingException(400, "reason-required", "ending a binding needs a reason (at most 1000 characters)");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("ending a binding names its actor");
        }
        if (!core(() -> bindings.voidEnded(partyId, fingerprint, reason, actor))) {
            throw new BindingException(404, "not-found", "the party has no active binding of this certificate");
        }
    }

    /**
     * The request's party session (API token or portal), if this runs in a request that has one; refused, as the core
     * refuses its own API ({@link PartyAccess#requireRead}), where the tenant's login policy keeps this way of signing in
     * off the registry or the certificate is disabled — short of "registered and activated", which is what binding does.
     */
    private static PartyAccess current() {
        PartyAccess me = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? PartyAccesses.of(request.getRequest()) : null;
        if (me != null && !me.allows(LoginPolicy.Capability.REGISTRY_READ)) {
            ApiException refused = PartyAccess.certificateRequired(me.authentication());
            throw new BindingException(refused.status().value(), refused.kind(), refused.getMessage());
        }
        if (me != null && me.certificateDisabled()) {
            ApiException refused = PartyAccess.disabled();
            throw new BindingException(refused.status().value(), refused.kind(), refused.getMessage());
        }
        return me;
    }

    /** The core's refusals keep their status and code. */
    private static <T> T core(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            throw new BindingException(e.status().value(), e.kind(), e.getMessage());
        }
    }
}
