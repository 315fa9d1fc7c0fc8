package cn.huren.server.democa;

import cn.huren.server.tenancy.DemoTenantsReady;
import cn.huren.server.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In demo mode every demo tenant (js, sx, nmg) has its demo CA, trusted, with CRLs on this server's address. */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaStartup {

    private static final Logger log = LoggerFactory.getLogger(DemoCaStartup.class);

    private final DemoCaProvisioning provisioning;
    private final TenantDirectory tenants;

    DemoCaStartup(DemoCaProvisioning provisioning, TenantDirectory tenants) {
        this.provisioning = provisioning;
        this.tenants = tenants;
    }

    @EventListener
    void demoTenantsReady(DemoTenantsReady event) {
        for (String code : event.codes()) {
            tenants.byCode(code).ifPresent(tenant -> {
                try {
                    provisioning.provision(tenant);
                    log.info("demo CA of tenant {} ready: enroll at POST /api/t/{}/demo-ca/certificates", code, code);
                } catch (RuntimeException e) {
                    // the demo CA is a convenience: the server and the tenant run without it
                    log.warn("demo CA of tenant {} not provisioned: {}", code, e.toString());
                }
            });
        }
    }
}
