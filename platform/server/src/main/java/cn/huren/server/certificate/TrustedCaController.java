package cn.huren.server.certificate;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators manage the CAs a tenant recognises: /api/platform/tenants/{code}/cas. */
@RestController
class TrustedCaController {

    record IdentityInput(String source, String pattern, String oid) {
    }

    record CaRequest(String name, String certificate, IdentityInput identity, String crlUrl, String ocspUrl) {
    }

    /** A change: absent fields stay; an empty URL removes it. The certificate cannot change (add the new CA instead). */
    record CaPatch(String name, IdentityInput identity, String crlUrl, String ocspUrl) {
    }

    private final TrustedCas cas;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    TrustedCaController(TrustedCas cas, TenantDirectory tenants, OperationLog operations) {
        this.cas = cas;
        this.tenants = tenants;
        this.operations = operations;
    }

    @PostMapping("/api/platform/tenants/{code}/cas")
    @ResponseStatus(HttpStatus.CREATED)
    TrustedCas.TrustedCaView add(@PathVariable String code, @RequestBody CaRequest body) {
        return operations.record("ca.add", code, "name=" + body.name(), () -> tenants.callAs(code, () -> cas.add(
                new TrustedCas.NewTrustedCa(body.name(), body.certificate(), mapping(body.identity()), body.crlUrl(), body.ocspUrl()))));
    }

    @GetMapping("/api/platform/tenants/{code}/cas")
    List<TrustedCas.TrustedCaView> list(@PathVariable String code) {
        return tenants.callAs(code, cas::list);
    }

    @PostMapping("/api/platform/tenants/{code}/cas/{id}/{action:enable|disable}")
    TrustedCas.TrustedCaView enable(@PathVariable String code, @PathVariable long id, @PathVariable String action) {
        return operations.record("ca." + action, code, "ca=" + id, () -> tenants.callAs(code, () -> cas.enable(id, action.equals("enable"))));
    }

    @PatchMapping("/api/platform/tenants/{code}/cas/{id}")
    TrustedCas.TrustedCaView change(@PathVariable String code, @PathVariable long id, @RequestBody CaPatch body) {
        return operations.record("ca.change", code, "ca=" + id, () -> tenants.callAs(code, () -> cas.change(id,
                new TrustedCas.CaChange(body.name(), body.identity() == null ? null : mapping(body.identity()), body.crlUrl(), body.ocspUrl()))));
    }

    private static IdentityMapping mapping(IdentityInput input) {
        try {
            if (input == null || input.source() == null) {
                throw new IllegalArgumentException("identity.source is required: SUBJECT_SERIAL, CN_PATTERN or OID");
            }
            return new IdentityMapping(IdentityMapping.Source.valueOf(input.source()), input.pattern(), input.oid());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith("No enum")
                    ? "identity.source must be SUBJECT_SERIAL, CN_PATTERN or OID" : e.getMessage();
            throw ApiException.invalid(List.of(new ApiException.FieldError("identity", message)));
        }
    }

}
