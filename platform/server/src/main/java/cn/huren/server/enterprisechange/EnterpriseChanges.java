package cn.huren.server.enterprisechange;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificateapplication.Application;
import cn.huren.server.certificateapplication.CertificateApplications;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.membership.UnfinishedMatters;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.InputValidator;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APP-62–APP-65: the enterprise's administrator asks for a change of its name or legal representative with the sealed
 * letter; the tenant's reviewer decides ({@link ChangeReviewHandler}). A name change while an enterprise certificate
 * is valid names the certificate and the new key's request (APP-63); on approval its CHANGE application is made through
 * the certificate-application flow (APP-64). One open change per enterprise; every change of a request is on the ledger.
 */
@Service
public class EnterpriseChanges {

    public static final String KIND = "enterprise-change";
    static final String RECORD_TYPE = "enterprise-change";

    /** What the administrator posts (POST …/changes); the legal representative's fields all or none. */
    public record Input(String kind, String newName, String legalRepresentativeName, String legalRepresentativeDocumentType,
                        String legalRepresentativeDocument, String legalRepresentativeMobile, UUID letterId, Long certificateId, String csr) {
    }

    /** What a change of this enterprise needs now (the change page asks it first). */
    public record Preconditions(List<UnfinishedMatters.Matter> unfinishedMatters, List<CertificateBindings.Valid> certificates,
                                String name, String uscc) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Memberships memberships;
    private final AuthorisationLetters letters;
    private final PartyRegistration parties;
    private final CertificateBindings bindings;
    private final CertificateApplications applications;
    private final ReviewQueue queue;
    private final ChangeLedger ledger;
    private final ObjectProvider<UnfinishedMatters> matters;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    EnterpriseChanges(TenantData data, TransactionTemplate tx, Memberships memberships, AuthorisationLetters letters, PartyRegistration parties,
                      CertificateBindings bindings, CertificateApplications applications, ReviewQueue queue, ChangeLedger ledger,
                      ObjectProvider<UnfinishedMatters> matters, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.memberships = memberships;
        this.letters = letters;
        this.parties = parties;
        this.bindings = bindings;
        this.applications = applications;
        this.queue = queue;
        this.ledger = ledger;
        this.matters = matters;
        this.clock = clock;
    }

    /** APP-62: every open matter of the enterprise, asked of each feature's {@link UnfinishedMatters}; in the caller's transaction. */
    List<UnfinishedMatters.Matter> unfinished(long enterpriseId) {
        List<UnfinishedMatters.Matter> all = new ArrayList<>();
        matters.orderedStream().forEach(m -> all.addAll(m.of(enterpriseId)));
        return all;
    }

