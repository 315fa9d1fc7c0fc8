package cn.huren.server.registry;

import cn.huren.server.party.PartyRegistration;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The trading-system API's record list as plain SQL, no JPA query translated per call: one
 * auto-committed statement on the tenant's own tables, named with the current tenant's schema as
 * {@code client/Nonces} names its table (one SELECT is consistent by itself; without a transaction
 * a list pays no schema switch, no BEGIN and COMMIT, and no entity manager). The party's row comes
 * with its records, so an unknown party is told from one without records in the same statement.
 */
@Component
class RecordReads {

    private final JdbcClient jdbc;
    private final PartyRegistration parties;

    RecordReads(TenantData data, PartyRegistration parties) {
        this.jdbc = data.singleStatement();
        this.parties = parties;
    }

    /** The party's own and its persons' records of this kind in this status, newest first; 404 for an unknown party. */
    List<RecordView> ofParty(long partyId, RecordKind kind, RecordStatus status) {
        List<Optional<RecordView>> rows = jdbc.sql("select r.id, r.party_id, r.parent_id, r.kind, r.status, r.data, r.void_reason, "
                        + "r.void_evidence_id, r.created_at, r.updated_at, r.submitted_at, r.voided_at, r.version from " + TenantData.table("party") + " p "
                        + "left join " + TenantData.table("registry_record") + " r on r.party_id = p.id and r.kind = ? and r.status = ? "
                        + "where p.id = ? order by r.id desc")
                .params(kind.name(), status.name(), partyId)
                .query((rs, n) -> rs.getObject("id") == null ? Optional.<RecordView>empty() : Optional.of(view(rs, n))).list();
        if (rows.isEmpty()) {
            parties.requireExists(partyId); // no such party: its 404
        }
        return rows.stream().flatMap(Optional::stream).toList();
    }

    private static RecordView view(ResultSet rs, int row) throws SQLException {
        Long parent = rs.getObject("parent_id", Long.class);
        return new RecordView(rs.getLong("id"), rs.getLong("party_id"), parent, RecordKind.valueOf(rs.getString("kind")),
                RecordStatus.valueOf(rs.getString("status")), RecordView.read(rs.getString("data")), rs.getString("void_reason"),
                rs.getObject("void_evidence_id", UUID.class), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "submitted_at"), instant(rs, "voided_at"), rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
