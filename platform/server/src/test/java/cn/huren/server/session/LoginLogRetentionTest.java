package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The login log is kept a year by default (at least six months) and purged with the sessions, per tenant. */
@IntegrationTest
class LoginLogRetentionTest {

    @LocalServerPort
    int port;
    @Autowired
    PartySessions sessions;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    Clock clock;

    @Test
    @DisplayName("login-log lines older than the retention are purged, newer ones and another tenant's stay")
    void purgedPastRetention() {
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("llr1", "jiangsu")).status()).isEqualTo(201);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("llr2", "jiangsu")).status()).isEqualTo(201);
        Instant now = clock.instant();
        for (String t : List.of("llr1", "llr2")) {
            TenantContext.runAs(tenants.require(t), () -> {
                for (int days : List.of(400, 366, 364, 100, 0)) {
                    data.jdbc().sql("insert into login_log (at, subject, outcome, reason) values (?, ?, 'SUCCESS', 'test')")
                            .params(Timestamp.from(now.minus(Duration.ofDays(days))), "days-" + days).update();
                }
            });
        }
        TenantDescriptor first = tenants.require("llr1");
        assertThat(TenantContext.callAs(first, sessions::purgeLoginLog)).isEqualTo(2);
        assertThat(subjects(first)).containsExactlyInAnyOrder("days-364", "days-100", "days-0");
        assertThat(subjects(tenants.require("llr2"))).as("another tenant's log").hasSize(5);
    }

    @Test
    @DisplayName("a retention under six months is refused at start-up")
    void atLeastSixMonths() {
        assertThatThrownBy(() -> new PartySessions(null, null, null, Duration.ofDays(1), Duration.ofDays(179)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("huren.login.log-retention");
    }

    private List<String> subjects(TenantDescriptor tenant) {
        return TenantContext.callAs(tenant, () -> data.jdbc().sql("select subject from login_log where reason = 'test'")
                .query(String.class).list());
    }
}
