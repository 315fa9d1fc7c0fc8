package cn.huren.server.oidc;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.CertificateSessionsEnded;
import cn.huren.server.support.Purges;
import cn.huren.server.tenancy.TenantData;
import java.security.Principal;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
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


    private final TenantData data;
    private final JdbcClient jdbc;
    private final TenantClients clients;
    private final CertificateBindings bindings;
    private volatile OAuth2AuthorizationService delegate;

    TenantAuthorizations(TenantData data, TenantClients clients, CertificateBindings bindings) {
        this.data = data;
        this.jdbc = data.jdbc();
        this.clients = clients;
        this.bindings = bindings;
    }

    private OAuth2AuthorizationService delegate() {
        OAuth2AuthorizationService d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = new JdbcOAuth2AuthorizationService(data.template(), clients);
                }
                d = delegate;
            }
        }
        return d;
    }

    /**
     * Saves through SAS, then writes the acting certificate's fingerprint (from the facts kept with
     * the principal, {@link PartyClaims#facts}) into the row's own column, so that ending that
     * certificate's sessions ({@link #certificateEnded}) finds every authorization made with it.
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        delegate().save(authorization);
        Map<?, ?> facts = facts(authorization);
        if (facts != null) {
            String fingerprint = (String) facts.get("certificate_fingerprint");
            jdbc.sql("update oauth2_authorization set certificate_fingerprint = ? where id = ? "
                            + "and certificate_fingerprint is distinct from ?")
                    .params(fingerprint, authorization.getId(), fingerprint).update();
            // a grant that read the authorization before the certificate ended and saves it after: written back, so gone again
            if (!bindings.actsFor(Long.parseLong((String) facts.get("party_id")), fingerprint)) {
                jdbc.sql("delete from oauth2_authorization where id = ?").param(authorization.getId()).update();
            }
        }
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
        return Purges.expired(jdbc, "oauth2_authorization", """
                greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                  oidc_id_token_expires_at, user_code_expires_at, device_code_expires_at) < now() - interval '1 hour'""");
    }

    /**
     * A certificate's sessions end (void, disable, revocation): so do the authorizations relying
     * parties got with it, in the same transaction: their refresh tokens are refused (invalid_grant)
     * and their access tokens introspect inactive.
     */
    @EventListener
    void certificateEnded(CertificateSessionsEnded ended) {
        jdbc.sql("delete from oauth2_authorization where certificate_fingerprint = ? and principal_name = ?")
                .params(ended.fingerprint(), PartyClaims.SUBJECT_PREFIX + ended.partyId()).update();
    }

    /** The facts of the party and certificate the authorization was made for ({@link PartyClaims#facts}); null for a client's own. */
    private static Map<?, ?> facts(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(Principal.class.getName());
        if (principal instanceof Authentication authentication && authentication.getDetails() instanceof Map<?, ?> facts
                && facts.get("certificate_fingerprint") instanceof String fingerprint && !fingerprint.isBlank()
                && facts.get("party_id") instanceof String party && party.matches("\\d{1,18}")) {
            return facts;
        }
        return null;
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
