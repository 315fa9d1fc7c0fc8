package cn.huren.server.session;

import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The login policy of the request's tenant, without a database read per request: kept per
 * {@link TenantDescriptor} instance (weak, identity keys). The tenant directory hands out a new
 * descriptor whenever a tenant changes (its cache is cleared on this node at once and on the others
 * through the change notification) or its cache entry expires, so a changed policy applies on the
 * next request. Also checks the policy's settings before a tenant's configuration is saved.
 */
@Component
public class LoginPolicies implements CoreSettings.Check {

    private static final Logger log = LoggerFactory.getLogger(LoginPolicies.class);

    private final CoreSettings settings;
    private final Cache<TenantDescriptor, LoginPolicy> byTenant = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();
    private final AtomicLong loads = new AtomicLong();

    LoginPolicies(CoreSettings settings) {
        this.settings = settings;
    }

    /** The current tenant's policy; the {@link LoginPolicy#DEFAULT} outside a tenant. */
    public LoginPolicy current() {
        return TenantContext.current().map(this::of).orElse(LoginPolicy.DEFAULT);
    }

    public LoginPolicy of(TenantDescriptor tenant) {
        return byTenant.get(tenant, this::load);
    }

    private LoginPolicy load(TenantDescriptor tenant) {
        loads.incrementAndGet();
        try {
            return LoginPolicy.parse(settings.of(tenant.code()).values());
        } catch (LoginPolicy.Invalid e) {
            // saved before a check existed, or edited in the database: fail closed to the strict default
            log.warn("tenant {} has an invalid login policy, using the default: {}", tenant.code(), e.getMessage());
            return LoginPolicy.DEFAULT;
        }
    }

    /** How many times a policy was read from the tenant's settings (a test counts them). */
    public long loads() {
        return loads.get();
    }

    @Override
    public List<FieldError> check(Map<String, Object> core) {
        try {
            LoginPolicy.parse(core);
            return List.of();
        } catch (LoginPolicy.Invalid e) {
            return e.errors();
        }
    }
}
