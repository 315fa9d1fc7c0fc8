package cn.huren.server.client;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Certificate status for trading systems, from the tenant's certificate bindings. */
@RestController
@Tag(name = "Trading systems v1")
class CertificatesV1Controller {

    private final CertificateBindings bindings;
    private final Clock clock;

    CertificatesV1Controller(CertificateBindings bindings, Clock clock) {
        this.clock = clock;
        this.bindings = bindings;
    }

    @GetMapping("/api/t/{tenant}/v1/certificates")
    @RequiresScope(Scope.CERTIFICATES_READ)
    @Operation(summary = "The status of a certificate bound in this tenant, by serial and issuer")
    V1Views.CertificateStatus status(@Parameter(description = "hex, any case, colons allowed") @RequestParam String serial,
                                     @Parameter(description = "the issuer's distinguished name, e.g. CN=Demo CA,O=Huren,C=CN")
                                     @RequestParam String issuer) {
        List<FieldError> errors = new ArrayList<>();
        String hex = serial.replace(":", "").strip().toUpperCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
        if (!hex.matches("[0-9A-F]{1,64}")) {
            errors.add(new FieldError("serial", "a certificate serial number in hex"));
        }
        X500Principal issuerName = null;
        try {
            issuerName = new X500Principal(issuer);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("issuer", "an X.500 distinguished name: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return bindings.status(hex, issuerName).map(b -> V1Views.CertificateStatus.of(b, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("certificate-not-found", "no certificate " + hex + " of this issuer is bound in this tenant"));
    }
}
