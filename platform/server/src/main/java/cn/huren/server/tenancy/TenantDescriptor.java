package cn.huren.server.tenancy;

import cn.huren.plugin.api.TenantInfo;
import java.util.List;

/** An immutable, cacheable view of a tenant: what request handling needs to know. */
public record TenantDescriptor(String code, String nameZh, String nameEn, TenantStatus status, String pluginId,
                               List<String> hosts, Branding branding) {

    public TenantDescriptor {
        hosts = List.copyOf(hosts);
    }

    public static String schemaOf(String code) {
        return "tenant_" + code;
    }

    public String schema() {
        return schemaOf(code);
    }

    public TenantInfo info() {
        return new TenantInfo(code, nameZh, nameEn, schema());
    }
}
