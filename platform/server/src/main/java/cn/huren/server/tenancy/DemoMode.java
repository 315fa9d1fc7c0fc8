package cn.huren.server.tenancy;

import org.springframework.core.env.Environment;

/** Whether this server runs the demo: {@code huren.demo}, by default on with the embedded database only. */
public final class DemoMode {

    private DemoMode() {
    }

    public static boolean on(Environment env) {
        String demo = env.getProperty("huren.demo", "");
        return demo.isBlank() ? env.getProperty("huren.database.embedded", Boolean.class, false) : Boolean.parseBoolean(demo.strip());
    }
}
