package cn.huren.server.enterprisechange;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.account.AccountSecurity;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.account.SmsPurpose;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.membership.UnfinishedMatters;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APP-66, APP-67: the ADMIN dissolves the enterprise (企业解散) once none of its certificates is valid and enabled and
 * nothing is open (APP-62), confirmed by the ADMIN's password and an SMS code. In one transaction every membership ends
 * DISSOLVED (each member told), every certificate binding is voided, the enterprise's information and files are erased and
 * the party is marked dissolved. The ledger, the review history, orders and invoices stay (docs/enterprises.md).
 */
@Service
public class Dissolutions {

    /** What keeps the enterprise from dissolving now: valid enabled certificates (APP-66) and open matters (APP-62). */
    public record Blockers(String name, String uscc, List<CertificateBindings.Valid> certificates, List<UnfinishedMatters.Matter> unfinishedMatters) {

        public boolean none() {
            return certificates.isEmpty() && unfinishedMatters.isEmpty();
        }
    }

    /** What a dissolution did. */
    public record Dissolved(long enterpriseId, int membershipsEnded, List<String> certificatesVoided, int filesDeleted, Instant at) {
    }

    private final Memberships memberships;
    private final EnterpriseChanges changes;
    private final CertificateBindings bindings;
    private final AccountSecurity security;
    private final PartyRegistration parties;
    private final Notices notices;
    private final ChangeLedger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    Dissolutions(Memberships memberships, EnterpriseChanges changes, CertificateBindings bindings, AccountSecurity security,
                 PartyRegistration parties, Notices notices, ChangeLedger ledger, TransactionTemplate tx, Clock clock,
                 org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.memberships = memberships;
        this.changes = changes;
        this.bindings = bindings;
        this.security = security;
        this.parties = parties;
        this.notices = notices;
        this.ledger = ledger;
        this.tx = tx;
        this.clock = clock;
    }

    /** The ADMIN's view of what blocks the dissolution. */
    public Blockers blockers(PartyAccess me, long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        return tx.execute(s -> blockers(enterpriseId));
    }

    private Blockers blockers(long enterpriseId) {
        PartyView e = memberships.enterprise(enterpriseId);
        // APP-66: every valid certificate disabled first; an expired or CA-revoked one is no longer valid and does not block
        List<CertificateBindings.Valid> enabled = bindings.valid(enterpriseId).stream().filter(v -> !v.disabled()).toList();
        return new Blockers(e.name(), e.identifier(), enabled, changes.unfinished(enterpriseId));
    }

    private static void refuse(Blockers b) {
        if (!b.certificates().isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "certificates-still-valid",
                    "disable every valid certificate of the enterprise first (APP-66): " + b.certificates().stream().map(CertificateBindings.Valid::serial).toList(),
                    b.certificates().stream().map(v -> new FieldError("certificates", v.serial(), "certificate-valid")).toList());
        }
        EnterpriseChanges.refuseIfUnfinished(b.unfinishedMatters());
    }

    /** APP-66, APP-67: dissolves the enterprise; {@code confirm} must be true, the password and the DISSOLVE_ENTERPRISE code right. */
    public Dissolved dissolve(PartyAccess me, long enterpriseId, String password, String code, Boolean confirm) {
        if (!Boolean.TRUE.equals(confirm)) {
            throw ApiException.invalid(List.of(new FieldError("confirm", "confirm that the enterprise is dissolved (true)", "confirm-required")));
        }
        memberships.requireAdmin(me, enterpriseId);
        refuse(tx.execute(s -> blockers(enterpriseId)));
        security.confirmIdentity(me, password, code, SmsPurpose.DISSOLVE_ENTERPRISE);
        return tx.execute(s -> {
            memberships.lock(enterpriseId); // first: a handover committed meanwhile is seen by the check below
            Membership admin = memberships.requireAdmin(me, enterpriseId);
            String actor = PersonAccounts.actor(admin.accountId());
            refuse(blockers(enterpriseId));
            PartyView e = memberships.enterprise(enterpriseId);
            Instant now = clock.instant();
            List<Memberships.Member> members = memberships.members(enterpriseId);
            for (Memberships.Member m : members) {
                memberships.end(m.membershipId(), "DISSOLVED", actor, Map.of("dissolution", true));
                notices.toAccount(m.accountId(), new Notice(NoticeKind.SYSTEM, "企业已解散", "Enterprise dissolved",
                        e.name() + "已由管理员解散，您已不再是其成员。", e.name() + " was dissolved by its administrator; you are no longer its member.",
                        null));
            }
            events.publishEvent(new cn.huren.server.membership.EnterpriseDissolved(enterpriseId, actor));
            List<String> voided = bindings.voidAllDissolved(enterpriseId, "企业已解散 / enterprise dissolved", actor);
            int files = parties.dissolve(enterpriseId, actor, now);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("enterpriseId", enterpriseId);
            content.put("uscc", e.identifier());
            content.put("name", e.name());
            content.put("membershipsEnded", members.size());
            content.put("certificatesVoided", voided);
            content.put("filesDeleted", files);
            ledger.append(actor, "enterprise", Long.toString(enterpriseId), "DISSOLVE", content);
            return new Dissolved(enterpriseId, members.size(), voided, files, now);
        });
    }
}
