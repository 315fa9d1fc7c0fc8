package cn.huren.server.registry;

import cn.huren.server.party.PartyRegistration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trading-system API's record list as plain SQL in one read-only transaction (the party's
 * existence and its records): no JPA query translated per call, no flush, no dirty check.
 */
@Component
class RecordReads {

    private final JdbcClient jdbc;
    private final TransactionTemplate reads;
    private final PartyRegistration parties;

    RecordReads(DataSource dataSource, PlatformTransactionManager transactions, PartyRegistration parties) {
        this.jdbc = JdbcClient.create(dataSource);
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.parties = parties;
    }

    /** The party's own and its persons' records of this kind in this status, newest first; 404 for an unknown party. */
    List<RecordView> ofParty(long partyId, RecordKind kind, RecordStatus status) {
        return reads.execute(s -> {
            parties.requireExists(partyId);
            return jdbc.sql("""
                    select id, party_id, parent_id, kind, status, data, void_reason, void_evidence_id, created_at, updated_at,
                      submitted_at, voided_at, version
                    from registry_record where party_id = ? and kind = ? and status = ? order by id desc""")
                    .params(partyId, kind.name(), status.name()).query(RecordReads::view).list();
        });
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
