package cn.huren.server.certificate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant of its own, a WireMock server that serves CRLs ({@code /crl/{name}.crl}) and answers OCSP
 * ({@code /ocsp/{name}}, a real responder: {@link OcspResponder}), and the verifier run as that tenant.
 */
final class RevocationFixture {

    final WireMockServer server;
    final OcspResponder ocsp = new OcspResponder();
    private final int port;
    private final String tenant;
    private final CertificateVerifier verifier;
    private final TenantDirectory tenants;

    RevocationFixture(int port, String tenant, CertificateVerifier verifier, TenantDirectory tenants) {
        this.port = port;
        this.tenant = tenant;
        this.verifier = verifier;
        this.tenants = tenants;
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(ocsp));
        server.start();
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(tenant, "jiangsu"));
    }

    String crlUrl(String name) {
        return server.baseUrl() + "/crl/" + name + ".crl";
    }

    String ocspUrl(String name) {
        return server.baseUrl() + "/ocsp/" + name;
    }

    /** Uploads {@code ca} as a trusted CA of the tenant (identity in the subject serialNumber) with the given URLs. */
    DemoCertificateAuthority trust(DemoCertificateAuthority ca, String name, String crlUrl, String ocspUrl) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "certificate", ca.pem(), "identity", Map.of("source", "SUBJECT_SERIAL")));
        if (crlUrl != null) {
            body.put("crlUrl", crlUrl);
        }
        if (ocspUrl != null) {
            body.put("ocspUrl", ocspUrl);
        }
        HttpApi.Reply reply = HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/cas", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return ca;
    }

    void serveCrl(String name, byte[] crl) {
        server.stubFor(get(urlEqualTo("/crl/" + name + ".crl")).willReturn(aResponse().withStatus(200).withBody(crl)));
    }

    void answerOcsp(String name, OcspResponder.Plan plan) {
        ocsp.plan("/ocsp/" + name, plan);
        server.stubFor(post(urlEqualTo("/ocsp/" + name)).willReturn(aResponse().withTransformers("ocsp")));
    }

    VerifiedCertificate verify(X509Certificate certificate, X509Certificate... intermediates) {
        return TenantContext.callAs(tenants.byCode(tenant).orElseThrow(), () -> {
            try {
                List<byte[]> extra = new ArrayList<>();
                for (X509Certificate c : intermediates) {
                    extra.add(c.getEncoded());
                }
                return verifier.verify(certificate.getEncoded(), extra);
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The refusal, after checking its kind. */
    ApiException refused(X509Certificate certificate, String kind, X509Certificate... intermediates) {
        ApiException[] caught = new ApiException[1];
        assertThatThrownBy(() -> verify(certificate, intermediates)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            caught[0] = e;
        });
        return caught[0];
    }

    void stop() {
        server.stop();
    }
}
