package cn.huren.server.portal;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page of the tenant's OpenID Connect provider: it names the platform (relying party)
 * that asks and what it asks for; the answer goes back to /oauth2/authorize, which checks the state
 * and the signed-in party (oidc package). Host form only, like the provider.
 */
@Controller
class ConsentPages {

    private final RegisteredClientRepository clients;

    ConsentPages(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam("client_id") String clientId, @RequestParam(defaultValue = "") String scope,
                   @RequestParam String state, Model model, HttpServletResponse response) {
        PortalAdvice.tenant();
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw ApiException.notFound("oidc-client-not-found", "no such platform is registered with this portal");
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.retainAll(client.getScopes());
        // the answer's redirect goes on to the platform: form-action must allow its origins (else the browser stops it)
        response.setHeader("Content-Security-Policy", SecurityHeaders.policy("", String.join(" ", origins(client))));
        model.addAttribute("client", client.getClientName());
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("scopes", List.copyOf(requested));
        return "portal/consent";
    }

    private static Set<String> origins(RegisteredClient client) {
        Set<String> origins = new LinkedHashSet<>();
        for (String uri : client.getRedirectUris()) {
            URI u = URI.create(uri);
            origins.add(u.getScheme() + "://" + u.getRawAuthority());
        }
        return origins;
    }
}
