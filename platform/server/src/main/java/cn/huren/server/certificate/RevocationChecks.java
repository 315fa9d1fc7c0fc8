package cn.huren.server.certificate;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.LimitedHttp;
import cn.huren.server.tenancy.TenantContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Revocation, by OCSP and by CRL. OCSP, where configured, is asked first ({@link OcspClient}): GOOD
 * passes, REVOKED refuses, UNKNOWN refuses (the CA does not know a certificate that chains to it); a
 * responder that gives no usable answer falls back to the CRL when one is configured, else fails
 * closed ({@code ocsp-unavailable}). CRLs as Keycloak learnt they must be done: fetched over HTTP,
 * signature checked against the CA, cached until their nextUpdate (so a 40 MB CRL is not fetched per
 * login), refetched once due, and never trusted past it — an outdated or unreachable CRL fails
 * closed, naming the CA. Cache keys carry the tenant and the CA.
 */
@Component
class RevocationChecks {

    static final int MAX_CRL_BYTES = 64 * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Cache<String, X509CRL> crls = Caffeine.newBuilder().maximumSize(10_000).build();
    private final OcspClient ocsp;
    private final Clock clock;

    RevocationChecks(OcspClient ocsp, Clock clock) {
        this.ocsp = ocsp;
        this.clock = clock;
    }

    /**
     * Refuses a certificate its issuer has revoked; does nothing when the source names neither CRL
     * nor OCSP. {@code what} names the certificate in messages ("the certificate", "the CA certificate …").
     */
    void check(X509Certificate certificate, RevocationSource source, String what) {
        if (source.ocspUrl() != null) {
            try {
                OcspClient.Answer answer = ocsp.status(certificate, source);
                switch (answer.status()) {
                    case GOOD -> {
                        return;
                    }
                    case REVOKED -> throw revoked(what, source, answer.revokedAt());
                    default -> throw new ApiException(HttpStatus.FORBIDDEN, "ocsp-unknown", "the OCSP responder of " + source.name()
                            + " does not know " + what + " (status unknown); it is refused");
                }
            } catch (OcspClient.Unavailable e) {
                if (source.crlUrl() == null) {
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ocsp-unavailable", "the OCSP responder of " + source.name()
                            + " gives no usable answer (" + e.getMessage() + "); certificates of this CA are refused until it does");
                }
            }
        }
        if (source.crlUrl() != null) {
            X509CRL crl = current(source.crlUrl(), source);
            if (crl.isRevoked(certificate)) {
                throw revoked(what, source, crl.getRevokedCertificate(certificate).getRevocationDate().toInstant());
            }
        }
    }

    /** After the revocation's commit (at once outside a transaction): a refetch before it would cache the old list. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(RevocationListChanged event) {
        String prefix = event.tenantCode() + "|" + event.trustedCaId() + "|";
        crls.asMap().keySet().removeIf(key -> key.startsWith(prefix));
        ocsp.forget(prefix);
    }

    private static ApiException revoked(String what, RevocationSource source, Instant at) {
        return new ApiException(HttpStatus.FORBIDDEN, "certificate-revoked", what + " was revoked by " + source.name() + " on " + at);
    }

    private X509CRL current(String url, RevocationSource issuer) {
        String key = TenantContext.require().code() + "|" + issuer.key() + "|" + url;
        X509CRL cached = crls.getIfPresent(key);
        if (cached != null && due(cached)) {
            crls.invalidate(key);
            cached = null;
        }
        X509CRL crl = cached != null ? cached : crls.get(key, k -> fetch(url, issuer));
        if (due(crl)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "crl-outdated", "the revocation list of " + issuer.name()
                    + " is outdated (next update was due " + crl.getNextUpdate().toInstant() + "); certificates of this CA are refused until it is current");
        }
        return crl;
    }

    private boolean due(X509CRL crl) {
        return crl.getNextUpdate() == null || crl.getNextUpdate().before(Date.from(clock.instant()));
    }

    private X509CRL fetch(String url, RevocationSource issuer) {
        try {
            LimitedHttp.Answer response = LimitedHttp.send(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    MAX_CRL_BYTES);
            if (response.status() != 200 || response.body().length == 0) {
                throw new IllegalStateException("HTTP " + response.status());
            }
            if (response.oversized()) {
                throw new IllegalStateException("larger than " + MAX_CRL_BYTES / (1024 * 1024) + " MB");
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509", Crypto.BC)
                    .generateCRL(new ByteArrayInputStream(response.body()));
            crl.verify(issuer.issuer().key(), Crypto.BC);
            return crl;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(issuer, "interrupted");
        } catch (Exception e) {
            throw unavailable(issuer, e.getMessage());
        }
    }

    private static ApiException unavailable(RevocationSource issuer, String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "crl-unavailable", "the revocation list of " + issuer.name()
                + " cannot be obtained (" + why + "); certificates of this CA are refused until it can");
    }
}
