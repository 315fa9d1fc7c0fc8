package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnector;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.CertificateRequest.Holder;
import cn.huren.plugin.api.CertificateRequest.HolderKind;
import cn.huren.plugin.api.CertificateRequest.Profile;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.server.certificate.CertificationRequests;
import cn.huren.server.certificate.Pem;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo CA as holders and certificate checks meet it: enrollment from a CSR (public, as a CA's
 * web enrollment is; demo only) and its CRLs over plain HTTP.
 */
@RestController
@Conditional(DemoCaEnabled.class)
class DemoCaController {

    /** {@code ca}: optional, a CA the tenant's plugin recognises (e.g. {@code cfca}) whose demo stand-in should issue. */
    record EnrollmentRequest(String csr, String kind, String identifier, String name, String profile, String ca) {
    }

    /** {@code chain}: PEM, the new certificate first, then its issuing CA and root. */
    record Enrollment(String serialNumber, String ca, String profile, Instant notBefore, Instant notAfter, String certificate,
                      List<String> chain) {
    }

    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

    private final CaConnector connector;
    private final DemoCaIssuer issuer;
    private final TenantDirectory tenants;

    DemoCaController(DemoCaConnector connector, DemoCaIssuer issuer, TenantDirectory tenants) {
        this.connector = connector;
        this.issuer = issuer;
        this.tenants = tenants;
    }

    @PostMapping("/api/t/{tenant}/demo-ca/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    Enrollment enroll(@RequestBody EnrollmentRequest body) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        byte[] csr = CertificationRequests.der(body.csr());
        if (csr == null) {
            errors.add(new ApiException.FieldError("csr", "a PKCS#10 certification request, PEM or base64 DER"));
        }
        HolderKind kind = value(HolderKind.class, body.kind(), "kind", false, errors);
        Profile profile = value(Profile.class, body.profile(), "profile", true, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        CertificateRequest request = new CertificateRequest(csr, new Holder(kind, body.identifier(), body.name()), profile);
        IssuedCertificate issued = body.ca() == null ? connector.issue(TenantContext.require().info(), request) : issuer.issue(request, body.ca());
        List<String> chain = issued.chain().stream().map(Pem::certificate).toList();
        return new Enrollment(issued.serialNumber(), issued.caName(), Holders.profile(kind, profile).name(), issued.notBefore(),
                issued.notAfter(), chain.get(0), chain);
    }

    /** Public, as CRLs are; by host ({@code js.localhost}) or on the platform's own address, where the path names the tenant. */
    @GetMapping("/demo-ca/{tenant}/{name}.crl")
    ResponseEntity<byte[]> crl(@PathVariable String tenant, @PathVariable String name) {
        TenantDescriptor descriptor = TenantContext.current().or(() -> tenants.byCode(tenant)).filter(t -> t.code().equals(tenant))
                .orElseThrow(() -> ApiException.notFound("unknown-tenant", "no demo CA of tenant " + tenant + " here"));
        byte[] crl = TenantContext.callAs(descriptor, () -> issuer.crl(name));
        return ResponseEntity.ok().contentType(PKIX_CRL).cacheControl(CacheControl.noCache()).body(crl);
    }

    private static <E extends Enum<E>> E value(Class<E> type, String text, String field, boolean optional,
                                               List<ApiException.FieldError> errors) {
        return text == null && optional ? null : InputValidator.oneOf(type, text, field, errors);
    }
}
