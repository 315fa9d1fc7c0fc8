package cn.huren.server.oidc;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.Tokens;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;

/**
 * Relying parties (platforms that sign users in with the tenant's provider), registered by operators.
 * Every one must use PKCE and ask the user's consent; a confidential one gets a secret, shown once.
 */
@Service
class RelyingParties {

    static final Set<String> SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE);

    record NewRelyingParty(String name, List<String> redirectUris, List<String> scopes, Boolean publicClient) {
    }

    record RelyingPartyView(String clientId, String name, List<String> redirectUris, List<String> scopes, boolean publicClient,
                            Instant createdAt) {
    }

    record IssuedRelyingParty(@JsonUnwrapped RelyingPartyView client, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantClients clients;
    private final JdbcClient jdbc;

    RelyingParties(TenantClients clients, TenantData data) {
        this.clients = clients;
        this.jdbc = data.jdbc();
    }

    IssuedRelyingParty create(NewRelyingParty request) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "required, at most 200 characters", "length"));
        }
        List<String> uris = request.redirectUris() == null ? List.of() : request.redirectUris();
        if (uris.isEmpty() || uris.size() > 5) {
            errors.add(new FieldError("redirectUris", "one to five redirect URIs", "size"));
        }
        for (int i = 0; i < uris.size(); i++) {
            checkRedirect(uris.get(i)).ifPresent(error -> errors.add(error));
        }
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null ? List.of(OidcScopes.OPENID, OidcScopes.PROFILE) : request.scopes());
        if (scopes.contains(null) || !scopes.contains(OidcScopes.OPENID) || !SCOPES.containsAll(scopes)) {
            errors.add(new FieldError("scopes", "must contain openid; allowed: " + String.join(", ", SCOPES.stream().sorted().toList()), "value"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        boolean publicClient = Boolean.TRUE.equals(request.publicClient());
        String secret = publicClient ? null : Tokens.random();
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(TenantContext.require().code() + "-rp-" + random(10))
                .clientIdIssuedAt(Instant.now())
                .clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(set -> set.addAll(uris))
                .scopes(set -> set.addAll(scopes))
                // PKCE for every relying party, public or not, and always the user's consent
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TenantClients.ACCESS_TOKEN_TTL).build());
        if (publicClient) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            client.clientSecret(new ClientSecrets().encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
        }
        RegisteredClient built = client.build();
        clients.save(built);
        return new IssuedRelyingParty(view(built), secret);
    }

    List<RelyingPartyView> list() {
        List<String> ids = jdbc.sql("select id from oauth2_registered_client order by client_id_issued_at, client_id")
                .query(String.class).list();
        return ids.stream().map(clients::findById).map(RelyingParties::view).toList();
    }

    /** The relying party goes, with its authorizations and consents: its tokens stop working at once. */
    void delete(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || client.getId().startsWith(TenantClients.API_CLIENT_ID_PREFIX)) {
            throw ApiException.notFound("oidc-client-not-found", "no relying party " + clientId + " of this tenant");
        }
        // one statement: the relying party never stays half deleted
        jdbc.sql("""
                with authorizations as (delete from oauth2_authorization where registered_client_id = ?),
                  consents as (delete from oauth2_authorization_consent where registered_client_id = ?)
                delete from oauth2_registered_client where id = ?""").params(client.getId(), client.getId(), client.getId()).update();
    }

    /** Absolute https URIs without fragment; plain http only for loopback hosts (development). */
    private static java.util.Optional<FieldError> checkRedirect(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.endsWith(".localhost");
            if (value.length() > 500 || uri.getFragment() != null || host.isEmpty()
                    || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                return java.util.Optional.of(new FieldError("redirectUris", "an absolute https URI without fragment "
                        + "(http only for localhost): " + value, "format"));
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException | NullPointerException e) {
            return java.util.Optional.of(new FieldError("redirectUris", "not a URI: " + value, "format"));
        }
    }

    private static RelyingPartyView view(RegisteredClient c) {
        return new RelyingPartyView(c.getClientId(), c.getClientName(), List.copyOf(c.getRedirectUris()), List.copyOf(c.getScopes()),
                c.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE), c.getClientIdIssuedAt());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
