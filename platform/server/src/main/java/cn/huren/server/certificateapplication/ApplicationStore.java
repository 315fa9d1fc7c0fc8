package cn.huren.server.certificateapplication;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateType;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The certificate_application table of the current tenant's schema. Callers hold a transaction
 * opened with the tenant bound. Rows are never deleted; each state change is one guarded update.
 */
@Component
class ApplicationStore {

    /** A row with what the service needs beyond the party's view: the request, the issued certificate and chain. */
    record Row(Application view, long partyId, byte[] csr, byte[] certificate, byte[] chain) {
    }

    private final JdbcClient jdbc;

    ApplicationStore(TenantData data) {
        this.jdbc = data.jdbc();
    }

    long insert(long partyId, Application.Kind kind, CertificateType type, CertificateBindings.Medium medium, String holderName,
                byte[] csr, String keyAlgorithm, Long replaces, String actor) {
        return jdbc.sql("""
                insert into certificate_application (party_id, kind, certificate_type, medium, holder_name, csr, key_algorithm,
                  replaces_binding_id, state, applied_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'IN_REVIEW', ?, now()) returning id""")
                .params(partyId, kind.name(), type.name(), medium.name(), holderName, csr, keyAlgorithm, replaces, actor)
                .query(Long.class).single();
    }

    List<Application> list(long partyId) {
        return jdbc.sql("select * from certificate_application where party_id = ? order by id desc").param(partyId)
                .query((rs, n) -> row(rs).view()).list();
    }

    /** The application a bound certificate of the party came through, if any. */
    Optional<Application> byBinding(long partyId, long bindingId) {
        return jdbc.sql("select * from certificate_application where party_id = ? and binding_id = ?").params(partyId, bindingId)
                .query((rs, n) -> row(rs).view()).optional();
    }

    /** For the CA's reviewers: by state (all when null), oldest first. */
    List<Row> byState(Application.State state, int limit) {
        return jdbc.sql("select * from certificate_application where (cast(? as varchar) is null or state = ?) order by id limit ?")
                .params(state == null ? null : state.name(), state == null ? null : state.name(), limit)
                .query((rs, n) -> row(rs)).list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from certificate_application where id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /** The row, locked until the transaction ends; 404 when this tenant has none (another tenant's id included). */
    Row locked(long id) {
        return jdbc.sql("select * from certificate_application where id = ? for update").param(id).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> notFound(id));
    }

    /** A party's own; another party's is as unknown as a missing one. */
    Row lockedOf(long partyId, long id) {
        Row row = locked(id);
        if (row.partyId() != partyId) {
            throw notFound(id);
        }
        return row;
    }

    /** Whether another application replacing this binding is still open. */
    boolean openFor(long bindingId) {
        return jdbc.sql("select count(*) from certificate_application where replaces_binding_id = ? and state in ('IN_REVIEW', 'AWAITING_DOWNLOAD')")
                .param(bindingId).query(Long.class).single() > 0;
    }

    void decide(long id, Application.State state, String reason, String decidedBy) {
        jdbc.sql("update certificate_application set state = ?, reason = ?, decided_by = ?, decided_at = now() where id = ?")
                .params(state.name(), reason, decidedBy, id).update();
    }

    void issued(long id, byte[] certificate, byte[] chain, String serial, String issuer, String caName, Instant notAfter, String decidedBy) {
        jdbc.sql("""
                update certificate_application set state = 'AWAITING_DOWNLOAD', certificate = ?, chain = ?, serial = ?, issuer = ?, ca_name = ?,
                  not_after = ?, decided_by = ?, decided_at = now() where id = ?""")
                .params(certificate, chain, serial, issuer, caName, Timestamp.from(notAfter), decidedBy, id).update();
    }

    void downloaded(long id, long bindingId) {
        jdbc.sql("update certificate_application set state = 'DOWNLOADED', downloaded_at = now(), binding_id = ? where id = ?")
                .params(bindingId, id).update();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("application-not-found", "no certificate application " + id + " here");
    }

    private static Row row(ResultSet rs) throws SQLException {
        Application.State state = Application.State.valueOf(rs.getString("state"));
        long id = rs.getLong("id");
        long replaces = rs.getLong("replaces_binding_id");
        Long replacesId = rs.wasNull() ? null : replaces;
        long binding = rs.getLong("binding_id");
        Long bindingId = rs.wasNull() ? null : binding;
        boolean downloadable = state == Application.State.AWAITING_DOWNLOAD || state == Application.State.DOWNLOADED;
        Application view = new Application(id, Application.Kind.valueOf(rs.getString("kind")),
                CertificateType.valueOf(rs.getString("certificate_type")), CertificateBindings.Medium.valueOf(rs.getString("medium")),
                rs.getString("holder_name"), rs.getString("key_algorithm"), replacesId, state, state.status(), rs.getString("reason"),
                rs.getString("serial"), rs.getString("issuer"), rs.getString("ca_name"), instant(rs, "not_after"), instant(rs, "created_at"),
                instant(rs, "decided_at"), instant(rs, "downloaded_at"), bindingId,
                downloadable ? Application.downloadMessage(TenantContext.require().code(), id) : null);
        return new Row(view, rs.getLong("party_id"), rs.getBytes("csr"), rs.getBytes("certificate"), rs.getBytes("chain"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
