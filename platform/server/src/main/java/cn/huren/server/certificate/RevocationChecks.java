package cn.huren.server.certificate;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Revocation by CRL, as Keycloak learnt it must be done: fetched over HTTP, its signature checked
 * against the CA, cached until its nextUpdate (so a 40 MB CRL is not fetched per login), refetched
 * once it is due, and never trusted past it — an outdated or unreachable CRL fails closed, naming
 * the CA. The cache key carries the tenant.
 */
@Component
class RevocationChecks {

    static final int MAX_CRL_BYTES = 64 * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Cache<String, X509CRL> crls = Caffeine.newBuilder().maximumSize(10_000).build();

    /** Refuses a certificate its CA has revoked; does nothing for a CA without a CRL URL. */
    void check(X509Certificate certificate, TrustedCas.Anchor issuer) {
        String url = issuer.ca().crlUrl();
        if (url == null) {
            return;
        }
        X509CRL crl = current(url, issuer);
        if (crl.isRevoked(certificate)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "certificate-revoked", "the certificate was revoked by " + issuer.ca().name()
                    + " on " + crl.getRevokedCertificate(certificate).getRevocationDate().toInstant());
        }
    }

    @EventListener
    void changed(RevocationListChanged event) {
        String prefix = event.tenantCode() + "|" + event.trustedCaId() + "|";
        crls.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    }

    private X509CRL current(String url, TrustedCas.Anchor issuer) {
        String key = TenantContext.require().code() + "|" + issuer.ca().id() + "|" + url;
        X509CRL cached = crls.getIfPresent(key);
        if (cached != null && due(cached)) {
            crls.invalidate(key);
            cached = null;
        }
        X509CRL crl = cached != null ? cached : crls.get(key, k -> fetch(url, issuer));
        if (due(crl)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "crl-outdated", "the revocation list of " + issuer.ca().name()
                    + " is outdated (next update was due " + crl.getNextUpdate().toInstant() + "); certificates of this CA are refused until it is current");
        }
        return crl;
    }

    private static boolean due(X509CRL crl) {
        return crl.getNextUpdate() == null || crl.getNextUpdate().before(Date.from(Instant.now()));
    }

    private X509CRL fetch(String url, TrustedCas.Anchor issuer) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length == 0 || response.body().length > MAX_CRL_BYTES) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509", Crypto.BC)
                    .generateCRL(new ByteArrayInputStream(response.body()));
            crl.verify(issuer.certificate().getPublicKey(), Crypto.BC);
            return crl;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(issuer, "interrupted");
        } catch (Exception e) {
            throw unavailable(issuer, e.getMessage());
        }
    }

    private static ApiException unavailable(TrustedCas.Anchor issuer, String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "crl-unavailable", "the revocation list of " + issuer.ca().name()
                + " cannot be obtained (" + why + "); certificates of this CA are refused until it can");
    }
}
