package cn.huren.server.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Looks tenants up by code or host for every request, through a small Caffeine cache. Changes
 * made on this node invalidate it at once; other nodes see them within the expiry.
 */
@Component
public class TenantDirectory {

    private final TenantRepository tenants;
    private final Cache<String, Optional<TenantDescriptor>> byCode;
    private final Cache<String, Optional<TenantDescriptor>> byHost;

    TenantDirectory(TenantRepository tenants) {
        this.tenants = tenants;
        this.byCode = cache();
        this.byHost = cache();
    }

    private static Cache<String, Optional<TenantDescriptor>> cache() {
        return Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    }

    /** A tenant that is onboarded (ACTIVE or SUSPENDED); never one still being provisioned. */
    public Optional<TenantDescriptor> byCode(String code) {
        return byCode.get(code, c -> visible(tenants.findByCode(c).map(Tenant::descriptor)));
    }

    public Optional<TenantDescriptor> byHost(String host) {
        return byHost.get(host.toLowerCase(Locale.ROOT), h -> visible(tenants.findByHost(h).map(Tenant::descriptor)));
    }

    private static Optional<TenantDescriptor> visible(Optional<TenantDescriptor> tenant) {
        return tenant.filter(t -> t.status() != TenantStatus.PROVISIONING);
    }

    void invalidate() {
        byCode.invalidateAll();
        byHost.invalidateAll();
    }
}
