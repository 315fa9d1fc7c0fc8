package cn.huren.server.democa;

import cn.huren.plugin.api.RecognisedCaPresets;
import cn.huren.plugin.api.RecognisedCaPresets.CaPreset;
import cn.huren.server.certificate.IdentityMapping;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.certificate.TrustedCas;
import cn.huren.server.certificate.TrustedCas.NewTrustedCa;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a tenant its demo CA, once: an SM2 and an RSA root, each with an issuing CA, keys sealed,
 * all four trusted by the tenant (identity in the subject's serialNumber, which holds the USCC or
 * the ID number alike), the issuing CAs with their CRL served by Huren. Calling it again only
 * points the CRL URLs at this server's current address. The CAs the tenant's plugin recognises
 * ({@link RecognisedCaPresets}, e.g. Jiangsu's CA mutual recognition) get a demo CA each, with the
 * preset's identity OID as their mapping.
 */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaProvisioning {

    /** A demo CA as operators see it. */
    record CaView(String name, String algorithm, boolean root, String subject, Instant notAfter, String crlUrl, String certificate) {
    }

    static final List<KeyAlgorithm> LINES = List.of(KeyAlgorithm.SM2, KeyAlgorithm.RSA);
    private static final IdentityMapping IDENTITY = new IdentityMapping(IdentityMapping.Source.SUBJECT_SERIAL, null, null);

    private final DemoCaStore store;
    private final DemoCaKeys keys;
    private final TrustedCas trusted;
    private final TransactionTemplate tx;
    private final Environment env;
    private final InstalledPlugins plugins;

    DemoCaProvisioning(DemoCaStore store, DemoCaKeys keys, TrustedCas trusted, PlatformTransactionManager transactions, Environment env,
                       InstalledPlugins plugins) {
        this.plugins = plugins;
        this.store = store;
        this.keys = keys;
        this.trusted = trusted;
        this.tx = new TransactionTemplate(transactions);
        this.env = env;
    }

    List<CaView> provision(TenantDescriptor tenant) {
        return TenantContext.callAs(tenant, () -> tx.execute(s -> {
            store.lock(tenant.code());
            if (store.authorities().isEmpty()) {
                LINES.forEach(algorithm -> create(tenant.code(), algorithm));
            }
            for (CaPreset preset : presets(tenant)) {
                if (store.authority(preset.id()).isEmpty()) {
                    createPreset(tenant.code(), preset);
                }
            }
            Map<Long, TrustedCas.TrustedCaView> trust = trusted.list().stream()
                    .collect(Collectors.toMap(TrustedCas.TrustedCaView::id, Function.identity()));
            for (DemoCaStore.Authority ca : store.authorities()) {
                TrustedCas.TrustedCaView registered = ca.trustedCaId() == null ? null : trust.get(ca.trustedCaId());
                String url = crlUrl(tenant.code(), ca.name());
                if (registered != null && registered.crlUrl() != null && !registered.crlUrl().equals(url)) {
                    trusted.change(registered.id(), new TrustedCas.CaChange(null, null, url, null));
                }
            }
            return views(tenant.code());
        }));
    }

    List<CaView> list(TenantDescriptor tenant) {
        return TenantContext.callAs(tenant, () -> tx.execute(s -> views(tenant.code())));
    }

    /** Where Huren serves a demo CA's CRL: {@code huren.demo-ca.crl-base-url}, else this server on the loopback address. */
    String crlUrl(String tenantCode, String caName) {
        String base = env.getProperty("huren.demo-ca.crl-base-url", "").strip();
        if (base.isEmpty()) {
            // *.localhost resolves in browsers and curl but not in the JVM: the server fetches its own CRL by address
            base = "http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        }
        return base.replaceAll("/+$", "") + "/demo-ca/" + tenantCode + "/" + caName + ".crl";
    }

    private void create(String tenantCode, KeyAlgorithm algorithm) {
        String display = "Huren Demo " + tenantCode + " " + algorithm;
        create(tenantCode, algorithm.name().toLowerCase(Locale.ROOT), algorithm, "Huren Demo CA " + tenantCode + " " + algorithm,
                "Huren Demo CA " + tenantCode + " " + algorithm, display + " Root CA", display + " Issuing CA", IDENTITY);
    }

    /** A line of the demo CA: a root and the CA it certifies (which issues), both stored with sealed keys and trusted by the tenant. */
    private void create(String tenantCode, String line, KeyAlgorithm algorithm, String rootCn, String issuingCn, String rootName,
                        String issuingName, IdentityMapping identity) {
        DemoCertificateAuthority root = DemoCertificateAuthority.root(rootCn, algorithm);
        DemoCertificateAuthority issuing = root.intermediate(issuingCn);
        long rootId = store.insert(line + "-root", algorithm, null, der(root.certificate()),
                keys.seal(tenantCode, line + "-root", root.privateKey()));
        long issuingId = store.insert(line, algorithm, rootId, der(issuing.certificate()), keys.seal(tenantCode, line, issuing.privateKey()));
        store.trustedAs(rootId, trusted.add(new NewTrustedCa(rootName, root.pem(), identity, null, null)).id());
        store.trustedAs(issuingId, trusted.add(new NewTrustedCa(issuingName, issuing.pem(), identity, crlUrl(tenantCode, line), null)).id());
    }

    /** The CAs the tenant's plugin recognises; ids that would clash with the core's lines are skipped. */
    List<CaPreset> presets(TenantDescriptor tenant) {
        return plugins.extensions(RecognisedCaPresets.class, tenant.pluginId()).stream()
                .flatMap(p -> p.recognisedCas(tenant.info()).stream())
                .filter(p -> p.id() != null && p.id().matches("[a-z][a-z0-9]{1,15}") && !p.id().equals("sm2") && !p.id().equals("rsa"))
                .toList();
    }

    private void createPreset(String tenantCode, CaPreset preset) {
        create(tenantCode, preset.id(), KeyAlgorithm.valueOf(preset.algorithm()), preset.name() + " Demo Root " + tenantCode,
                preset.name() + " Demo " + tenantCode, preset.name() + " Root CA", preset.name(),
                new IdentityMapping(IdentityMapping.Source.OID, null, preset.identityOid()));
    }

    private List<CaView> views(String tenantCode) {
        return store.authorities().stream().map(ca -> {
            X509Certificate certificate = DemoCaKeys.certificate(ca.certificate());
            return new CaView(ca.name(), ca.algorithm().name(), ca.parentId() == null, certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant(), crlUrl(tenantCode, ca.name()), DemoCertificateAuthority.pem(certificate));
        }).toList();
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