    /** 409 {@code unfinished-matters} listing each (field = the matter's code) when there is any. */
    static void refuseIfUnfinished(List<UnfinishedMatters.Matter> open) {
        if (!open.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "unfinished-matters",
                    "the enterprise has unfinished matters (未办结事项); finish them first: "
                            + String.join("; ", open.stream().map(UnfinishedMatters.Matter::message).toList()),
                    open.stream().map(m -> new FieldError(m.code(), m.message(), m.code())).toList());
        }
    }

    /** The ADMIN's view of what a change needs now. */
    public Preconditions preconditions(PartyAccess me, long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        PartyView e = memberships.enterprise(enterpriseId);
        return tx.execute(s -> new Preconditions(unfinished(enterpriseId), bindings.valid(enterpriseId), e.name(), e.identifier()));
    }

    /** APP-62–APP-65: the ADMIN submits a change; 201 with the request, waiting for the reviewer. */
    public EnterpriseChange submit(PartyAccess me, long enterpriseId, Input in) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        String actor = PersonAccounts.actor(admin.accountId());
        List<FieldError> errors = new ArrayList<>();
        Kind kind = InputValidator.oneOf(Kind.class, in.kind(), "kind", errors);
        String newName = text(in.newName(), "newName", 200, errors);
        String repName = text(in.legalRepresentativeName(), "legalRepresentativeName", 100, errors);
        boolean repGiven = repName != null || in.legalRepresentativeDocumentType() != null || in.legalRepresentativeDocument() != null
                || in.legalRepresentativeMobile() != null;
        IdentityDocument document = null;
        if (kind == Kind.NAME && newName == null) {
            errors.add(new FieldError("newName", "the enterprise's new full name (企业全称), 1 to 200 characters", "name-required"));
        }
        if (kind == Kind.LEGAL_REPRESENTATIVE && newName != null) {
            errors.add(new FieldError("newName", "a change of the legal representative keeps the name; ask for kind NAME to rename", "name-unchanged"));
        }
        if (kind == Kind.LEGAL_REPRESENTATIVE || repGiven) {
            if (repName == null) {
                errors.add(new FieldError("legalRepresentativeName", "the legal representative's name, 1 to 100 characters", "required"));
            }
            IdentityDocument.DocumentType type = InputValidator.oneOf(IdentityDocument.DocumentType.class,
                    in.legalRepresentativeDocumentType(), "legalRepresentativeDocumentType", errors);
            if (type != null) {
                try {
                    document = IdentityDocument.parse(type, in.legalRepresentativeDocument(), clock);
                } catch (IllegalArgumentException ex) {
                    errors.add(new FieldError("legalRepresentativeDocument", ex.getMessage(), "document-invalid"));
                }
            }
            if (in.legalRepresentativeMobile() == null || !in.legalRepresentativeMobile().matches("1[3-9][0-9]{9}")) {
                errors.add(new FieldError("legalRepresentativeMobile", "a mainland mobile number (11 digits)", "mobile-invalid"));
            }
        }
        if (in.csr() != null && in.csr().length() > 32 * 1024) {
            errors.add(new FieldError("csr", "at most 32 KiB", "csr-unreadable"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UUID letter = letters.require(me, in.letterId(), "letterId").id();
        IdentityDocument doc = document;
        long id = tx.execute(s -> {
            memberships.lock(enterpriseId); // one open change at a time, the matters do not change while counted, and the ADMIN is now
            memberships.requireAdmin(me, enterpriseId);
            PartyView e = memberships.enterprise(enterpriseId);
            refuseIfUnfinished(unfinished(enterpriseId));
            if (kind == Kind.NAME && newName.equals(e.name())) {
                throw ApiException.invalid(List.of(new FieldError("newName", "this is the enterprise's name already", "name-unchanged")));
            }
            Long certificate = null;
            byte[] csr = null;
            List<CertificateBindings.Valid> valid = bindings.valid(enterpriseId);
            if (kind == Kind.NAME && !valid.isEmpty()) {
                // APP-63: the valid certificate carries the old name; its change (变更) goes with the name's
                List<FieldError> needed = new ArrayList<>();
                if (in.certificateId() == null || valid.stream().noneMatch(v -> v.id() == in.certificateId())) {
                    needed.add(new FieldError("certificateId", "choose the enterprise certificate to change with the name: one of "
                            + valid.stream().map(v -> v.id() + " (" + v.serial() + ")").toList(), "certificate-required"));
                }
                if (in.csr() == null || in.csr().isBlank()) {
                    needed.add(new FieldError("csr", "the certification request (PKCS#10) of the new key for the changed certificate",
                            "csr-required"));
                }
                if (!needed.isEmpty()) {
                    throw ApiException.invalid(needed);
                }
                applications.checkChange(enterpriseId, in.certificateId(), in.csr(), "csr", "certificateId");
                certificate = in.certificateId();
                csr = in.csr().strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            } else if (in.certificateId() != null || (in.csr() != null && !in.csr().isBlank())) {
                throw ApiException.invalid(List.of(new FieldError("certificateId",
                        "no certificate changes here: only a name change while an enterprise certificate is valid changes one (APP-63)",
                        "certificate-not-needed")));
            }
            Instant now = clock.instant();
            long created = jdbc.sql("""
                            insert into enterprise_change (enterprise_id, requested_by, kind, old_name, new_name, legal_rep_name,
                              legal_rep_document_type, legal_rep_document, legal_rep_mobile, letter_id, binding_id, csr, state, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?) returning id""")
                    .params(enterpriseId, admin.accountId(), kind.name(), e.name(), newName, repName,
                            doc == null ? null : doc.type().name(), doc == null ? null : doc.value(), in.legalRepresentativeMobile() == null || doc == null
                                    ? null : in.legalRepresentativeMobile(), letter, certificate, csr, Timestamp.from(now))
                    .query(Long.class).single();
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("enterpriseId", enterpriseId);
            content.put("kind", kind.name());
            content.put("oldName", e.name());
            if (newName != null) {
                content.put("newName", newName);
            }
            if (doc != null) {
                content.put("legalRepresentative", repName);
                content.put("document", doc.masked());
                content.put("mobile", SmsMessage.mask(in.legalRepresentativeMobile()));
            }
            content.put("letter", letter.toString());
            if (certificate != null) {
                content.put("certificateId", certificate);
            }
            ledger.append(actor, RECORD_TYPE, Long.toString(created), "SUBMIT", content);
            queue.submit(KIND, Long.toString(created), summary(kind, e, newName, repName, doc, certificate), actor);
            return created;
        });
        return get(me, enterpriseId, id);
    }

    private static String summary(Kind kind, PartyView e, String newName, String repName, IdentityDocument doc, Long certificate) {
        StringBuilder s = new StringBuilder("企业变更 · ").append(e.name()).append(" (").append(e.identifier()).append(')');
        if (newName != null) {
            s.append(" → ").append(newName);
        }
        if (repName != null) {
            s.append(" · 法定代表人 ").append(repName).append(' ').append(doc.masked());
        }
        if (certificate != null) {
            s.append(" · 证书变更 ").append(certificate);
        }
        return s.toString();
    }

    /** The enterprise's change requests, newest first (its members read them). */
    public List<EnterpriseChange> list(PartyAccess me, long enterpriseId) {
        memberships.requireMember(me, enterpriseId);
        return tx.execute(s -> jdbc.sql("select * from enterprise_change where enterprise_id = ? order by id desc limit 200")
                .param(enterpriseId).query(EnterpriseChanges::row).list());
    }

    public EnterpriseChange get(PartyAccess me, long enterpriseId, long id) {
        memberships.requireMember(me, enterpriseId);
        return tx.execute(s -> find(id).filter(c -> c.enterpriseId() == enterpriseId).orElseThrow(() -> notFound(id)));
    }

    /** The ADMIN withdraws a request still in review; its queue item is withdrawn too. */
    public EnterpriseChange withdraw(PartyAccess me, long enterpriseId, long id) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        String actor = PersonAccounts.actor(admin.accountId());
        tx.executeWithoutResult(s -> {
            // the item first, as a decision locks it (item, then request)
            queue.withdraw(KIND, Long.toString(id), actor);
            EnterpriseChange c = locked(id).filter(x -> x.enterpriseId() == enterpriseId).orElseThrow(() -> notFound(id));
            if (!EnterpriseChange.SUBMITTED.equals(c.state())) {
                throw ApiException.conflict("change-state", "only a change in review can be withdrawn; this one is " + c.state());
            }
            close(id, "WITHDRAWN", null, actor);
        });
        return get(me, enterpriseId, id);
    }

    // ---- the reviewer's decision (ChangeReviewHandler, in the decision's transaction) ---------------------------

    /** APP-63–APP-65: the change is made: the party renamed and/or its legal representative replaced; APP-64's CHANGE application. */
    void approve(long id, String reviewer) {
        EnterpriseChange c = lockedSubmitted(id);
        Map<String, Object> representative = null;
        if (c.legalRepresentativeName() != null) {
            representative = new LinkedHashMap<>();
            representative.put("legalRepresentative", c.legalRepresentativeName());
            representative.put("legalRepresentativeDocumentType", c.legalRepresentativeDocumentType());
            representative.put("legalRepresentativeDocument", c.legalRepresentativeDocument()); // masked already in the view
            representative.put("legalRepresentativeMobile", c.legalRepresentativeMobile());
        }
        parties.changeEnterprise(c.enterpriseId(), "NAME".equals(c.kind()) ? c.newName() : null, representative, reviewer, clock.instant());
        if (c.legalRepresentativeName() != null) {
            events.publishEvent(new cn.huren.server.membership.LegalRepresentativeChanged(c.enterpriseId(), c.legalRepresentativeName(), reviewer));
        }
        Long application = null;
        if (c.certificateId() != null) {
            byte[] csr = jdbc.sql("select csr from enterprise_change where id = ?").param(id).query((rs, n) -> rs.getBytes(1)).single();
            String holder = jdbc.sql("select p.name from account a join party p on p.id = a.party_id where a.id = ?")
                    .param(c.requestedBy()).query(String.class).optional().orElse(null);
            Application made = applications.applyForChange(c.enterpriseId(), c.certificateId(),
                    new String(csr, java.nio.charset.StandardCharsets.US_ASCII), holder, reviewer);
            application = made.id();
            jdbc.sql("update enterprise_change set application_id = ? where id = ?").params(application, id).update();
        }
        close(id, "APPROVED", null, reviewer);
        if (application != null) {
            ledger.append(reviewer, RECORD_TYPE, Long.toString(id), "CERTIFICATE_CHANGE", Map.of("applicationId", application,
                    "certificateId", c.certificateId()));
        }
    }

    void reject(long id, String reason, String reviewer) {
        lockedSubmitted(id);
        close(id, "REJECTED", reason, reviewer);
    }

    Optional<EnterpriseChange> find(long id) {
        return jdbc.sql("select * from enterprise_change where id = ?").param(id).query(EnterpriseChanges::row).optional();
    }

    /** The enterprise's open request, if any (APP-62 counts it among the unfinished matters). */
    Optional<EnterpriseChange> open(long enterpriseId) {
        return jdbc.sql("select * from enterprise_change where enterprise_id = ? and state = 'SUBMITTED'").param(enterpriseId)
                .query(EnterpriseChanges::row).optional();
    }

    private Optional<EnterpriseChange> locked(long id) {
        return jdbc.sql("select * from enterprise_change where id = ? for update").param(id).query(EnterpriseChanges::row).optional();
    }

    private EnterpriseChange lockedSubmitted(long id) {
        EnterpriseChange c = locked(id).orElseThrow(() -> notFound(id));
        if (!EnterpriseChange.SUBMITTED.equals(c.state())) {
            throw ApiException.conflict("change-state", "enterprise change " + id + " is " + c.state() + " already");
        }
        return c;
    }

    private void close(long id, String state, String reason, String actor) {
        jdbc.sql("update enterprise_change set state = ?, reason = ?, decided_at = ?, decided_by = ? where id = ?")
                .params(state, reason, Timestamp.from(clock.instant()), actor, id).update();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("state", state);
        if (reason != null) {
            content.put("reason", reason);
        }
        ledger.append(actor, RECORD_TYPE, Long.toString(id), state.equals("WITHDRAWN") ? "WITHDRAW" : state.equals("APPROVED") ? "APPROVE" : "REJECT",
                content);
    }

    private static String text(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        FieldError e = TextInput.error(field, v, max, false);
        if (e != null) {
            errors.add(e);
            return null;
        }
        return v;
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("change-not-found", "no enterprise change " + id + " of this enterprise");
    }

    enum Kind { NAME, LEGAL_REPRESENTATIVE }

    static EnterpriseChange row(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        long binding = rs.getLong("binding_id");
        Long certificate = rs.wasNull() ? null : binding;
        long app = rs.getLong("application_id");
        Long application = rs.wasNull() ? null : app;
        String doc = rs.getString("legal_rep_document");
        String mobile = rs.getString("legal_rep_mobile");
        return new EnterpriseChange(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getLong("requested_by"), rs.getString("kind"),
                rs.getString("old_name"), rs.getString("new_name"), rs.getString("legal_rep_name"), rs.getString("legal_rep_document_type"),
                doc == null ? null : IdentityDocument.mask(doc), mobile == null ? null : SmsMessage.mask(mobile),
                rs.getObject("letter_id", UUID.class), certificate, application, rs.getString("state"), rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant(), rs.getString("decided_by"));
    }
}
