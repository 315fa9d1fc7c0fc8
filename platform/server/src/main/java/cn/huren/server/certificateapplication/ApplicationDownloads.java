package cn.huren.server.certificateapplication;

import cn.huren.plugin.api.RevocationReason;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.Pem;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APP-11, APP-39, SX-20: the key's holder downloads an approved certificate, proving possession of
 * the key the application named by signing {@code huren-download:{tenant}:{id}} (as a login signs its
 * challenge); no session is needed, the key is the credential. The first download binds the
 * certificate to the party as activation does (ACTIVE); later ones hand out the same certificate.
 * A renewal (更新) leaves the certificate it replaces until it expires, a change (变更) revokes it at
 * the CA; either way the replacement takes over the primary role when the old one held it.
 */
@Service
class ApplicationDownloads {

    /** {@code signature}: base64; {@code mediumId}: the key's medium (介质硬件号), optional. */
    record Input(String signature, String mediumId) {
    }

    /** PEM: the certificate, and the chain from it to the root. */
    record Download(long applicationId, String serialNumber, String certificate, List<String> chain, long bindingId) {
    }

    private final ApplicationStore store;
    private final TransactionTemplate tx;
    private final CertificateVerifier verifier;
    private final CertificateBindings bindings;
    private final PartyRegistration parties;
    private final ChangeLedger ledger;
    private final TenantCa ca;

    ApplicationDownloads(ApplicationStore store, TransactionTemplate tx, CertificateVerifier verifier, CertificateBindings bindings,
                         PartyRegistration parties, ChangeLedger ledger, TenantCa ca) {
        this.store = store;
        this.tx = tx;
        this.verifier = verifier;
        this.bindings = bindings;
        this.parties = parties;
        this.ledger = ledger;
        this.ca = ca;
    }

    Download download(long id, Input in) {
        byte[] signature = signature(in.signature());
        String mediumId = in.mediumId() == null || in.mediumId().isBlank() ? null : in.mediumId().strip();
        if (mediumId != null && mediumId.length() > 128) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("mediumId", "at most 128 characters")));
        }
        return tx.execute(s -> {
            ApplicationStore.Row row = store.locked(id);
            Application a = row.view();
            if (a.state() != Application.State.AWAITING_DOWNLOAD && a.state() != Application.State.DOWNLOADED) {
                throw ApiException.conflict("application-state", "application " + id + " is " + a.state()
                        + "; only an approved one (AWAITING_DOWNLOAD) can be downloaded");
            }
            byte[] message = Application.downloadMessage(TenantContext.require().code(), id).getBytes(StandardCharsets.UTF_8);
            if (!verifier.signatureValid(row.certificate(), message, signature)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "signature-invalid", "the signature does not verify with the key of application "
                        + id + " over " + new String(message, StandardCharsets.UTF_8) + "; only that key's holder downloads it");
            }
            long bindingId = a.state() == Application.State.DOWNLOADED ? a.bindingId() : bind(row, mediumId);
            List<String> chain = chain(row);
            return new Download(id, a.serial(), chain.get(0), chain, bindingId);
        });
    }

    /** Checked like any certificate presented here (trusted CA, not revoked, the party's identifier), then bound. */
    private long bind(ApplicationStore.Row row, String mediumId) {
        Application a = row.view();
        List<byte[]> above = split(row.chain());
        VerifiedCertificate verified = verifier.verify(row.certificate(), above);
        if (!verified.holderIdentifier().equals(parties.require(row.partyId()).identifier())) {
            throw ApiException.conflict("certificate-identity", "the issued certificate names " + verified.holderIdentifier()
                    + ", not the applying party");
        }
        String actor = PartySessions.certificateActor(row.partyId(), verified.serialNumber());
        long bindingId = bindings.bind(row.partyId(), verified, row.certificate(), a.medium(), mediumId, a.holderName(), a.type(), actor);
        if (a.replaces() != null) {
            replace(row.partyId(), a, bindingId, verified.serialNumber(), actor);
        }
        store.downloaded(a.id(), bindingId);
        ledger.append(actor, "certificate-application", Long.toString(a.id()), "DOWNLOAD",
                Map.of("serial", verified.serialNumber(), "binding", bindingId));
        return bindingId;
    }

    /** Skipped for a certificate voided or revoked since the application: it is out of use already. */
    private void replace(long partyId, Application a, long bindingId, String serial, String actor) {
        CertificateBindings.Binding old;
        try {
            old = bindings.lockedActive(null, partyId, a.replaces());
        } catch (ApiException outOfUse) {
            return;
        }
        if (old.primary()) {
            bindings.handOverPrimary(partyId, bindingId, actor);
        }
        if (a.kind() == Application.Kind.CHANGE) {
            bindings.revoked(partyId, old.id(), "replaced by certificate " + serial + " (变更)", "CHANGED", actor);
            ca.revoke(old.serial(), RevocationReason.SUPERSEDED);
        }
    }

    private static byte[] signature(String text) {
        try {
            byte[] bytes = text == null || text.isBlank() ? null : Base64.getDecoder().decode(text.strip());
            if (bytes != null && bytes.length > 0 && bytes.length <= 1024) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("signature", "base64 of the key's signature over the download message")));
    }

    private List<String> chain(ApplicationStore.Row row) {
        List<String> pems = new ArrayList<>();
        pems.add(Pem.certificate(row.certificate()));
        split(row.chain()).forEach(c -> pems.add(Pem.certificate(c)));
        return pems;
    }

    /** The stored CA certificates, DER one after another, read as ASN.1 only (the JDK's parser knows no SM2 keys). */
    private static List<byte[]> split(byte[] concatenated) {
        List<byte[]> certificates = new ArrayList<>();
        if (concatenated == null) {
            return certificates;
        }
        try (ASN1InputStream in = new ASN1InputStream(concatenated)) {
            for (ASN1Primitive next = in.readObject(); next != null; next = in.readObject()) {
                certificates.add(next.getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a stored CA chain is unreadable", e);
        }
        return certificates;
    }
}
