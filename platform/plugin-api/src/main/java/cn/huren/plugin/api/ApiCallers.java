package cn.huren.plugin.api;

import java.util.Optional;
import java.util.Set;

/**
 * Host service: the API client (a trading system) whose signed request is being handled, if any.
 * Plugin endpoints are reached with the same signed requests as the v1 API.
 */
public interface ApiCallers {

    Optional<ApiCaller> current();

    /** An API client of the current tenant and the scopes it holds (e.g. {@code track-records:use}). */
    record ApiCaller(String clientId, String name, Set<String> scopes) {

        public ApiCaller {
            scopes = Set.copyOf(scopes);
        }
    }
}
