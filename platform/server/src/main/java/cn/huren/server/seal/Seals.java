package cn.huren.server.seal;

import cn.huren.server.binding.CertificateAdministration;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateStatus;
import cn.huren.server.binding.CertificateType;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seals linked to a bound certificate (SX-19): at most one of each kind, a company seal (公章)
 * only on an ENTERPRISE certificate and a legal representative's seal (法人章) only on a
 * LEGAL_REPRESENTATIVE one. Callers let only the primary certificate change them. Adding and
 * removing go to the ledger under the certificate's binding, so its usage log shows them.
 */
@Service
public class Seals {

    public enum Kind {
        COMPANY(CertificateType.ENTERPRISE), LEGAL_REPRESENTATIVE(CertificateType.LEGAL_REPRESENTATIVE);

        private final CertificateType certificate;

        Kind(CertificateType certificate) {
            this.certificate = certificate;
        }
    }

    /** A seal without its image; the image is read by {@link #image}. */
    public record Seal(long id, long certificateId, Kind kind, String name, int width, int height, String sha256, Instant createdAt,
                       String createdBy) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CertificateBindings certificates;
    private final CertificateAdministration administration;
    private final ChangeLedger ledger;

    Seals(TenantData data, TransactionTemplate tx, CertificateBindings certificates, CertificateAdministration administration,
          ChangeLedger ledger) {
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.certificates = certificates;
        this.administration = administration;
        this.ledger = ledger;
    }

    public List<Seal> list(long partyId, long certificateId) {
        return tx.execute(s -> jdbc.sql("select * from certificate_seal where party_id = ? and binding_id = ? order by kind, id")
                .params(partyId, certificateId).query((rs, n) -> new Seal(rs.getLong("id"), rs.getLong("binding_id"),
                        Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getInt("width"), rs.getInt("height"),
                        rs.getString("sha256"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"))).list());
    }

    /** The PNG of one of the party's seals, as the API and the portal serve it: private to the session, never sniffed. */
    public ResponseEntity<byte[]> imageResponse(long partyId, long certificateId, long sealId) {
        byte[] image = tx.execute(s -> jdbc.sql("select image from certificate_seal where id = ? and binding_id = ? and party_id = ?")
                .params(sealId, certificateId, partyId).query((rs, n) -> rs.getBytes(1)).optional())
                .orElseThrow(() -> ApiException.notFound("seal-not-found", "no seal " + sealId + " of this certificate"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache().cachePrivate()).body(image);
    }

    /** Links a seal to an ACTIVE certificate whose type fits its kind; a second seal of a kind is refused (409). */
    public Seal add(PartyAccess me, long partyId, long certificateId, String kind, String name, byte[] image) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Kind k = kind(kind, errors);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            errors.add(new ApiException.FieldError("name", "1 to 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        SealImages.Png png = SealImages.check(image);
        CertificateBindings.Binding live = certificates.get(me, partyId, certificateId);
        if (live.status() != CertificateStatus.ACTIVE) {
            throw ApiException.conflict("certificate-state", "seals are linked to an active certificate; this one is " + live.status());
        }
        long id = tx.execute(s -> {
            CertificateBindings.Binding b = certificates.lockedActive(me, partyId, certificateId);
            if (b.disabledAt() != null) {
                throw ApiException.conflict("certificate-state", "seals are linked to an active certificate; this one is disabled");
            }
            if (b.type() != k.certificate) {
                throw ApiException.conflict("seal-kind", "a company seal (公章) goes with an enterprise certificate, a legal representative's "
                        + "seal (法人章) with a legal-representative certificate; this one is " + b.type());
            }
            String sha256 = Hashes.sha256Hex(image);
            long seal = jdbc.sql("""
                    insert into certificate_seal (party_id, binding_id, kind, name, image, width, height, sha256, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (binding_id, kind) do nothing returning id""")
                    .params(partyId, certificateId, k.name(), label, image, png.width(), png.height(), sha256, me.actor())
                    .query(Long.class).optional()
                    .orElseThrow(() -> ApiException.conflict("seal-exists", "this certificate has a " + k + " seal already; remove it first"));
            ledger.append(me.actor(), "certificate-binding", Long.toString(certificateId), "SEAL_ADD",
                    Map.of("seal", seal, "kind", k.name(), "name", label, "sha256", sha256));
            return seal;
        });
        return list(partyId, certificateId).stream().filter(seal -> seal.id() == id).findFirst().orElseThrow();
    }

    public void remove(PartyAccess me, long partyId, long certificateId, long sealId) {
        tx.executeWithoutResult(s -> {
            certificates.lockedActive(me, partyId, certificateId);
            Seal gone = jdbc.sql("delete from certificate_seal where id = ? and binding_id = ? and party_id = ? returning kind, name, sha256")
                    .params(sealId, certificateId, partyId).query((rs, n) -> new Seal(sealId, certificateId, Kind.valueOf(rs.getString(1)),
                            rs.getString(2), 0, 0, rs.getString(3), null, null)).optional()
                    .orElseThrow(() -> ApiException.notFound("seal-not-found", "no seal " + sealId + " of this certificate"));
            ledger.append(me.actor(), "certificate-binding", Long.toString(certificateId), "SEAL_REMOVE",
                    Map.of("seal", sealId, "kind", gone.kind().name(), "name", gone.name(), "sha256", gone.sha256()));
        });
    }

    /** SX-19: an enterprise certificate's type; refused while a seal of the other kind is linked to it. */
    public CertificateBindings.Binding classify(PartyAccess me, long partyId, long certificateId, String type) {
        tx.executeWithoutResult(s -> {
            CertificateType now = administration.classify(me, partyId, certificateId, type);
            List<Seal> misfits = list(partyId, certificateId).stream().filter(seal -> seal.kind().certificate != now).toList();
            if (!misfits.isEmpty()) {
                throw ApiException.conflict("seal-linked", "remove the " + misfits.get(0).kind() + " seal first: it does not go with a "
                        + now + " certificate");
            }
        });
        return certificates.get(me, partyId, certificateId);
    }

    private static Kind kind(String kind, List<ApiException.FieldError> errors) {
        try {
            return Kind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("kind", "COMPANY or LEGAL_REPRESENTATIVE"));
            return null;
        }
    }
}
