package cn.huren.server.plugins.anhui;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real server with this plugin's jar, on the embedded PostgreSQL. */
@IntegrationTest
class AnhuiPluginIT {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("an Anhui tenant's login page offers 皖事通; its sandbox signs a person in, counted in the plugin's own table")
    void wanShiTongSignsIn() throws Exception {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ahx", "anhui"));
        assertThat(HttpApi.anonymous(port).browser().get("/t/ahx/login").body()).contains("method-wanshitong");

        HttpResponse<Void> start = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/t/ahx/plugins/anhui/login/wanshitong/start")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location")).hasValue("/t/ahx/login/next");

        assertThat(HttpApi.anonymous(port).get("/api/t/ahx/plugins/anhui/info").json().get("signIns").asLong()).isEqualTo(1);
    }
}
