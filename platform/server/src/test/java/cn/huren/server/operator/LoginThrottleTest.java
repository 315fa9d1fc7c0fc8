package cn.huren.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@IntegrationTest
class LoginThrottleTest {

    @LocalServerPort
    int port;

    @AfterEach
    void forgetFailures(@Autowired JdbcClient jdbc) {
        jdbc.sql("delete from platform.operator_login_failure").update();
    }

    @Test
    @DisplayName("after 5 wrong passwords an operator is blocked from that address, even with the right one; others are not")
    void throttled(@Autowired JdbcClient jdbc, @Autowired PasswordEncoder encoder, @Autowired LoginThrottle throttle) {
        jdbc.sql("insert into platform.operator (username, password_hash, enabled, created_at) values ('ops2', ?, true, ?)")
                .params(encoder.encode("right-password"), Timestamp.from(Instant.now())).update();
        HttpApi ops2 = HttpApi.anonymous(port).as("ops2", "right-password");
        assertThat(ops2.get("/api/platform/plugins").status()).isEqualTo(200);

        for (int i = 0; i < throttle.perName(); i++) {
            assertThat(HttpApi.anonymous(port).as("ops2", "wrong").get("/api/platform/plugins").status()).isEqualTo(401);
        }

        assertThat(ops2.get("/api/platform/plugins").status()).isEqualTo(401);
        assertThat(HttpApi.operator(port).get("/api/platform/plugins").status()).isEqualTo(200);
    }
}
