package cn.huren.plugin.api;

import java.util.Map;

/**
 * A tenant demo mode onboards on the plugin that contributes it ({@link DemoTenantProvider}), as an
 * operator would: a tenant of that code that exists already is left as it is.
 *
 * @param code         tenant code, e.g. {@code js}
 * @param nameZh       Chinese name, e.g. 江苏
 * @param nameEn       English name
 * @param host         the host its portal answers at, e.g. {@code js.localhost}
 * @param title        the portal's title
 * @param primaryColor the portal's colour, {@code #rrggbb}
 * @param config       the plugin configuration, checked against the plugin's {@link ConfigSchema}
 */
public record DemoTenant(String code, String nameZh, String nameEn, String host, String title, String primaryColor,
                         Map<String, Object> config) {

    public DemoTenant {
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
