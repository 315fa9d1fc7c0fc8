package cn.huren.server.client;

import cn.huren.server.binding.CertificateBindings.BindingStatus;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRole;
import cn.huren.server.party.PartyView;
import cn.huren.server.registry.ProjectBoard;
import cn.huren.server.registry.ProjectStage;
import cn.huren.server.registry.ProjectView;
import cn.huren.server.registry.RecordStatus;
import cn.huren.server.registry.RecordView;
import cn.huren.server.registry.TrackRecordStatus;
import cn.huren.server.registry.TrackRecordView;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** What the v1 API answers: types of its own, so that the registry's views may change without changing v1. */
final class V1Views {

    private V1Views() {
    }

    /** A party; {@code uscc} for an enterprise, {@code residentId} for a person. */
    record Party(long id, PartyKind kind, String uscc, String residentId, String name, Set<PartyRole> roles,
                 Map<String, Object> basicInfo, boolean registrationComplete, Instant registeredAt) {

        static Party of(PartyView p) {
            boolean enterprise = p.kind() == PartyKind.ENTERPRISE;
            return new Party(p.id(), p.kind(), enterprise ? p.identifier() : null, enterprise ? null : p.identifier(), p.name(),
                    p.roles(), p.basicInfo(), p.basicInfoComplete(), p.createdAt());
        }
    }

    /** A record usable in bidding (X-01: SUBMITTED); {@code personId} for a person's sub-record (JS-71). */
    record BiddingRecord(long id, String kind, Long personId, RecordStatus status, Map<String, Object> data, Instant submittedAt,
                         Instant updatedAt) {

        static BiddingRecord of(RecordView r) {
            return new BiddingRecord(r.id(), r.kind().code(), r.parentId(), r.status(), r.data(), r.submittedAt(), r.updatedAt());
        }
    }

    /** A track record with its use count (JS-46); only NORMAL ones are usable in bidding (JS-42). */
    record TrackRecord(long id, long partyId, long projectId, ProjectBoard board, TrackRecordStatus status, boolean usableInBidding,
                       long useCount, Map<String, Object> project, Map<String, Object> contract, Instant createdAt,
                       String voidReason, Instant voidedAt) {

        static TrackRecord of(TrackRecordView t) {
            return new TrackRecord(t.id(), t.partyId(), t.projectId(), t.board(), t.status(), t.usableInBidding(), t.useCount(),
                    t.project(), t.contract(), t.createdAt(), t.voidReason(), t.voidedAt());
        }
    }

    /** An on-platform project as pushed: platform fields (read-only for the party, X-10) and the party's own. */
    record Project(long id, long partyId, ProjectBoard board, String platformCode, Map<String, Object> platformData,
                   Map<String, Object> data, ProjectStage stage, RecordStatus status, Instant createdAt, Instant updatedAt) {

        static Project of(ProjectView p) {
            return new Project(p.id(), p.partyId(), p.board(), p.platformCode(), p.platformData(), p.data(), p.stage(), p.status(),
                    p.createdAt(), p.updatedAt());
        }
    }

    /**
     * A bound certificate's status (X-04 vocabulary): the binding's state, EXPIRED once past its
     * validity; {@code usable} only when ACTIVE.
     */
    record CertificateStatus(String serial, String issuer, String caName, String status, boolean usable, long partyId,
                             boolean primary, String medium, Instant notAfter, Instant boundAt) {

        static CertificateStatus of(BindingStatus b, Instant now) {
            String status = "ACTIVE".equals(b.status()) && b.notAfter().isBefore(now) ? "EXPIRED" : b.status();
            return new CertificateStatus(b.serial(), b.issuer(), b.caName(), status, "ACTIVE".equals(status), b.partyId(), b.primary(),
                    b.medium().name(), b.notAfter(), b.boundAt());
        }
    }
}
