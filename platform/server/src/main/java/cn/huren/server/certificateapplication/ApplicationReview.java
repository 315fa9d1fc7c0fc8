package cn.huren.server.certificateapplication;

import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.CertificateRequest.Holder;
import cn.huren.plugin.api.CertificateRequest.HolderKind;
import cn.huren.plugin.api.CertificateRequest.Profile;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CA's review of the current tenant's applications (SX-13, SX-16, SX-17, APP-11): approval
 * issues the certificate through the tenant's CA for the applying party (an enterprise by its USCC,
 * a person by resident ID number; the CA, not the request, decides the subject) and leaves it
 * AWAITING_DOWNLOAD; rejection needs a reason the applicant is shown. The tenant's reviewer (审核端, the
 * CA's service desk) decides, from the review queue (an item of kind {@value #KIND} per application,
 * {@link ApplicationReviewHandler}) or from the applications' own page and API, which decide the queue's
 * item too. A CA that refuses or fails leaves the application IN_REVIEW and its item OPEN.
 */
@Service
class ApplicationReview {

    /** An application as the reviewer sees it: with the applying party. */
    record Pending(Application application, long partyId, String partyKind, String partyIdentifier, String partyName) {
    }

    static final int LIST_LIMIT = 500;

    /** The review queue's kind of a certificate application's item; its subject is the application's id. */
    static final String KIND = "certificate-application";

    /** How the tenant's reviewer is named in the ledger. */
    static String reviewer(java.security.Principal reviewer) {
        return ReviewQueue.reviewer(reviewer == null ? "unknown" : reviewer.getName());
    }

    private final ApplicationStore store;
    private final TransactionTemplate tx;
    private final PartyRegistration parties;
    private final ChangeLedger ledger;
    private final TenantCa ca;
    private final TenantDirectory tenants;
    private final OperationLog operations;
    private final ReviewQueue queue;

    ApplicationReview(ApplicationStore store, TransactionTemplate tx, PartyRegistration parties, ChangeLedger ledger, TenantCa ca,
                      TenantDirectory tenants, OperationLog operations, ReviewQueue queue) {
        this.queue = queue;
        this.tenants = tenants;
        this.operations = operations;
        this.store = store;
        this.tx = tx;
        this.parties = parties;
        this.ledger = ledger;
        this.ca = ca;
    }

    /** {@code state} null: every state. */
    List<Pending> list(String tenant, Application.State state) {
        Map<Long, PartyView> party = new HashMap<>(); // a queue names few parties, each many times
        return tenants.callAs(tenant, () -> tx.execute(s -> store.byState(state, LIST_LIMIT).stream()
                .map(r -> pending(r, party.computeIfAbsent(r.partyId(), parties::require))).toList()));
    }

    /** As the operation log records it ({@code via}: where, e.g. " (console)"), for the tenant named. */
    Pending approve(String tenant, long id, String reviewer, String via) {
        return operations.record("certificate-application.approve", tenant, "id=" + id + via,
                () -> tenants.callAs(tenant, () -> approve(id, reviewer)));
    }

    Pending reject(String tenant, long id, String reason, String reviewer, String via) {
        return operations.record("certificate-application.reject", tenant, "id=" + id + via,
                () -> tenants.callAs(tenant, () -> reject(id, reason, reviewer)));
    }

    private Pending approve(long id, String reviewer) {
        return tx.execute(s -> {
            if (queue.decideOpen(KIND, Long.toString(id), true, null, reviewer).isEmpty()) {
                issue(id, reviewer); // no open item (an application from before the queue): decided here alone
            }
            ApplicationStore.Row row = store.find(id).orElseThrow();
            return pending(row, parties.require(row.partyId()));
        });
    }

    private Pending reject(long id, String reason, String reviewer) {
        String why = ReviewQueue.requireReason(reason);
        return tx.execute(s -> {
            if (queue.decideOpen(KIND, Long.toString(id), false, why, reviewer).isEmpty()) {
                refuse(id, why, reviewer);
            }
            ApplicationStore.Row row = store.find(id).orElseThrow();
            return pending(row, parties.require(row.partyId()));
        });
    }

    /**
     * One transaction: the row stays locked while the CA issues, so two reviewers never issue twice; a CA failure undoes
     * it all. The request's reference is the application: should the CA issue and this commit then fail, approving
     * again gets the same certificate from the CA, not a second one.
     */
    Pending issue(long id, String reviewer) {
        return tx.execute(s -> {
            ApplicationStore.Row row = inReview(id);
            PartyView party = parties.require(row.partyId());
            boolean enterprise = party.kind() == PartyKind.ENTERPRISE;
            IssuedCertificate issued = ca.issue(new CertificateRequest(row.csr(),
                    new Holder(enterprise ? HolderKind.ENTERPRISE : HolderKind.PERSON, party.identifier(), party.name()),
                    enterprise ? Profile.ENTERPRISE : Profile.PERSONAL, "certificate-application:" + id));
            byte[] certificate = issued.certificate();
            store.issued(id, certificate, intermediates(issued.chain()), issued.serialNumber(), issuer(certificate), issued.caName(),
                    issued.notAfter(), reviewer);
            ledger.append(reviewer, "certificate-application", Long.toString(id), "APPROVE",
                    Map.of("serial", issued.serialNumber(), "ca", issued.caName()));
            return pending(store.find(id).orElseThrow(), party);
        });
    }

    /** The rejection of an application IN_REVIEW, with its reason (checked by the caller). */
    Pending refuse(long id, String why, String reviewer) {
        return tx.execute(s -> {
            ApplicationStore.Row row = inReview(id);
            store.decide(id, Application.State.REJECTED, why, reviewer);
            ledger.append(reviewer, "certificate-application", Long.toString(id), "REJECT", Map.of("reason", why));
            return pending(store.find(id).orElseThrow(), parties.require(row.partyId()));
        });
    }

    private ApplicationStore.Row inReview(long id) {
        ApplicationStore.Row row = store.locked(id);
        if (row.view().state() != Application.State.IN_REVIEW) {
            throw ApiException.conflict("application-state", "application " + id + " is " + row.view().state() + ", decided already");
        }
        return row;
    }

    private static Pending pending(ApplicationStore.Row row, PartyView party) {
        return new Pending(row.view(), party.id(), party.kind().name(), party.identifier(), party.name());
    }

    /** The CA certificates above the holder's, DER one after another (the root included: a download hands out the whole chain). */
    private static byte[] intermediates(List<byte[]> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chain.stream().skip(1).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String issuer(byte[] certificate) {
        try {
            return new X500Principal(new X509CertificateHolder(certificate).getIssuer().getEncoded()).getName();
        } catch (IOException e) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_GATEWAY, "ca-certificate-unreadable",
                    "the CA answered a certificate that cannot be read");
        }
    }
}
