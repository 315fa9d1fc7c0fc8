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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relying parties (platforms that sign users in with the tenant's provider), registered by operators.
 * Every one must use PKCE and ask the user's consent; a confidential one gets a secret, shown once.
 */
@Service
class RelyingParties {

    static final Set<String> SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE);

    /**
     * @param listed           whether the portal's platform picker (进入授权) offers it; needs {@code initiateLoginUri}
     * @param initiateLoginUri its OpenID Connect {@code initiate_login_uri}: the picker sends the browser there
     * @param order            its place in the picker, smallest first
     */
    record NewRelyingParty(String name, List<String> redirectUris, List<String> scopes, Boolean publicClient, Boolean listed,
                           String initiateLoginUri, Integer order) {

        NewRelyingParty(String name, List<String> redirectUris, List<String> scopes, Boolean publicClient) {
            this(name, redirectUris, scopes, publicClient, null, null, null);
        }
    }

    /** A change of the picker's listing; a field left out (null) stays as it is, {@code ""} clears the initiate login URI. */
    record ListingChange(Boolean listed, String initiateLoginUri, Integer order) {
    }

    record RelyingPartyView(String clientId, String name, List<String> redirectUris, List<String> scopes, boolean publicClient,
                            Instant createdAt, boolean listed, String initiateLoginUri, int order) {
    }

    /** What the picker shows of a listed relying party. */
    record Listed(String clientId, String name, String initiateLoginUri) {
    }

    record IssuedRelyingParty(@JsonUnwrapped RelyingPartyView client, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantClients clients;
    private final JdbcClient jdbc;

    private final TransactionTemplate tx;

    RelyingParties(TenantClients clients, TenantData data, PlatformTransactionManager transactions) {
        this.clients = clients;
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
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
            checkUri("redirectUris", uris.get(i)).ifPresent(error -> errors.add(error));
        }
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null ? List.of(OidcScopes.OPENID, OidcScopes.PROFILE) : request.scopes());
        if (scopes.contains(null) || !scopes.contains(OidcScopes.OPENID) || !SCOPES.containsAll(scopes)) {
            errors.add(new FieldError("scopes", "must contain openid; allowed: " + String.join(", ", SCOPES.stream().sorted().toList()), "value"));
        }
        Listing listing = listing(new Listing(false, null, 0),
                new ListingChange(request.listed(), request.initiateLoginUri(), request.order()), errors);
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
        // one transaction: the client and its listing
        tx.executeWithoutResult(status -> {
            clients.save(built);
            store(built.getId(), listing);
        });
        return new IssuedRelyingParty(view(built, listing), secret);
    }

    List<RelyingPartyView> list() {
        List<String> ids = jdbc.sql("select id from oauth2_registered_client order by client_id_issued_at, client_id")
                .query(String.class).list();
        return ids.stream().map(clients::findById).map(c -> view(c, listing(c.getId()))).toList();
    }

    /** Changes whether and where the picker lists a relying party; checked whole, nothing changed on a problem. */
    RelyingPartyView changeListing(String clientId, ListingChange change) {
        RegisteredClient client = require(clientId);
        List<FieldError> errors = new ArrayList<>();
        Listing listing = listing(listing(client.getId()), change == null ? new ListingChange(null, null, null) : change, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        store(client.getId(), listing);
        return view(client, listing);
    }

    /** The relying parties the picker offers, in the operator's order. */
    List<Listed> listed() {
        return jdbc.sql("""
                        select c.client_id, c.client_name, l.initiate_login_uri from oidc_client_listing l
                        join oauth2_registered_client c on c.id = l.registered_client_id
                        where l.listed order by l.position, c.client_id_issued_at, c.client_id""")
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** A relying party registered under this name, if any (demo mode keeps the one it registered before). */
    java.util.Optional<String> clientIdNamed(String name) {
        return jdbc.sql("select client_id from oauth2_registered_client where client_name = ? and id not like ? order by client_id_issued_at limit 1")
                .params(name, TenantClients.API_CLIENT_ID_PREFIX + "%").query(String.class).optional();
    }

    private RegisteredClient require(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || client.getId().startsWith(TenantClients.API_CLIENT_ID_PREFIX)) {
            throw ApiException.notFound("oidc-client-not-found", "no relying party " + clientId + " of this tenant");
        }
        return client;
    }

    private record Listing(boolean listed, String initiateLoginUri, int order) {
    }

    private Listing listing(String registeredClientId) {
        return jdbc.sql("select listed, initiate_login_uri, position from oidc_client_listing where registered_client_id = ?")
                .param(registeredClientId).query((rs, n) -> new Listing(rs.getBoolean(1), rs.getString(2), rs.getInt(3)))
                .optional().orElse(new Listing(false, null, 0));
    }

    /** The listing after a change, its problems added to {@code errors}. */
    private static Listing listing(Listing current, ListingChange change, List<FieldError> errors) {
        String uri = change.initiateLoginUri() == null ? current.initiateLoginUri()
                : change.initiateLoginUri().isBlank() ? null : change.initiateLoginUri().strip();
        if (change.initiateLoginUri() != null && uri != null) {
            checkUri("initiateLoginUri", uri).ifPresent(errors::add);
        }
        boolean listed = change.listed() == null ? current.listed() : change.listed();
        if (listed && uri == null) {
            errors.add(new FieldError("initiateLoginUri", "a listed relying party needs its initiate login URI", "required"));
        }
        int order = change.order() == null ? current.order() : change.order();
        if (order < 0 || order > 9999) {
            errors.add(new FieldError("order", "0 to 9999", "range"));
        }
        return new Listing(listed, uri, order);
    }

    private void store(String registeredClientId, Listing listing) {
        jdbc.sql("""
                        insert into oidc_client_listing (registered_client_id, listed, initiate_login_uri, position) values (?, ?, ?, ?)
                        on conflict (registered_client_id) do update set listed = excluded.listed,
                          initiate_login_uri = excluded.initiate_login_uri, position = excluded.position""")
                .params(registeredClientId, listing.listed(), listing.initiateLoginUri(), listing.order()).update();
    }

    /** The relying party goes, with its authorizations and consents: its tokens stop working at once. */
    void delete(String clientId) {
        RegisteredClient client = require(clientId);
        // one statement: the relying party never stays half deleted
        jdbc.sql("""
                with authorizations as (delete from oauth2_authorization where registered_client_id = ?),
                  consents as (delete from oauth2_authorization_consent where registered_client_id = ?)
                delete from oauth2_registered_client where id = ?""").params(client.getId(), client.getId(), client.getId()).update();
    }

    /** Absolute https URIs without fragment; plain http only for loopback hosts (development). */
    private static java.util.Optional<FieldError> checkUri(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.endsWith(".localhost");
            if (value.length() > 500 || uri.getFragment() != null || host.isEmpty()
                    || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                return java.util.Optional.of(new FieldError(field, "an absolute https URI without fragment "
                        + "(http only for localhost): " + value, "format"));
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException | NullPointerException e) {
            return java.util.Optional.of(new FieldError(field, "not a URI: " + value, "format"));
        }
    }

    private static RelyingPartyView view(RegisteredClient c, Listing l) {
        return new RelyingPartyView(c.getClientId(), c.getClientName(), List.copyOf(c.getRedirectUris()), List.copyOf(c.getScopes()),
                c.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE), c.getClientIdIssuedAt(),
                l.listed(), l.initiateLoginUri(), l.order());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
