package cn.huren.server.democa;

import cn.huren.server.tenancy.DemoMode;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The demo CA exists only where {@code huren.demo-ca.enabled} says so, by default in demo mode:
 * anyone may enroll with it, so a production server (no demo) has none of its endpoints.
 */
class DemoCaEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context.getEnvironment());
    }

    static boolean enabled(Environment env) {
        String configured = env.getProperty("huren.demo-ca.enabled", "");
        return configured.isBlank() ? DemoMode.on(env) : Boolean.parseBoolean(configured.strip());
    }
}
