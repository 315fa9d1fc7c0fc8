package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Revoked;
import cn.huren.server.tenancy.TenantData;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo CA's tables in the tenant's schema. Callers hold a transaction opened with the tenant
 * bound: outside one, plain JDBC would run on the platform schema.
 */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaStore {

    /** One CA: a root ({@code parentId} null) or an issuing CA under it; the key stays sealed here. */
    record Authority(long id, String name, KeyAlgorithm algorithm, Long parentId, byte[] certificate, String sealedKey, Long trustedCaId) {
    }

    /** A certificate the CA issued, as operators list it. */
    record IssuedRow(String serial, long caId, String holderKind, String holderIdentifier, String holderName, String profile,
                     Instant notAfter, Instant issuedAt, Instant revokedAt, String revocationReason) {
    }

    /** A published CRL (DER) and until when it holds. */
    record Crl(byte[] der, Instant nextUpdate) {
    }

    private final JdbcClient jdbc;

    DemoCaStore(TenantData data) {
        this.jdbc = data.jdbc();
    }

    /** Serialises provisioning of one tenant's CA across nodes, until the transaction ends. */
    void lock(String tenantCode) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("demo-ca:" + tenantCode).query((rs, n) -> 1).single();
    }

    List<Authority> authorities() {
        return jdbc.sql("select * from demo_ca order by id").query(DemoCaStore::authority).list();
    }

    Optional<Authority> authority(String name) {
        return jdbc.sql("select * from demo_ca where name = ?").param(name).query(DemoCaStore::authority).optional();
    }

    Optional<Authority> authority(long id) {
        return jdbc.sql("select * from demo_ca where id = ?").param(id).query(DemoCaStore::authority).optional();
    }

    long insert(String name, KeyAlgorithm algorithm, Long parentId, byte[] certificate, String sealedKey) {
        return jdbc.sql("""
                insert into demo_ca (name, algorithm, parent_id, certificate, private_key, created_at)
                values (?, ?, ?, ?, ?, now()) returning id""")
                .params(name, algorithm.name(), parentId, certificate, sealedKey).query(Long.class).single();
    }

    void trustedAs(long id, long trustedCaId) {
        jdbc.sql("update demo_ca set trusted_ca_id = ? where id = ?").params(trustedCaId, id).update();
    }

    void insertCertificate(String serial, long caId, CertificateRequest request, byte[] certificate, Instant notAfter, String csrSha256) {
        jdbc.sql("""
                insert into demo_ca_certificate (serial, ca_id, holder_kind, holder_identifier, holder_name, profile, certificate,
                  not_after, issued_at, request_reference, request_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?)""")
                .params(serial, caId, request.holder().kind().name(), request.holder().identifier(), request.holder().name(),
                        request.profile().name(), certificate, Timestamp.from(notAfter), request.reference(),
                        request.reference() == null ? null : csrSha256)
                .update();
    }

    /**
     * The certificate issued for a request reference (locked against a concurrent first issue of it): the same CSR
     * gets it again; another CSR under the reference is refused (409 {@code reference-reused}).
     */
    Optional<IssuedCertificate> byReference(String reference, String csrSha256) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':demo-ca-reference:' || ?))").param(reference)
                .query((rs, n) -> 1).single();
        record Row(String serial, long caId, byte[] certificate, String csrSha256) {
        }
        Optional<Row> row = jdbc.sql("select serial, ca_id, certificate, request_sha256 from demo_ca_certificate where request_reference = ?")
                .param(reference).query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getString(4))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get().csrSha256().equals(csrSha256)) {
            throw new CaConnectorException(CaConnectorException.Reason.CONFLICT, "reference-reused",
                    "request " + reference + " was issued a certificate for another key");
        }
        Authority ca = authority(row.get().caId()).orElseThrow();
        Authority root = authority(ca.parentId()).orElseThrow();
        java.security.cert.X509Certificate certificate = DemoCaKeys.certificate(row.get().certificate());
        return Optional.of(new IssuedCertificate(row.get().serial(), List.of(row.get().certificate(), ca.certificate(), root.certificate()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), ca.name()));
    }

    Optional<IssuedRow> certificateForUpdate(String serial) {
        return jdbc.sql("select * from demo_ca_certificate where serial = ? for update").param(serial).query(DemoCaStore::issued).optional();
    }

    List<IssuedRow> certificates(int limit) {
        return jdbc.sql("select * from demo_ca_certificate order by issued_at desc limit ?").param(limit).query(DemoCaStore::issued).list();
    }

    void revoke(String serial, Instant at, String reason) {
        jdbc.sql("update demo_ca_certificate set revoked_at = ?, revocation_reason = ? where serial = ?")
                .params(Timestamp.from(at), reason, serial).update();
    }

    /** Every revocation of one CA, for its CRL (a demo CA's list stays short). */
    Map<BigInteger, Revoked> revocations(long caId) {
        Map<BigInteger, Revoked> revoked = new LinkedHashMap<>();
        jdbc.sql("select serial, revoked_at, revocation_reason from demo_ca_certificate where ca_id = ? and revoked_at is not null")
                .param(caId).query(rs -> {
                    revoked.put(new BigInteger(rs.getString(1), 16),
                            new Revoked(rs.getTimestamp(2).toInstant(), crlReason(rs.getString(3))));
                });
        return revoked;
    }

    /** The stored CRL and its nextUpdate, or empty when none was published yet. */
    Optional<Crl> crl(long caId) {
        return jdbc.sql("select crl, crl_next_update from demo_ca where id = ? and crl is not null").param(caId)
                .query((rs, n) -> new Crl(rs.getBytes(1), rs.getTimestamp(2).toInstant())).optional();
    }

    /** The next CRL number, taken under the row lock so that two nodes never publish the same one. */
    long nextCrlNumber(long caId) {
        return jdbc.sql("update demo_ca set crl_number = crl_number + 1 where id = ? returning crl_number").param(caId)
                .query(Long.class).single();
    }

    void saveCrl(long caId, byte[] crl, Instant nextUpdate) {
        jdbc.sql("update demo_ca set crl = ?, crl_next_update = ? where id = ?").params(crl, Timestamp.from(nextUpdate), caId).update();
    }

    private static int crlReason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "KEY_COMPROMISE" -> CRLReason.keyCompromise;
            case "AFFILIATION_CHANGED" -> CRLReason.affiliationChanged;
            case "SUPERSEDED" -> CRLReason.superseded;
            case "CESSATION_OF_OPERATION" -> CRLReason.cessationOfOperation;
            default -> CRLReason.unspecified;
        };
    }

    private static Authority authority(ResultSet rs, int row) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        long trusted = rs.getLong("trusted_ca_id");
        Long trustedId = rs.wasNull() ? null : trusted;
        return new Authority(rs.getLong("id"), rs.getString("name"), KeyAlgorithm.valueOf(rs.getString("algorithm")), parentId,
                rs.getBytes("certificate"), rs.getString("private_key"), trustedId);
    }

    private static IssuedRow issued(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new IssuedRow(rs.getString("serial"), rs.getLong("ca_id"), rs.getString("holder_kind"), rs.getString("holder_identifier"),
                rs.getString("holder_name"), rs.getString("profile"), rs.getTimestamp("not_after").toInstant(),
                rs.getTimestamp("issued_at").toInstant(), revoked == null ? null : revoked.toInstant(), rs.getString("revocation_reason"));
    }
}
