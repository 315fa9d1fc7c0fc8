package cn.huren.server.login;

import cn.huren.server.support.Hashes;
import cn.huren.server.party.PartyKind;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bearer sessions opened by certificate login, kept (hashed) in the tenant's schema: a token is
 * looked up only in the schema of the tenant the request is for, so it works there and nowhere else.
 */
@Component
public class PartySessions {

    /** Who a session speaks for: the certificate holder, and the party once registered. */
    public record PartyPrincipal(String tokenHash, PartyKind holderKind, String holderIdentifier, String holderName, Long partyId,
                                 String certificateFingerprint, String certificateSerial, String medium, String mediumId) {

        public String actor() {
            return "party:" + partyId + "/cert:" + certificateSerial;
        }

        /** Short and without the token hash: this is what logs and Spring Security show as the name. */
        @Override
        public String toString() {
            return actor();
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    PartySessions(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
        this.tx = new TransactionTemplate(transactions);
    }

    public Optional<PartyPrincipal> authenticate(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return authenticateHash(Hashes.sha256Hex(token));
    }

    /** A browser keeps only the hash in its cookie session; every request re-reads the row, so logout and expiry bite at once. */
    public Optional<PartyPrincipal> authenticateHash(String hash) {
        return tx.execute(s -> jdbc.sql("select * from party_session where token_hash = ? and expires_at > now()").param(hash)
                .query((rs, n) -> new PartyPrincipal(hash, PartyKind.valueOf(rs.getString("holder_kind")), rs.getString("holder_identifier"),
                        rs.getString("holder_name"), (Long) rs.getObject("party_id"), rs.getString("certificate_fingerprint"),
                        rs.getString("certificate_serial"), rs.getString("medium"), rs.getString("medium_id")))
                .optional());
    }

    /** Logout: the session ends for every client holding it. */
    public void end(String tokenHash) {
        tx.executeWithoutResult(s -> jdbc.sql("update party_session set expires_at = now() where token_hash = ? and expires_at > now()")
                .param(tokenHash).update());
    }

    /** The certificate the session logged in with (DER). */
    public byte[] certificate(String tokenHash) {
        return tx.execute(s -> jdbc.sql("select certificate from party_session where token_hash = ?").param(tokenHash)
                .query((rs, n) -> rs.getBytes(1)).single());
    }

    /** After registration the session speaks for the new party. */
    public void attachParty(String tokenHash, long partyId) {
        tx.executeWithoutResult(s -> jdbc.sql("update party_session set party_id = ? where token_hash = ?").params(partyId, tokenHash).update());
    }
}
