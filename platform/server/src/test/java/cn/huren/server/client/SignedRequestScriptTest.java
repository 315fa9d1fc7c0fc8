package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.registry.Projects;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's shell recipe (tools/signed-request.sh: openssl, sha256sum, curl) signs requests the server accepts. */
@IntegrationTest
class SignedRequestScriptTest {

    static final Path SCRIPT = Path.of("../../tools/signed-request.sh").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Projects projects;

    @Autowired
    Attachments attachments;

    @Autowired
    TenantDirectory tenants;

    @Test
    @DisplayName("JS-46: tools/signed-request.sh reads a party and reports a track-record use, signed with openssl")
    void shellRecipe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/usr/bin/openssl"))
                || System.getenv("CI") != null, "curl and openssl are not installed");
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("shjs", "jiangsu"));
        TenantDescriptor tenant = tenants.byCode("shjs").orElseThrow();
        String uscc = TestIdentifiers.uscc("91320200MA1X00001");
        long party = RegisteredParties.enterprise(parties, tenant, uscc, "无锡脚本测试有限公司");
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "脚本项目");
        JsonNode client = HttpApi.operator(port).post("/api/platform/tenants/shjs/clients",
                Map.of("name", "无锡市交易系统", "scopes", List.of("registry:read", "track-records:use"))).json();
        String base = "http://127.0.0.1:" + port + "/api/t/shjs/v1";

        JsonNode found = run(client, "GET", base + "/parties?uscc=" + uscc);
        JsonNode used = run(client, "POST", base + "/track-records/" + record + "/uses", "{\"useId\":\"WX-2024-1\"}");

        assertThat(found.get("id").asLong()).isEqualTo(party);
        assertThat(used.get("useCount").asLong()).isEqualTo(1);
    }

    JsonNode run(JsonNode client, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", SCRIPT.toString())));
        pb.command().addAll(List.of(args));
        pb.environment().put("HUREN_CLIENT", client.get("clientId").asText());
        pb.environment().put("HUREN_SECRET", client.get("secret").asText());
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();
        JsonNode json = new ObjectMapper().readTree(output);
        assertThat(json.has("type")).as(output).isFalse();
        return json;
    }
}
