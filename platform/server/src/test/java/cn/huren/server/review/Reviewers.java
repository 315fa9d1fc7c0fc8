package cn.huren.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import java.util.Map;

/** Test fixture: a tenant's reviewer (审核端), created by the operator through the API on first use. */
public final class Reviewers {

    public static final String PASSWORD = "it-reviewer-password";

    private Reviewers() {
    }

    /** The reviewer account's name for a tenant. */
    public static String name(String tenant) {
        return "rv-" + tenant;
    }

    /** The tenant's reviewer over Basic (scripts), created if absent. */
    public static HttpApi of(int port, String tenant) {
        HttpApi.Reply created = HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/reviewers",
                Map.of("username", name(tenant), "password", PASSWORD));
        assertThat(created.status()).as(created.body()).isIn(201, 409);
        return HttpApi.anonymous(port).as(name(tenant), PASSWORD);
    }
}
