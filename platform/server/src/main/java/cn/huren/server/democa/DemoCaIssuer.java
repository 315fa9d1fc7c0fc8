package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CaConnectorException.Reason;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.CertificateRequest.HolderKind;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.plugin.api.RecognisedCaPresets.CaPreset;
import cn.huren.plugin.api.RevocationReason;
import cn.huren.server.support.Hashes;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificationRequests;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.certificate.RevocationListChanged;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.tenancy.TenantContext;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, revokes and publishes CRLs for the current tenant's demo CA. The identifier goes into
 * the subject's serialNumber and into the CA-private OID Chinese CAs use (1.2.156.10260.4.1.4 USCC,
 * 1.2.156.10260.4.1.1 ID number). A revocation re-signs the CRL in its transaction and, once
 * committed, makes this node's certificate checks refetch it; CRLs hold for a short while
 * ({@code huren.demo-ca.crl-validity}, 5 minutes) so other nodes follow soon.
 */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaIssuer {

    static final String OID_ID_NUMBER = "1.2.156.10260.4.1.1";
    static final String OID_USCC = "1.2.156.10260.4.1.4";

    private final DemoCaStore store;
    private final CertificateBindings bindings;
    private final DemoCaKeys keys;
    private final DemoCaProvisioning provisioning;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Duration crlValidity;
    private final Clock clock;

    DemoCaIssuer(DemoCaStore store, DemoCaKeys keys, DemoCaProvisioning provisioning, ApplicationEventPublisher events,
                 PlatformTransactionManager transactions, @Value("${huren.demo-ca.crl-validity:PT5M}") Duration crlValidity,
                 CertificateBindings bindings, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.bindings = bindings;
        this.keys = keys;
        this.provisioning = provisioning;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.crlValidity = crlValidity;
    }

    IssuedCertificate issue(CertificateRequest request) {
        return issue(request, null);
    }

    /**
     * {@code preset}: the id of a CA the tenant's plugin recognises (e.g. {@code cfca}); that CA's demo
     * stand-in issues, writing the identifier only where that CA does (its OID). Null: the core's line
     * for the key's algorithm.
     */
    IssuedCertificate issue(CertificateRequest request, String preset) {
        CertificateRequest checked = Holders.checked(request);
        CertificationRequests.Checked csr = CertificationRequests.check(checked.csr());
        String tenant = TenantContext.require().code();
        List<CaPreset> presets = preset == null ? List.of() : provisioning.presets(TenantContext.require());
        Optional<CaPreset> chosen = preset == null ? Optional.empty() : Optional.of(presets.stream().filter(p -> p.id().equals(preset))
                .findFirst().orElseThrow(() -> new CaConnectorException(Reason.INVALID_REQUEST, "ca",
                        "ca: no CA " + preset + " for this portal; one of " + presets.stream().map(CaPreset::id).toList())));
        if (chosen.isPresent() && KeyAlgorithm.valueOf(chosen.get().algorithm()) != csr.algorithm()) {
            throw new CaConnectorException(Reason.INVALID_REQUEST, "csr-algorithm", "csr: " + chosen.get().name() + " certifies "
                    + chosen.get().algorithm() + " keys; this request is for an " + csr.algorithm() + " key");
        }
        String line = chosen.map(CaPreset::id).orElse(csr.algorithm() == KeyAlgorithm.SM2 ? "sm2" : "rsa");
        return tx.execute(s -> {
            if (checked.reference() != null) {
                Optional<IssuedCertificate> before = store.byReference(checked.reference(), Hashes.sha256Hex(checked.csr()));
                if (before.isPresent()) {
                    return before.get(); // the caller's retry: the certificate issued for this reference, not a second one
                }
            }
            DemoCaStore.Authority ca = store.authority(line).orElseThrow(() -> new CaConnectorException(Reason.NOT_FOUND, "demo-ca-missing",
                    "this portal has no demo CA yet; an operator provisions it (POST /api/platform/tenants/" + tenant + "/demo-ca)"));
            DemoCaStore.Authority root = store.authority(ca.parentId()).orElseThrow();
            String identifier = checked.holder().identifier();
            Subject subject = chosen.map(p -> Subject.of(checked.holder().name(), null, Map.of(p.identityOid(), identifier)))
                    .orElseGet(() -> Subject.of(checked.holder().name(), identifier,
                            Map.of(checked.holder().kind() == HolderKind.ENTERPRISE ? OID_USCC : OID_ID_NUMBER, identifier)));
            X509Certificate certificate = keys.open(tenant, ca).certify(subject, csr.key(), provisioning.crlUrl(tenant, line));
            String serial = certificate.getSerialNumber().toString(16).toUpperCase();
            byte[] der = DemoCaProvisioning.der(certificate);
            store.insertCertificate(serial, ca.id(), checked, der, certificate.getNotAfter().toInstant(), Hashes.sha256Hex(checked.csr()));
            return new IssuedCertificate(serial, List.of(der, ca.certificate(), root.certificate()), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(), ca.name());
        });
    }

    Instant revoke(String serialText, RevocationReason reason) {
        String serial = serial(serialText);
        String tenant = TenantContext.require().code();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // refusals are answered, not thrown, inside: this transaction may be the caller's, which a throw would mark rollback-only
        record Outcome(DemoCaStore.Authority revokedBy, boolean issued, Instant revokedBefore) {
        }
        Outcome outcome = tx.execute(s -> {
            DemoCaStore.IssuedRow row = store.certificateForUpdate(serial).orElse(null);
            if (row == null || row.revokedAt() != null) {
                return new Outcome(null, row != null, row == null ? null : row.revokedAt());
            }
            String why = (reason == null ? RevocationReason.UNSPECIFIED : reason).name();
            store.revoke(serial, at, why);
            DemoCaStore.Authority issuer = store.authority(row.caId()).orElseThrow();
            bindings.revokedByCa(serial, DemoCaKeys.certificate(issuer.certificate()).getSubjectX500Principal(), why);
            publish(tenant, issuer);
            return new Outcome(issuer, true, null);
        });
        if (!outcome.issued()) {
            throw new CaConnectorException(Reason.NOT_FOUND, "unknown-serial",
                    "the demo CA of this tenant issued no certificate with serial " + serial);
        }
        if (outcome.revokedBy() == null) {
            throw new CaConnectorException(Reason.CONFLICT, "already-revoked", "certificate " + serial + " was revoked on "
                    + outcome.revokedBefore() + "; a revocation is final");
        }
        DemoCaStore.Authority ca = outcome.revokedBy();
        if (ca.trustedCaId() != null) {
            events.publishEvent(new RevocationListChanged(tenant, ca.trustedCaId()));
        }
        return at;
    }

    /** The CA's current CRL (DER), re-signed when half its validity has passed. */
    byte[] crl(String caName) {
        String tenant = TenantContext.require().code();
        return tx.execute(s -> {
            DemoCaStore.Authority ca = store.authority(caName).orElseThrow(() -> new CaConnectorException(Reason.NOT_FOUND,
                    "unknown-ca", "this portal's demo CA has no CA named " + caName));
            return store.crl(ca.id()).filter(c -> c.nextUpdate().isAfter(clock.instant().plus(crlValidity.dividedBy(2))))
                    .map(DemoCaStore.Crl::der).orElseGet(() -> publish(tenant, ca));
        });
    }

    List<DemoCaStore.IssuedRow> certificates() {
        return tx.execute(s -> store.certificates(500));
    }

    /** The issuing CAs' certificates (DER), not the roots: what this tenant's demo certificates are issued under. */
    List<byte[]> issuingCertificates() {
        return tx.execute(s -> store.authorities().stream().filter(a -> a.parentId() != null).map(DemoCaStore.Authority::certificate).toList());
    }

    private byte[] publish(String tenant, DemoCaStore.Authority ca) {
        long number = store.nextCrlNumber(ca.id());
        Instant now = clock.instant();
        Instant next = now.plus(crlValidity);
        DemoCertificateAuthority authority = keys.open(tenant, ca);
        byte[] crl = authority.crl(now.minusSeconds(60), next, store.revocations(ca.id()), BigInteger.valueOf(number));
        store.saveCrl(ca.id(), crl, next);
        return crl;
    }

    private static String serial(String text) {
        String hex = text == null ? "" : text.replaceAll("[\\s:]", "");
        if (!hex.matches("[0-9A-Fa-f]{1,64}")) {
            throw new CaConnectorException(Reason.INVALID_REQUEST, "serial", "serial: the certificate's serial number in hexadecimal");
        }
        return new BigInteger(hex, 16).toString(16).toUpperCase();
    }
}
