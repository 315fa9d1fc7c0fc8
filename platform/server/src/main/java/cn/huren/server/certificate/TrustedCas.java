package cn.huren.server.certificate;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CAs a tenant recognises (CA 互认): roots and intermediates uploaded by operators, each with
 * the identity mapping of its certificates. Parsed, enabled CAs are kept per tenant in a cache so
 * that a login touches no database for trust decisions.
 */
@Component
public class TrustedCas {

    /** A trusted CA as operators see it. */
    public record TrustedCaView(long id, String name, String subject, String fingerprint, boolean root, boolean enabled,
                                IdentityMapping identity, String crlUrl, String ocspUrl, Instant notAfter) {
    }

    /** What an operator uploads. */
    public record NewTrustedCa(String name, String certificate, IdentityMapping identity, String crlUrl, String ocspUrl) {
    }

    /** An enabled CA, parsed. */
    record Anchor(TrustedCaView ca, X509Certificate certificate) {
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://\\S{1,1990}");

    private final JdbcClient jdbc;
    private final Cache<String, TrustAnchors> anchors = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(60)).build();

    private final org.springframework.transaction.support.TransactionTemplate tx;

    TrustedCas(TenantData data, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = data.jdbc();
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
    }

    @Transactional
    public TrustedCaView add(NewTrustedCa request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("name", "a display name of 1 to 200 characters")));
        }
        byte[] der = Pem.certificateDer(request.certificate());
        X509Certificate certificate;
        try {
            certificate = Crypto.parse(der);
        } catch (CertificateException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("certificate", "not a readable X.509 certificate (PEM or base64 DER)")));
        }
        if (certificate.getBasicConstraints() < 0) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("certificate", "not a CA certificate (basicConstraints cA is false)")));
        }
        checkUrls(request.crlUrl(), request.ocspUrl());
        boolean root = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        try {
            long id = jdbc.sql("""
                    insert into trusted_ca (name, certificate, subject, fingerprint, root, enabled, identity_source,
                      identity_pattern, identity_oid, crl_url, ocsp_url, not_after, created_at)
                    values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(request.name().strip(), der, certificate.getSubjectX500Principal().getName(), Hashes.sha256Hex(der), root,
                            request.identity().source().name(), request.identity().pattern(), request.identity().oid(),
                            blankToNull(request.crlUrl()), blankToNull(request.ocspUrl()),
                            Timestamp.from(certificate.getNotAfter().toInstant()), Timestamp.from(Instant.now()))
                    .query(Long.class).single();
            invalidate();
            return get(id);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ca-exists", "this CA certificate is already trusted by the tenant");
        }
    }

    @Transactional(readOnly = true)
    public List<TrustedCaView> list() {
        return jdbc.sql("select * from trusted_ca order by id").query(TrustedCas::view).list();
    }

    @Transactional
    public TrustedCaView enable(long id, boolean enabled) {
        if (jdbc.sql("update trusted_ca set enabled = ? where id = ?").params(enabled, id).update() == 0) {
            throw ApiException.notFound("ca-not-found", "no trusted CA " + id);
        }
        invalidate();
        return get(id);
    }

    /** An operator's change to a trusted CA; a null field stays as it is, a blank URL removes it. */
    public record CaChange(String name, IdentityMapping identity, String crlUrl, String ocspUrl) {
    }

    /** Renames a CA, changes its identity mapping or points it at other CRL / OCSP URLs; the certificate itself never changes. */
    @Transactional
    public TrustedCaView change(long id, CaChange change) {
        if (change.name() != null && (change.name().isBlank() || change.name().length() > 200)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("name", "a display name of 1 to 200 characters")));
        }
        checkUrls(change.crlUrl(), change.ocspUrl());
        IdentityMapping identity = change.identity();
        int changed = jdbc.sql("""
                update trusted_ca set name = coalesce(?, name),
                  identity_source = coalesce(?, identity_source),
                  identity_pattern = case when ? then ? else identity_pattern end,
                  identity_oid = case when ? then ? else identity_oid end,
                  crl_url = case when ? then ? else crl_url end,
                  ocsp_url = case when ? then ? else ocsp_url end
                where id = ?""")
                .params(change.name() == null ? null : change.name().strip(),
                        identity == null ? null : identity.source().name(),
                        identity != null, identity == null ? null : identity.pattern(),
                        identity != null, identity == null ? null : identity.oid(),
                        change.crlUrl() != null, blankToNull(change.crlUrl()),
                        change.ocspUrl() != null, blankToNull(change.ocspUrl()), id)
                .update();
        if (changed == 0) {
            throw ApiException.notFound("ca-not-found", "no trusted CA " + id);
        }
        invalidate();
        return get(id);
    }

    /** The names of the tenant's enabled issuing CAs (the login page names them, CA mutual recognition), from the cached anchors. */
    public List<String> issuingCaNames() {
        return anchors().issuingNames().toList();
    }

    /** The tenant's enabled CAs, parsed and indexed; cached per tenant. */
    TrustAnchors anchors() {
        return anchors.get(TenantContext.require().code(), code -> loadAnchors());
    }

    /** Called by the cache on this instance (no proxy): the transaction that binds the tenant's connection is explicit. */
    private TrustAnchors loadAnchors() {
        return new TrustAnchors(tx.execute(s -> jdbc.sql("select * from trusted_ca where enabled order by id").query((rs, n) -> {
            try {
                return new Anchor(view(rs, n), Crypto.parse(rs.getBytes("certificate")));
            } catch (CertificateException e) {
                throw new IllegalStateException("stored CA certificate " + rs.getLong("id") + " cannot be parsed", e);
            }
        }).list()));
    }

    private void invalidate() {
        anchors.invalidate(TenantContext.require().code());
    }

    private TrustedCaView get(long id) {
        return jdbc.sql("select * from trusted_ca where id = ?").param(id).query(TrustedCas::view).single();
    }

    private static TrustedCaView view(ResultSet rs, int row) throws SQLException {
        return new TrustedCaView(rs.getLong("id"), rs.getString("name"), rs.getString("subject"), rs.getString("fingerprint"),
                rs.getBoolean("root"), rs.getBoolean("enabled"),
                new IdentityMapping(IdentityMapping.Source.valueOf(rs.getString("identity_source")), rs.getString("identity_pattern"),
                        rs.getString("identity_oid")),
                rs.getString("crl_url"), rs.getString("ocsp_url"), rs.getTimestamp("not_after").toInstant());
    }

    /** Blank means none; anything else must be an http(s) URL. */
    private static void checkUrls(String crlUrl, String ocspUrl) {
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("crlUrl", crlUrl);
        urls.put("ocspUrl", ocspUrl);
        urls.forEach((field, url) -> {
            if (url != null && !url.isBlank() && !URL.matcher(url).matches()) {
                throw ApiException.invalid(List.of(new ApiException.FieldError(field, "an http(s) URL, or empty for none")));
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
