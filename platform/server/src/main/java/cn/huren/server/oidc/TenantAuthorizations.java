package cn.huren.server.oidc;

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
