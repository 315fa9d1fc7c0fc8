package cn.huren.server.tenancy;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.InputValidator;
import cn.huren.server.tenancy.TenantCommands.BrandingInput;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators onboard and maintain provinces. Every change is written to the operation log. */
@RestController
@RequestMapping("/api/platform/tenants")
class TenantController {

    record TenantPage(List<TenantView> items, int page, int size, long total) {
    }

    private final TenantService tenants;
    private final OperationLog operations;
    private final InputValidator validator;

    TenantController(TenantService tenants, OperationLog operations, InputValidator validator) {
        this.tenants = tenants;
        this.operations = operations;
        this.validator = validator;
    }

    @PostMapping
    ResponseEntity<TenantView> create(@RequestBody CreateTenant body) {
        TenantView created = operations.record("tenant.create", body.code(),
                "plugin=" + body.plugin() + " hosts=" + body.hostList(), () -> tenants.create(validator.check(body)));
        return ResponseEntity.created(URI.create("/api/platform/tenants/" + created.code())).body(created);
    }

    @GetMapping
    TenantPage list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        Page<TenantView> result = tenants.list(q, page, size);
        return new TenantPage(result.getContent(), result.getNumber(), result.getSize(), result.getTotalElements());
    }

    @GetMapping("/{code}")
    TenantView get(@PathVariable String code) {
        return tenants.get(code);
    }

    @PutMapping("/{code}/branding")
    TenantView rebrand(@PathVariable String code, @RequestBody BrandingInput body) {
        return operations.record("tenant.branding", code, "title=" + body.title() + " color=" + body.primaryColor(),
                () -> tenants.rebrand(code, validator.check(body).toBranding(tenants.get(code).nameZh())));
    }

    /** Merge semantics: listed fields are set, null removes, absent fields (secrets too) are kept. */
    @PatchMapping("/{code}/config")
    TenantView reconfigure(@PathVariable String code, @RequestBody Map<String, Object> changes) {
        return operations.record("tenant.config", code, "fields=" + changes.keySet(),
                () -> tenants.reconfigure(code, changes));
    }

    @PostMapping("/{code}/suspend")
    TenantView suspend(@PathVariable String code) {
        return operations.record("tenant.suspend", code, null, () -> tenants.suspend(code));
    }

    @PostMapping("/{code}/resume")
    TenantView resume(@PathVariable String code) {
        return operations.record("tenant.resume", code, null, () -> tenants.resume(code));
    }
}
