package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.PluginReviews;
import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.plugins.reviewplugin.RecordingDecisions;
import cn.huren.server.plugins.reviewplugin.ReviewTestCalls;
import cn.huren.server.plugins.reviewplugin.ReviewTestPlugin;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server with a test plugin ({@code reviewtest}) whose ReviewDecisionHandler decides kind {@code check}: a reviewer's
 * decision on the plugin's item reaches it through the one host handler, in the decision's transaction.
 */
@IntegrationTest
class PluginReviewDecisionTest {

    static final String TENANT = "prd1";

    @DynamicPropertySource
    static void pluginsWithReviewTest(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("huren-reviewtest-plugin");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "reviewtest");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Class", ReviewTestPlugin.class.getName());
        String handler = RecordingDecisions.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(dir.resolve("reviewtest-plugin.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest);
             InputStream bytes = RecordingDecisions.class.getClassLoader().getResourceAsStream(handler)) {
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write((RecordingDecisions.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry(handler)); // loaded by the plugin's class loader, as a real plugin's class is
            bytes.transferTo(jar);
            jar.closeEntry();
        }
        registry.add("huren.plugins-dir", () -> System.getProperty("huren.test.plugins-root") + "," + dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;

    long submit(String subject) {
        PluginReviews reviews = hostServices.pluginReviews("reviewtest");
        return TenantContext.callAs(tenants.require(TENANT), () -> reviews.submit("check", subject, "核对 " + subject, "party:1"));
    }

    @Test
    @DisplayName("a reviewer's approve and reject reach the plugin's handler of the kind, whose details show on the console's item "
            + "page; the handler's refusal undoes the decision and its own writes: the item stays OPEN, as it was")
    void decisions() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "reviewtest"));
        HttpApi reviewer = Reviewers.of(port, TENANT);
        long ok = submit("ok");
        long no = submit("no");
        long undo = submit("undo");

        Reply page = reviewer.browser().get("/console/reviews/" + TENANT + "/items/" + ok);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("原因").contains("钥匙遗失 ok");

        assertThat(reviewer.post("/api/review/" + TENANT + "/items/" + ok + "/approve", null).status()).isEqualTo(200);
        assertThat(reviewer.post("/api/review/" + TENANT + "/items/" + no + "/reject", Map.of("reason", "身份不符")).status())
                .isEqualTo(200);
        assertThat(ReviewTestCalls.CALLS).containsExactly("approved ok by reviewer:" + Reviewers.name(TENANT),
                "rejected no: 身份不符 by reviewer:" + Reviewers.name(TENANT));
        assertThat(reviewer.get("/api/review/" + TENANT + "/items/" + ok).json().get("status").asText()).isEqualTo("APPROVED");

        Reply refused = reviewer.post("/api/review/" + TENANT + "/items/" + undo + "/approve", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("check-refused");
        Reply item = reviewer.get("/api/review/" + TENANT + "/items/" + undo);
        assertThat(item.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(item.json().get("summary").asText()).isEqualTo("核对 undo");
        assertThat(ReviewTestCalls.CALLS).hasSize(2);
    }
}
