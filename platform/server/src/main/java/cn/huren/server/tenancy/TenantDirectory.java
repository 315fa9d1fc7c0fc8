package cn.huren.server.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Looks tenants up by code or host for every request, through a small Caffeine cache. A change
 * clears it on this node at once and, through {@link TenantChangeNotifications}, on every node.
 */
@Component
public class TenantDirectory {

    private final TenantRepository tenants;
    private final Cache<String, TenantDescriptor> byCode = hits();
    private final Cache<String, TenantDescriptor> byHost = hits();
    /** Unknown codes and hosts, briefly and apart, so that a flood of random names evicts no tenant. */
    private final Cache<String, Boolean> misses = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(5)).build();

    private volatile Runnable changeListener = () -> { };

    TenantDirectory(TenantRepository tenants) {
        this.tenants = tenants;
    }

    private static Cache<String, TenantDescriptor> hits() {
        return Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    }

    /** A tenant that is onboarded (ACTIVE or SUSPENDED); never one still being provisioned. */
    public Optional<TenantDescriptor> byCode(String code) {
        return lookup(byCode, "code:" + code, code, c -> tenants.findByCode(c));
    }

    /** For operator endpoints that name a tenant: the tenant, or a 404 problem. */
    public TenantDescriptor require(String code) {
        return byCode(code).orElseThrow(() -> cn.huren.server.support.ApiException.notFound("tenant-not-found",
                "no tenant with code " + code));
    }

    /** Operator work on one tenant named in the path: 404 for an unknown code, then {@code work} as that tenant. */
    public <T> T callAs(String code, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(require(code), work);
    }

    /** The codes of every onboarded tenant, for work that visits each tenant (e.g. the outbox dispatcher). */
    public java.util.List<String> onboardedCodes() {
        return tenants.findOnboardedCodes();
    }

    public Optional<TenantDescriptor> byHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return lookup(byHost, "host:" + h, h, tenants::findByHost);
    }

    private Optional<TenantDescriptor> lookup(Cache<String, TenantDescriptor> hits, String missKey, String key,
                                              java.util.function.Function<String, Optional<Tenant>> load) {
        TenantDescriptor hit = hits.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        if (misses.getIfPresent(missKey) != null) {
            return Optional.empty();
        }
        Optional<TenantDescriptor> found = visible(load.apply(key).map(Tenant::descriptor));
        found.ifPresentOrElse(t -> hits.put(key, t), () -> misses.put(missKey, Boolean.TRUE));
        return found;
    }

    private static Optional<TenantDescriptor> visible(Optional<TenantDescriptor> tenant) {
        return tenant.filter(t -> t.status() != TenantStatus.PROVISIONING);
    }

    /** After a committed change: clears this node's cache and tells the other nodes. */
    void invalidate() {
        clearLocal();
        changeListener.run();
    }

    void clearLocal() {
        byCode.invalidateAll();
        byHost.invalidateAll();
        misses.invalidateAll();
    }

    void onChange(Runnable listener) {
        this.changeListener = listener;
    }
}
