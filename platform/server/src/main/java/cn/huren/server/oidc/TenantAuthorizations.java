package cn.huren.server.oidc;

import cn.huren.server.support.Purges;
import cn.huren.server.tenancy.TenantJdbc;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * SAS's JDBC authorization store on the current tenant's schema. Made on first use, not at start:
 * its constructor reads the table's column types, which exist only in tenant schemas (and a fresh
 * installation has none at start).
 */
@Component
class TenantAuthorizations implements OAuth2AuthorizationService {


    private final TenantJdbc jdbc;
    private final TenantClients clients;
    private volatile OAuth2AuthorizationService delegate;

    TenantAuthorizations(TenantJdbc jdbc, TenantClients clients) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    private OAuth2AuthorizationService delegate() {
        OAuth2AuthorizationService d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = new JdbcOAuth2AuthorizationService(jdbc.template(), clients);
                }
                d = delegate;
            }
        }
        return d;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        delegate().save(authorization);
        if (Purges.due()) {
            purgeExpired();
        }
    }

    /**
     * Deletes authorizations whose every token expired over an hour ago (client-credentials tokens
     * add one row each, and SAS never deletes them), at most 10,000 at a time. Rows without any
     * token yet (a consent in progress) are left alone.
     */
    int purgeExpired() {
        return Purges.expired(jdbc.client(), "oauth2_authorization", """
                greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                  oidc_id_token_expires_at, user_code_expires_at, device_code_expires_at) < now() - interval '1 hour'""");
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate().remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate().findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate().findByToken(token, tokenType);
    }
}
