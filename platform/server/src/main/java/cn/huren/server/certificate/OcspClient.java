package cn.huren.server.certificate;

import cn.huren.server.support.LimitedHttp;
import cn.huren.server.tenancy.TenantContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * OCSP (RFC 6960) with Bouncy Castle: one request per certificate by CertID (SHA-1 as RFC 6960
 * expects by default, or SHA-256 by {@code huren.certificates.ocsp.cert-id-hash}) with a nonce,
 * POSTed as {@code application/ocsp-request}. An answer counts only when it is signed by the issuing
 * CA or a responder that CA certified for OCSP signing ({@link OcspSigner}), answers for this
 * CertID, echoes our nonce if it carries one, and is current (thisUpdate not in the future,
 * nextUpdate not passed; without nextUpdate, thisUpdate within {@code max-age}). Answers are cached
 * per tenant, CA and serial until their nextUpdate (at most a day), or {@code default-ttl} without one.
 */
@Component
class OcspClient {

    enum Status { GOOD, REVOKED, UNKNOWN }

    record Answer(Status status, Instant revokedAt, Instant cachedUntil) {
    }

    /** No usable answer: unreachable, an error status, a bad signature, stale, or not about this certificate. */
    static final class Unavailable extends Exception {
        Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration MAX_CACHE = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;
    private final Duration defaultTtl;
    private final Duration maxAge;
    private final AlgorithmIdentifier certIdHash;
    private final Clock clock;
    /** Caffeine only evicts; whether an answer still holds is decided by {@link #status} on the clock. */
    private final Cache<String, Answer> answers = Caffeine.newBuilder().maximumSize(100_000).expireAfter(new Expiry<String, Answer>() {
        @Override
        public long expireAfterCreate(String key, Answer answer, long now) {
            return Math.max(0, Duration.between(clock.instant(), answer.cachedUntil()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, Answer answer, long now, long current) {
            return expireAfterCreate(key, answer, now);
        }

        @Override
        public long expireAfterRead(String key, Answer answer, long now, long current) {
            return current;
        }
    }).build();

    OcspClient(@Value("${huren.certificates.ocsp.timeout:PT10S}") Duration timeout,
               @Value("${huren.certificates.ocsp.default-ttl:PT5M}") Duration defaultTtl,
               @Value("${huren.certificates.ocsp.max-age:PT1H}") Duration maxAge,
               @Value("${huren.certificates.ocsp.cert-id-hash:SHA-1}") String certIdHash, Clock clock) {
        this.clock = clock;
        this.timeout = timeout;
        this.defaultTtl = defaultTtl;
        this.maxAge = maxAge;
        this.certIdHash = "SHA-256".equalsIgnoreCase(certIdHash) ? new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)
                : CertificateID.HASH_SHA1;
    }

    /** The responder's word on {@code certificate}, from the cache while it holds. */
    Answer status(X509Certificate certificate, RevocationSource source) throws Unavailable {
        String key = TenantContext.require().code() + "|" + source.key() + "|" + certificate.getSerialNumber().toString(16)
                + "|" + certIdHash.getAlgorithm().getId();
        Answer cached = answers.getIfPresent(key);
        if (cached != null && cached.cachedUntil().isAfter(clock.instant())) {
            return cached;
        }
        Answer fresh = ask(certificate, source);
        answers.put(key, fresh);
        return fresh;
    }

    /** Forgets cached answers whose key starts with {@code prefix} ("tenant|caKey|"). */
    void forget(String prefix) {
        answers.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    }

    private Answer ask(X509Certificate certificate, RevocationSource source) throws Unavailable {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        CertificateID id;
        byte[] request;
        byte[] nonceValue;
        try {
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build().get(certIdHash),
                    new JcaX509CertificateHolder(source.issuer().certificate()), certificate.getSerialNumber());
            nonceValue = new DEROctetString(nonce).getEncoded();
            OCSPReq req = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonceValue))).build();
            request = req.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("building an OCSP request failed", e);
        }
        BasicOCSPResp basic = post(source.ocspUrl(), request);
        OcspSigner.verify(basic, source, clock.instant());
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !Arrays.equals(echoed.getExtnValue().getOctets(), nonceValue)) {
            throw new Unavailable("the response carries another request's nonce");
        }
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst()
                .orElseThrow(() -> new Unavailable("the response does not answer for this certificate"));
        return answer(single);
    }

    private Answer answer(SingleResp single) throws Unavailable {
        Instant now = clock.instant();
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Unavailable("the response's thisUpdate " + thisUpdate + " lies in the future");
        }
        Instant until;
        if (single.getNextUpdate() != null) {
            Instant next = single.getNextUpdate().toInstant();
            if (!next.isAfter(now)) {
                throw new Unavailable("the response is outdated (its nextUpdate was " + next + ")");
            }
            until = next.isBefore(now.plus(MAX_CACHE)) ? next : now.plus(MAX_CACHE);
        } else if (thisUpdate.isBefore(now.minus(maxAge))) {
            throw new Unavailable("the response is outdated (thisUpdate " + thisUpdate + ", no nextUpdate)");
        } else {
            until = now.plus(defaultTtl);
        }
        Object status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new Answer(Status.GOOD, null, until);
        }
        if (status instanceof RevokedStatus revoked) {
            return new Answer(Status.REVOKED, revoked.getRevocationTime().toInstant(), until);
        }
        return new Answer(Status.UNKNOWN, null, until);
    }

    private BasicOCSPResp post(String url, byte[] request) throws Unavailable {
        try {
            LimitedHttp.Answer response = LimitedHttp.send(http, HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), MAX_RESPONSE_BYTES);
            if (response.status() != 200) {
                throw new Unavailable("HTTP " + response.status());
            }
            if (response.body().length == 0 || response.oversized()) {
                throw new Unavailable("an empty or oversized response");
            }
            OCSPResp resp = new OCSPResp(response.body());
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new Unavailable("the responder answered with error status " + resp.getStatus());
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new Unavailable("not a basic OCSP response");
            }
            return basic;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new Unavailable("no answer within " + timeout.toSeconds() + " s");
        } catch (Unavailable e) {
            throw e;
        } catch (Exception e) {
            throw new Unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
