package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Test fixture: a holder with its own key, as the device simulator is — CSR, enrollment, challenge and signature over HTTP. */
public final class DemoCaClient {

    public static final Provider BC = new BouncyCastleProvider();

    final int port;
    final String signatureAlgorithm;
    public final KeyPair key;
    public String certificate;

    public DemoCaClient(int port, String algorithm) {
        this(port, signatureAlgorithm(algorithm), keyPair(algorithm), null);
    }

    private DemoCaClient(int port, String signatureAlgorithm, KeyPair key, String certificate) {
        this.port = port;
        this.signatureAlgorithm = signatureAlgorithm;
        this.key = key;
        this.certificate = certificate;
    }

    /** The same key and certificate, talking to another server. */
    DemoCaClient on(int otherPort) {
        return new DemoCaClient(otherPort, signatureAlgorithm, key, certificate);
    }

    /** SM2, EC (P-256), RSA (2048); or "EC:secp384r1", "RSA:1024" for keys the CA refuses. */
    private static KeyPair keyPair(String algorithm) {
        try {
            String[] parts = algorithm.split(":");
            KeyPairGenerator generator = KeyPairGenerator.getInstance(parts[0].equals("RSA") ? "RSA" : "EC", BC);
            switch (parts[0]) {
                case "RSA" -> generator.initialize(parts.length > 1 ? Integer.parseInt(parts[1]) : 2048);
                case "SM2" -> generator.initialize(new ECGenParameterSpec("sm2p256v1"));
                default -> generator.initialize(new ECGenParameterSpec(parts.length > 1 ? parts[1] : "secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String signatureAlgorithm(String algorithm) {
        return algorithm.startsWith("RSA") ? "SHA256withRSA" : algorithm.equals("SM2") ? "SM3withSM2" : "SHA256withECDSA";
    }

    /** A request for this client's key signed by {@code signer} (another key: a request without proof of possession). */
    public String csr(PrivateKey signer) {
        try {
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=ignored by the CA"), key.getPublic())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(signer)).getEncoded();
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid resident ID (GB 11643) from its first 17 digits: appends the ISO 7064 MOD 11-2 check character. */
    public static String residentId(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** A valid USCC (GB 32100) from its first 17 characters: appends the check character. */
    public static String uscc(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + alphabet.charAt((31 - sum % 31) % 31);
    }

    static Map<String, Object> enrollment(String csr, String kind, String identifier, String name, String profile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csr", csr);
        body.put("kind", kind);
        body.put("identifier", identifier);
        body.put("name", name);
        if (profile != null) {
            body.put("profile", profile);
        }
        return body;
    }

    /** An enterprise's enrollment with one of the CAs the tenant's plugin recognises (e.g. {@code cfca}). */
    static Map<String, Object> enrollmentWithCa(String csr, String uscc, String name, String ca) {
        Map<String, Object> body = enrollment(csr, "ENTERPRISE", uscc, name, null);
        body.put("ca", ca);
        return body;
    }

    public Reply enroll(String tenant, String kind, String identifier, String name) {
        Reply reply = HttpApi.anonymous(port).post("/api/t/" + tenant + "/demo-ca/certificates",
                enrollment(csr(key.getPrivate()), kind, identifier, name, null));
        if (reply.status() == 201) {
            certificate = reply.json().get("certificate").asText();
        }
        return reply;
    }

    public String sign(String message) {
        try {
            Signature signature = Signature.getInstance(signatureAlgorithm, BC);
            signature.initSign(key.getPrivate());
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Challenge → signature → response, TOKEN mode. */
    public Reply login(String tenant) {
        Reply challenge = HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges", Map.of("mode", "TOKEN"));
        assertThat(challenge.status()).isEqualTo(201);
        JsonNode c = challenge.json();
        return HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", certificate, "signature", sign(c.get("message").asText()), "mediumId", "TEST-MEDIUM-1"));
    }

    /** A demo CA's CRL, fetched over HTTP as certificate checks fetch it. */
    public static X509CRL crl(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        return (X509CRL) CertificateFactory.getInstance("X.509", BC).generateCRL(new ByteArrayInputStream(response.body()));
    }

    /** A bearer request to the party's own API. */
    HttpResponse<String> me(String method, String tenant, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/me" + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
