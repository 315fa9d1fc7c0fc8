package cn.huren.server.binding;

import cn.huren.server.session.PartyAccess;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The one read of a session's certificate binding per request, for its {@link PartyAccess} (sessions know no bindings). */
@Component
class ActiveBindings implements PartyAccess.BindingLookup {

    private final CertificateBindings bindings;

    ActiveBindings(CertificateBindings bindings) {
        this.bindings = bindings;
    }

    /** At most one: a certificate has one binding that is not VOIDED (uk_binding_active_fingerprint). */
    @Override
    @Transactional(readOnly = true)
    public Optional<PartyAccess.ActiveBinding> activeBinding(long partyId, String fingerprint) {
        return bindings.role(partyId, fingerprint);
    }
}
