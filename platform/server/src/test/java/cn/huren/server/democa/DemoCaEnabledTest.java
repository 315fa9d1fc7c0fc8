package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoCaEnabledTest {

    @Test
    @DisplayName("the demo CA is on in demo mode (the embedded database) and off in production, unless huren.demo-ca.enabled says otherwise")
    void followsDemoMode() {
        assertThat(DemoCaEnabled.enabled(new MockEnvironment().withProperty("huren.database.embedded", "true"))).isTrue();
        assertThat(DemoCaEnabled.enabled(new MockEnvironment())).as("external database: production").isFalse();
        assertThat(DemoCaEnabled.enabled(new MockEnvironment().withProperty("huren.database.embedded", "true")
                .withProperty("huren.demo", "false"))).isFalse();
        assertThat(DemoCaEnabled.enabled(new MockEnvironment().withProperty("huren.demo", "true")
                .withProperty("huren.demo-ca.enabled", "false"))).isFalse();
        assertThat(DemoCaEnabled.enabled(new MockEnvironment().withProperty("huren.demo-ca.enabled", "true"))).isTrue();
    }
}
