package cn.huren.server.oidc;

import cn.huren.plugin.api.RelyingParties.Consent;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.tenancy.TenantData;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consents parties gave relying parties (SAS's consent rows of the tenant, with when each was first given):
 * listed for the party and revoked by it. A revocation takes the party's authorizations for that platform with it,
 * so its access and refresh tokens stop working at once, and the next login asks for consent again.
 */
@Component
class OidcConsents {

    private final JdbcClient jdbc;
    private final ChangeLedger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    OidcConsents(TenantData data, ChangeLedger ledger, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = data.jdbc();
        this.ledger = ledger;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    List<Consent> of(long partyId) {
        return jdbc.sql("""
                        select c.client_id, c.client_name, s.authorities, s.granted_at from oauth2_authorization_consent s
                        join oauth2_registered_client c on c.id = s.registered_client_id
                        where s.principal_name = ? order by s.granted_at nulls first, c.client_name""")
                .param(PartyClaims.SUBJECT_PREFIX + partyId)
                .query((rs, n) -> new Consent(rs.getString(1), rs.getString(2), scopes(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Withdraws the consent and ends the party's authorizations for the platform, with a ledger entry; false if none. */
    boolean revoke(long partyId, String clientId, String actor) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            String principal = PartyClaims.SUBJECT_PREFIX + partyId;
            String registeredId = jdbc.sql("select id from oauth2_registered_client where client_id = ?").param(clientId)
                    .query(String.class).optional().orElse(null);
            if (registeredId == null) {
                return false;
            }
            int consents = jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?")
                    .params(registeredId, principal).update();
            if (consents == 0) {
                return false;
            }
            int authorizations = jdbc.sql("delete from oauth2_authorization where registered_client_id = ? and principal_name = ?")
                    .params(registeredId, principal).update();
            ledger.append(actor, "oidc-consent", partyId + "/" + clientId, "REVOKE",
                    Map.of("party", partyId, "client", clientId, "authorizationsEnded", authorizations));
            return true;
        }));
    }

    /** Stamps a consent given for the first time (SAS's table has no time of its own). */
    void granted(String registeredClientId, String principalName) {
        jdbc.sql("update oauth2_authorization_consent set granted_at = ? where registered_client_id = ? and principal_name = ?")
                .params(java.sql.Timestamp.from(clock.instant()), registeredClientId, principalName).update();
    }

    private static List<String> scopes(String authorities) {
        return Arrays.stream(authorities.split(",")).map(String::strip).filter(a -> a.startsWith("SCOPE_"))
                .map(a -> a.substring("SCOPE_".length())).toList();
    }
}
