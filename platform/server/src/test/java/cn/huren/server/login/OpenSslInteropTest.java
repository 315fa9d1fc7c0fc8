package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Signatures made by OpenSSL 3 (as a regional signing tool would) log in. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSslInteropTest {

    static final String OID = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;

    Map<KeyAlgorithm, DemoCertificateAuthority> cas = Map.of(KeyAlgorithm.RSA, DemoCertificateAuthority.root("RSA", KeyAlgorithm.RSA),
            KeyAlgorithm.EC, DemoCertificateAuthority.root("EC", KeyAlgorithm.EC), KeyAlgorithm.SM2, DemoCertificateAuthority.root("SM2", KeyAlgorithm.SM2));

    @BeforeAll
    void tenant() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ossl", "jiangsu"));
        cas.forEach((alg, ca) -> HttpApi.operator(port).post("/api/platform/tenants/ossl/cas", Map.of("name", alg + " CA",
                "certificate", ca.pem(), "identity", Map.of("source", "OID", "oid", OID))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyAlgorithm.class)
    @DisplayName("openssl dgst -sm3 -sigopt distid:1234567812345678 (SM2) or -sha256 (RSA, ECDSA) signatures log in")
    void opensslSignatureLogsIn(KeyAlgorithm alg) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl) || System.getenv("CI") != null, "openssl 3 is not installed");
        Issued holder = cas.get(alg).issue(Subject.of("示例公司", null, Map.of(OID, "91350100M000100Y43")));
        Path dir = Files.createTempDirectory("huren-openssl");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(holder.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        JsonNode c = HttpApi.anonymous(port).post("/api/t/ossl/login/challenges", Map.of("mode", "TOKEN")).json();
        Path message = dir.resolve("message.txt");
        Files.writeString(message, c.get("message").asText(), StandardCharsets.UTF_8);
        Path signature = dir.resolve("signature.bin");

        List<String> command = new ArrayList<>(List.of(openssl.toString(), "dgst"));
        command.addAll(alg == KeyAlgorithm.SM2 ? List.of("-sm3", "-sign", key.toString(), "-sigopt", "distid:1234567812345678")
                : List.of("-sha256", "-sign", key.toString()));
        command.addAll(List.of("-out", signature.toString(), message.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();

        JsonNode result = HttpApi.anonymous(port).post("/api/t/ossl/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", Base64.getEncoder().encodeToString(Files.readAllBytes(signature)))).json();

        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("AUTHENTICATED");
    }
}
