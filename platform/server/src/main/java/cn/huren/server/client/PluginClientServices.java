package cn.huren.server.client;

import cn.huren.plugin.api.ApiCallers;
import cn.huren.plugin.api.TrackRecordUses;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.TrackRecordView;
import cn.huren.server.support.ApiException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What plugins' endpoints learn of the API client calling them, and the use reports they pass on
 * (JS-46): the same service, scope and ledger entry as {@code POST /api/t/{tenant}/v1/track-records/{id}/uses}.
 */
@Component
class PluginClientServices implements ApiCallers, TrackRecordUses {

    private final Projects projects;

    PluginClientServices(Projects projects) {
        this.projects = projects;
    }

    @Override
    public Optional<ApiCaller> current() {
        return principal().map(c -> new ApiCaller(c.clientId(), c.name(),
                c.scopes().stream().map(Scope::code).collect(Collectors.toSet())));
    }

    @Override
    public TrackRecordUse report(long trackRecordId, String useId) {
        ClientPrincipal client = principal().orElseThrow(() ->
                new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "a signed request of an API client is required"));
        if (!client.scopes().contains(Scope.TRACK_RECORDS_USE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient-scope",
                    "client " + client.clientId() + " lacks the scope " + Scope.TRACK_RECORDS_USE.code() + " this endpoint needs");
        }
        TrackRecordView view = projects.reportUse(trackRecordId, useId, client.actor());
        return new TrackRecordUse(view.id(), view.status().name(), view.useCount());
    }

    private static Optional<ClientPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return Optional.ofNullable(auth != null && auth.getPrincipal() instanceof ClientPrincipal c ? c : null);
    }
}
