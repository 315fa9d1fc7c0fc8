package cn.huren.plugin.api;

import java.util.Optional;

/** Host service: the tenant of the current request, job or event. */
public interface CurrentTenant {

    Optional<TenantInfo> find();

    /** @throws IllegalStateException when no tenant is bound (a plugin bug, never a user error) */
    default TenantInfo require() {
        return find().orElseThrow(() -> new IllegalStateException("no tenant bound to this thread"));
    }
}
