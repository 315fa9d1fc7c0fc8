package cn.huren.server.certificateapplication;

import cn.huren.plugin.api.RevocationReason;
import cn.huren.plugin.api.CaConnectorException;
import cn.huren.server.certificate.CertificationRequests;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateType;
import cn.huren.server.party.PartyKind;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.Hashes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A party's certificate applications (SX-05, SX-13, SX-16, SX-17, APP-11): only its administrator
 * (primary certificate, 主锁) applies, with a PKCS#10 request for its own new key; renewal (更新)
 * and change (变更) name the bound certificate they replace. An application waits for the CA's
 * review (IN_REVIEW) and may be cancelled until then; nothing is ever deleted.
 */
@Service
public class CertificateApplications {

    /** What the party posts; {@code csr} PEM or base64 DER; {@code replaces} the binding a RENEW or CHANGE replaces. */
    public record Input(String kind, String type, String medium, String holderName, String csr, Long replaces) {
    }

    private final ApplicationStore store;
    private final TransactionTemplate tx;
    private final PartyRegistration parties;
    private final ChangeLedger ledger;
    private final TenantCa ca;
    private final CertificateBindings bindings;
    private final ReviewQueue queue;

    CertificateApplications(ApplicationStore store, TransactionTemplate tx, PartyRegistration parties, ChangeLedger ledger, TenantCa ca,
                            CertificateBindings bindings, ReviewQueue queue) {
        this.queue = queue;
        this.store = store;
        this.tx = tx;
        this.parties = parties;
        this.ledger = ledger;
        this.ca = ca;
        this.bindings = bindings;
    }

