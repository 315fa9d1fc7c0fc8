package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginReviews;
import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The PluginReviews host service: a plugin's item on its tenant's queue as {@code <pluginId>.<kind>}, seen and decided by that
 * tenant's reviewers only. The shipped plugins have no ReviewDecisionHandler of the kind used here (Inner Mongolia decides only unbinding), so a decision here is refused;
 * {@link PluginReviewDecisionTest} (a test plugin's handler) and {@link PluginReviewHandlerTest} show the dispatch.
 */
@IntegrationTest
class PluginReviewsTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;

    <T> T in(String tenant, Supplier<T> work) {
        return TenantContext.callAs(tenants.require(tenant), work);
    }

    @Test
    @DisplayName("a plugin's item is on its own tenant's queue only, one open per subject; a decision no handler of the plugin takes "
            + "is refused (409) and the item stays OPEN")
    void queue() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppr1", "neimenggu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppr2", "neimenggu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppr3", "jiangsu"));
        PluginReviews reviews = hostServices.pluginReviews("neimenggu");

        long id = in("ppr1", () -> reviews.submit("appeal", "42", "申诉 · 其其格", "party:42"));
        assertThat(in("ppr1", () -> reviews.open("appeal", "42"))).contains(id);
        assertThat(in("ppr2", () -> reviews.open("appeal", "42"))).isEmpty();
        assertThatThrownBy(() -> in("ppr1", () -> reviews.submit("appeal", "42", "again", "party:42")))
                .isInstanceOfSatisfying(PluginProblem.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> in("ppr3", () -> reviews.submit("appeal", "42", "x", "party:42")))
                .as("a tenant on another plugin").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in("ppr1", () -> reviews.submit("Un.Binding", "42", "x", "party:42")))
                .isInstanceOf(IllegalArgumentException.class);

        HttpApi reviewer = Reviewers.of(port, "ppr1");
        Reply item = reviewer.get("/api/review/ppr1/items/" + id);
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.json().get("kind").asText()).isEqualTo("neimenggu.appeal");
        Reply page = reviewer.browser().get("/console/reviews/ppr1/items/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("neimenggu.appeal").contains("申诉");

        HttpApi other = Reviewers.of(port, "ppr2");
        assertThat(other.get("/api/review/ppr1/items/" + id).status()).isEqualTo(403);
        assertThat(other.get("/api/review/ppr2/items/" + id).status()).as("another tenant's item by its id").isEqualTo(404);
        assertThat(other.get("/api/review/ppr2/items?status=ALL").json().get("total").asLong()).isZero();

        Reply approve = reviewer.post("/api/review/ppr1/items/" + id + "/approve", null);
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.json().get("type").asText()).endsWith("review-kind-unknown");
        assertThat(reviewer.get("/api/review/ppr1/items/" + id).json().get("status").asText()).isEqualTo("OPEN");
    }
}
