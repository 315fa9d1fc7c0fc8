package cn.huren.server.oidc;

import cn.huren.server.client.ApiClients;
import cn.huren.server.tenancy.TenantData;
import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The current tenant's OAuth2 clients: relying parties registered by operators (SAS's table in the
 * tenant schema), and, as a read-only view, the tenant's API clients, which may take a client
 * credentials token with the secret they sign requests with. An API client is never stored twice:
 * disabling it or rotating its secret takes effect on the token endpoint at once.
 */
@Component
class TenantClients implements RegisteredClientRepository {

    static final String API_CLIENT_ID_PREFIX = "api-client:";
    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(10);

    private final JdbcRegisteredClientRepository relyingParties;
    private final ApiClients apiClients;

    TenantClients(TenantData data, ApiClients apiClients) {
        this.relyingParties = new JdbcRegisteredClientRepository(data.template());
        this.apiClients = apiClients;
    }

    @Override
    public void save(RegisteredClient client) {
        if (client.getId().startsWith(API_CLIENT_ID_PREFIX)) {
            throw new IllegalArgumentException("API clients are managed under /api/platform/tenants/{code}/clients");
        }
        relyingParties.save(client);
    }

    @Override
    public RegisteredClient findById(String id) {
        if (id.startsWith(API_CLIENT_ID_PREFIX)) {
            return apiClient(id.substring(API_CLIENT_ID_PREFIX.length()));
        }
        return relyingParties.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        RegisteredClient found = relyingParties.findByClientId(clientId);
        return found != null ? found : apiClient(clientId);
    }

    private RegisteredClient apiClient(String clientId) {
        return apiClients.credentials(clientId).map(c -> RegisteredClient.withId(API_CLIENT_ID_PREFIX + c.clientId())
                        .clientId(c.clientId())
                        .clientName(c.name())
                        .clientSecret(new ClientSecrets().encode(c.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scopes(scopes -> scopes.addAll(c.scopes()))
                        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_TTL).build())
                        .build())
                .orElse(null);
    }
}
