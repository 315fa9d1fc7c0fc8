package cn.huren.server.oidc;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's page for a tenant's OpenID Connect provider: its issuers, relying parties (register
 * one; its secret is shown on the answer page once) and signing keys (rotate, retire).
 */
@Controller
class OidcConsolePages {

    private final RelyingParties relyingParties;
    private final SigningKeys keys;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    OidcConsolePages(RelyingParties relyingParties, SigningKeys keys, TenantDirectory tenants, OperationLog operations) {
        this.relyingParties = relyingParties;
        this.keys = keys;
        this.tenants = tenants;
        this.operations = operations;
    }

    @GetMapping("/console/tenants/{code}/oidc")
    String page(@PathVariable String code, HttpServletRequest request, Model model) {
        return render(tenants.require(code), request, model);
    }

    @PostMapping("/console/tenants/{code}/oidc/clients")
    String create(@PathVariable String code, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String redirectUris, @RequestParam(defaultValue = "false") boolean publicClient,
                  @RequestParam(defaultValue = "false") boolean listed, @RequestParam(defaultValue = "") String initiateLoginUri,
                  @RequestParam(defaultValue = "0") String order,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        TenantDescriptor tenant = tenants.require(code);
        List<String> uris = Arrays.stream(redirectUris.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            RelyingParties.IssuedRelyingParty issued = operations.record("oidc-client.create", code, "name=" + name
                    + " redirectUris=" + uris + " (console)", () -> TenantContext.callAs(tenant, () -> relyingParties.create(
                    new RelyingParties.NewRelyingParty(name, uris, null, publicClient, listed, initiateLoginUri, order(order)))));
            model.addAttribute("issued", issued);
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("errors", e.messages());
            model.addAttribute("name", name);
            model.addAttribute("redirectUris", redirectUris);
            model.addAttribute("initiateLoginUri", initiateLoginUri);
        }
        return render(tenant, request, model);
    }

    /** The picker's listing of one relying party: listed, initiate login URI, order. */
    @PostMapping("/console/tenants/{code}/oidc/clients/{clientId}/listing")
    String listing(@PathVariable String code, @PathVariable String clientId, @RequestParam(defaultValue = "false") boolean listed,
                   @RequestParam(defaultValue = "") String initiateLoginUri, @RequestParam(defaultValue = "0") String order,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        TenantDescriptor tenant = tenants.require(code);
        try {
            operations.record("oidc-client.listing", code, "client=" + clientId + " listed=" + listed + " initiateLoginUri="
                    + initiateLoginUri + " order=" + order + " (console)", () -> TenantContext.callAs(tenant,
                    () -> relyingParties.changeListing(clientId, new RelyingParties.ListingChange(listed, initiateLoginUri, order(order)))));
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("errors", e.messages());
            return render(tenant, request, model);
        }
        return "redirect:/console/tenants/" + code + "/oidc";
    }

    /** A number from the form; anything else is out of range (-1), so the service names the field. */
    private static Integer order(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @PostMapping("/console/tenants/{code}/oidc/keys/rotate")
    String rotate(@PathVariable String code) {
        TenantDescriptor tenant = tenants.require(code);
        operations.record("oidc-key.rotate", code, "(console)", () -> TenantContext.callAs(tenant, keys::rotate));
        return "redirect:/console/tenants/" + code + "/oidc";
    }

    @PostMapping("/console/tenants/{code}/oidc/keys/{kid}/retire")
    String retire(@PathVariable String code, @PathVariable String kid) {
        TenantDescriptor tenant = tenants.require(code);
        operations.record("oidc-key.retire", code, "kid=" + kid + " (console)", () -> TenantContext.callAs(tenant, () -> keys.retire(kid)));
        return "redirect:/console/tenants/" + code + "/oidc";
    }

    private String render(TenantDescriptor tenant, HttpServletRequest request, Model model) {
        model.addAttribute("tenant", tenant);
        String port = request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort();
        model.addAttribute("issuers", tenant.hosts().stream().map(h -> request.getScheme() + "://" + h + port).toList());
        model.addAttribute("clients", TenantContext.callAs(tenant, relyingParties::list));
        model.addAttribute("keys", TenantContext.callAs(tenant, () -> {
            return keys.listing();
        }));
        return "console/oidc";
    }
}
