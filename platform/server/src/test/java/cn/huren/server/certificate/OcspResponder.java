package cn.huren.server.certificate;

import cn.huren.server.democa.DemoCertificateAuthority;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A real OCSP responder inside WireMock (stubs with {@code .withTransformers("ocsp")}): it reads the
 * POSTed request and answers it, per URL path, with a response Bouncy Castle builds and signs — good,
 * revoked or unknown by serial, from the CA or a delegated responder, with the times and nonce the
 * test asks for.
 */
final class OcspResponder implements ResponseDefinitionTransformerV2 {

    enum Nonce { ECHO, NONE, WRONG }

    /** How one path answers. {@code chain} goes along in the response (a delegated responder's certificate). */
    record Plan(X509Certificate signer, PrivateKey key, String algorithm, X509Certificate[] chain, Set<BigInteger> revoked,
                Set<BigInteger> unknown, Instant thisUpdate, Instant nextUpdate, Nonce nonce) {

        static Plan by(DemoCertificateAuthority ca) {
            Instant now = Instant.now();
            return new Plan(ca.certificate(), ca.privateKey(), signatureAlgorithm(ca), new X509Certificate[0], ConcurrentHashMap.newKeySet(),
                    ConcurrentHashMap.newKeySet(), now.minusSeconds(60), now.plusSeconds(3600), Nonce.ECHO);
        }

        Plan signedBy(X509Certificate signer, PrivateKey key, String algorithm) {
            return new Plan(signer, key, algorithm, new X509Certificate[] {signer}, revoked, unknown, thisUpdate, nextUpdate, nonce);
        }

        Plan times(Instant thisUpdate, Instant nextUpdate) {
            return new Plan(signer, key, algorithm, chain, revoked, unknown, thisUpdate, nextUpdate, nonce);
        }

        Plan nonce(Nonce nonce) {
            return new Plan(signer, key, algorithm, chain, revoked, unknown, thisUpdate, nextUpdate, nonce);
        }
    }

    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    void plan(String path, Plan plan) {
        plans.put(path, plan);
    }

    static String signatureAlgorithm(DemoCertificateAuthority ca) {
        return switch (ca.algorithm()) {
            case RSA -> "SHA256withRSA";
            case EC -> "SHA256withECDSA";
            case SM2 -> "SM3withSM2";
        };
    }

    @Override
    public String getName() {
        return "ocsp";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        try {
            Plan plan = plans.get(event.getRequest().getUrl());
            OCSPReq request = new OCSPReq(event.getRequest().getBody());
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(plan.signer().getPublicKey(),
                    new JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
            for (Req r : request.getRequestList()) {
                BigInteger serial = r.getCertID().getSerialNumber();
                CertificateStatus status = plan.revoked().contains(serial) ? new RevokedStatus(Date.from(Instant.now().minusSeconds(30)), 1)
                        : plan.unknown().contains(serial) ? new UnknownStatus() : CertificateStatus.GOOD;
                builder.addResponse(r.getCertID(), status, Date.from(plan.thisUpdate()), plan.nextUpdate() == null ? null : Date.from(plan.nextUpdate()));
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (plan.nonce() == Nonce.ECHO && nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            } else if (plan.nonce() == Nonce.WRONG) {
                builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new org.bouncycastle.asn1.DEROctetString(new byte[16]).getEncoded())));
            }
            X509CertificateHolder[] chain = new X509CertificateHolder[plan.chain().length];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = new JcaX509CertificateHolder(plan.chain()[i]);
            }
            byte[] body = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                    new JcaContentSignerBuilder(plan.algorithm()).setProvider(Crypto.BC).build(plan.key()), chain, new Date())).getEncoded();
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/ocsp-response").withBody(body).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
