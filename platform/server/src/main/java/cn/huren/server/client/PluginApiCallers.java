package cn.huren.server.client;

import cn.huren.plugin.api.ApiCallers;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** What plugins' endpoints learn of the API client whose signed request they handle. */
@Component
class PluginApiCallers implements ApiCallers {

    @Override
    public Optional<ApiCaller> current() {
        return principal().map(c -> new ApiCaller(c.clientId(), c.name(),
                c.scopes().stream().map(Scope::code).collect(Collectors.toSet())));
    }

    static Optional<ClientPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return Optional.ofNullable(auth != null && auth.getPrincipal() instanceof ClientPrincipal c ? c : null);
    }
}