    /**
     * For the session's party, by its primary certificate (主锁) only (403 otherwise; checked here, for the
     * API and the portal alike). Bad input: 400 with every field's error, nothing written.
     */
    public Application apply(PartyAccess me, Input in) {
        long partyId = me.requireApplicant(true);
        List<FieldError> errors = new ArrayList<>();
        Application.Kind kind = InputValidator.oneOf(Application.Kind.class, in.kind(), "kind", errors);
        if (me.accountSession() && kind != null && kind != Application.Kind.ISSUE) {
            // renewing or changing a certificate is its holder's act, done with that certificate (requireCertificateAdministration)
            errors.add(new FieldError("kind", "an account applies for a new personal certificate (ISSUE); a renewal or change is made with the certificate",
                    "account-issue-only"));
        }
        CertificateType type = InputValidator.oneOf(CertificateType.class, in.type(), "type", errors);
        CertificateBindings.Medium medium = InputValidator.oneOf(CertificateBindings.Medium.class, in.medium(), "medium", errors);
        String holder = in.holderName() == null ? "" : in.holderName().strip();
        if (holder.isEmpty() || holder.length() > 100) {
            errors.add(new FieldError("holderName", "the certificate's user (证书使用者): 1 to 100 characters"));
        }
        cn.huren.server.party.PartyView applicant = parties.require(partyId);
        PartyKind partyKind = applicant.kind();
        if (type != null && (partyKind == PartyKind.ENTERPRISE) == (type == CertificateType.PERSONAL)) {
            errors.add(new FieldError("type", partyKind == PartyKind.ENTERPRISE ? "an enterprise applies for ENTERPRISE or LEGAL_REPRESENTATIVE"
                    : "a person applies for PERSONAL", "certificate-type"));
        }
        if (kind != null && (kind == Application.Kind.ISSUE) != (in.replaces() == null)) {
            errors.add(new FieldError("replaces", kind == Application.Kind.ISSUE ? "a new certificate (ISSUE) replaces none"
                    : "a " + kind + " names the certificate it replaces"));
        }
        byte[] csr = CertificationRequests.der(in.csr());
        CertificationRequests.Checked key = null;
        if (csr == null) {
            errors.add(new FieldError("csr", "a PKCS#10 certification request, PEM or base64 DER", "csr-unreadable"));
        } else {
            try {
                key = CertificationRequests.check(csr);
            } catch (CaConnectorException e) {
                errors.add(new FieldError("csr", e.getMessage(), e.code()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String algorithm = key.algorithm().name();
        return tx.execute(s -> {
            if (in.replaces() != null) {
                replaceable(me, partyId, in.replaces(), kind);
            }
            long id = store.insert(partyId, kind, type, medium, holder, csr, algorithm, in.replaces(), me.actor());
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("kind", kind.name());
            content.put("type", type.name());
            content.put("medium", medium.name());
            content.put("holderName", holder);
            content.put("csrSha256", Hashes.sha256Hex(csr));
            if (in.replaces() != null) {
                content.put("replaces", in.replaces());
            }
            ledger.append(me.actor(), "certificate-application", Long.toString(id), "APPLY", content);
            // the tenant's reviewer decides it from the review queue
            queue.submit(ApplicationReview.KIND, Long.toString(id), kind + " · " + type + " · " + algorithm + " · " + applicant.name()
                    + " (" + shown(applicant) + ") · " + holder, me.actor());
            return store.find(id).orElseThrow().view();
        });
    }

    /**
     * APP-63, APP-64: whether {@code csr} (PEM or base64 DER) may change the party's certificate {@code bindingId}: the
     * checks of {@link #apply} for a CHANGE, without writing. 400 on {@code field} (the CSR) or {@code certificateField}
     * (the certificate), 409 {@code application-open}. Runs in the caller's transaction when there is one.
     */
    public void checkChange(long partyId, long bindingId, String csr, String field, String certificateField) {
        checkedCsr(csr, field);
        tx.executeWithoutResult(s -> {
            try {
                replaceable(null, partyId, bindingId, Application.Kind.CHANGE);
            } catch (ApiException e) {
                if (e.status() == org.springframework.http.HttpStatus.BAD_REQUEST) {
                    throw ApiException.invalid(List.of(new FieldError(certificateField, e.getMessage(), "certificate-not-changeable")));
                }
                throw e;
            }
        });
    }

    /**
     * APP-63, APP-64: an approved enterprise change applies for the CHANGE (变更) of the party's certificate
     * {@code bindingId} with the new key's {@code csr}, without a session (the enterprise's administrator asked for it
     * and the reviewer approved it): the same checks, store, ledger entry and review item as {@link #apply}; the type
     * and medium are the replaced certificate's. In the caller's transaction; returns the application.
     */
    public Application applyForChange(long partyId, long bindingId, String csr, String holderName, String actor) {
        byte[] der = checkedCsr(csr, "csr");
        String algorithm;
        try {
            algorithm = CertificationRequests.check(der).algorithm().name();
        } catch (CaConnectorException e) {
            throw ApiException.invalid(List.of(new FieldError("csr", e.getMessage(), e.code())));
        }
        String holder = holderName == null || holderName.isBlank() ? "管理员" : holderName.strip();
        return tx.execute(s -> {
            replaceable(null, partyId, bindingId, Application.Kind.CHANGE);
            CertificateBindings.Binding replaced = bindings.lockedActive(null, partyId, bindingId);
            CertificateType type = replaced.type();
            CertificateBindings.Medium medium = CertificateBindings.Medium.valueOf(replaced.medium());
            cn.huren.server.party.PartyView applicant = parties.require(partyId);
            long id = store.insert(partyId, Application.Kind.CHANGE, type, medium, holder, der, algorithm, bindingId, actor);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("kind", Application.Kind.CHANGE.name());
            content.put("type", type.name());
            content.put("medium", medium.name());
            content.put("holderName", holder);
            content.put("csrSha256", Hashes.sha256Hex(der));
            content.put("replaces", bindingId);
            content.put("cause", "enterprise-change");
            ledger.append(actor, "certificate-application", Long.toString(id), "APPLY", content);
            queue.submit(ApplicationReview.KIND, Long.toString(id), Application.Kind.CHANGE + " · " + type + " · " + algorithm + " · "
                    + applicant.name() + " (" + shown(applicant) + ") · " + holder, actor);
            return store.find(id).orElseThrow().view();
        });
    }

    private static byte[] checkedCsr(String csr, String field) {
        byte[] der = CertificationRequests.der(csr);
        if (der == null) {
            throw ApiException.invalid(List.of(new FieldError(field, "a PKCS#10 certification request, PEM or base64 DER", "csr-unreadable")));
        }
        try {
            CertificationRequests.check(der);
        } catch (CaConnectorException e) {
            throw ApiException.invalid(List.of(new FieldError(field, e.getMessage(), e.code())));
        }
        return der;
    }

    /** A person's ID number is masked in the queue, its pages and the ledger (the reviewer sees it in full on the application). */
    private static String shown(cn.huren.server.party.PartyView party) {
        return party.kind() == cn.huren.server.party.PartyKind.NATURAL_PERSON
                ? cn.huren.server.party.IdentityDocument.mask(party.identifier()) : party.identifier();
    }

    public List<Application> list(long partyId) {
        return tx.execute(s -> store.list(partyId));
    }

    /** SX-19's application date: the application the party's bound certificate came through, if it came through one. */
    public Optional<Application> forCertificate(long partyId, long certificateId) {
        return tx.execute(s -> store.byBinding(partyId, certificateId));
    }

    public Application get(long partyId, long id) {
        return tx.execute(s -> store.find(id).filter(r -> r.partyId() == partyId).orElseThrow(() -> ApplicationStore.notFound(id)).view());
    }

    /**
     * SX-17: the applicant withdraws it, before the CA decided or after it issued but before the
     * download (a lost key must not block the certificate's renewal for ever): the issued
     * certificate is revoked at the CA first. It stays, CANCELLED (已失效).
     */
    public Application cancel(PartyAccess me, long id) {
        long partyId = me.requireApplicant(true);
        return tx.execute(s -> {
            // the queue's item first, as a reviewer's decision locks it (item, then application): never a deadlock
            queue.withdraw(ApplicationReview.KIND, Long.toString(id), me.actor());
            ApplicationStore.Row row = store.lockedOf(partyId, id);
            Application.State state = row.view().state();
            if (state != Application.State.IN_REVIEW && state != Application.State.AWAITING_DOWNLOAD) {
                throw ApiException.conflict("application-state", "only an application in review or awaiting download can be cancelled; "
                        + "this one is " + state);
            }
            if (state == Application.State.AWAITING_DOWNLOAD) {
                ca.revoke(row.view().serial(), RevocationReason.CESSATION_OF_OPERATION);
            }
            store.decide(id, Application.State.CANCELLED, "cancelled by the applicant", me.actor());
            ledger.append(me.actor(), "certificate-application", Long.toString(id), "CANCEL", Map.of("state", "CANCELLED"));
            return store.find(id).orElseThrow().view();
        });
    }

    /** A renewal or change replaces a certificate of this party in use, one at a time; a change only one this portal's CA can revoke. */
    private void replaceable(PartyAccess me, long partyId, long bindingId, Application.Kind kind) {
        CertificateBindings.Binding b;
        try {
            b = bindings.lockedActive(me, partyId, bindingId);
        } catch (ApiException e) {
            throw ApiException.invalid(List.of(new FieldError("replaces", "no certificate " + bindingId + " of this party in use: "
                    + e.getMessage())));
        }
        if (store.openFor(bindingId)) {
            throw ApiException.conflict("application-open", "certificate " + b.serial() + " has an application in review or awaiting "
                    + "download already; cancel it or finish it first");
        }
        if (kind == Application.Kind.CHANGE && !ca.issues(b.issuer())) {
            throw ApiException.invalid(List.of(new FieldError("replaces", "a change (变更) revokes the certificate it replaces, and "
                    + b.issuer() + " is not this portal's CA: apply for a new certificate and revoke this one at its CA")));
        }
    }
}
