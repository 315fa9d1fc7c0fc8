package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigurationCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant as the platform API shows it. Secret configuration values are never included:
 * {@code secretsSet} names the secret fields that have a value; {@code configurationMissing} what the tenant's
 * configuration still lacks (NMG-01: mandatory fields left empty, and what the plugin's own check finds).
 */
public record TenantView(String code, String nameZh, String nameEn, TenantStatus status, String plugin, List<String> hosts,
                  Branding branding, Map<String, Object> config, List<String> secretsSet, Instant createdAt,
                  Instant updatedAt, List<ConfigurationCheck.Missing> configurationMissing) {
}
