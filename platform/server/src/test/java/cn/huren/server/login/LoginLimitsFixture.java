package cn.huren.server.login;

import java.time.Duration;
import org.springframework.context.ApplicationContext;

/** For tests outside this package: the test server's login limits, set until the returned handle is closed. */
public final class LoginLimitsFixture {

    private LoginLimitsFixture() {
    }

    /** {@code holderLogins} per certificate or person and {@code addressLogins} per address, each per {@code per}. */
    public static AutoCloseable limit(ApplicationContext context, int holderLogins, int addressLogins, Duration per) {
        LoginLimits limits = context.getBean(LoginLimits.class);
        LoginLimits.Rate holder = limits.perHolder();
        LoginLimits.Rate address = limits.perAddress();
        limits.limit(new LoginLimits.Rate(holderLogins, per), new LoginLimits.Rate(addressLogins, per));
        return () -> limits.limit(holder, address);
    }
}
