package cn.huren.server.oidc;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.SecretBox;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's token signing keys (RSA-2048, RS256), in the tenant's schema, the private part sealed
 * and bound to tenant and key id: no key is ever shared between tenants. The ACTIVE key signs; a
 * rotation makes a new key active and keeps the old one PUBLISHED in the JWKS, so tokens it signed
 * stay verifiable until it is RETIRED. Cached per tenant for a few seconds; another node sees a
 * rotation within {@link #CACHE_TTL} and meanwhile signs with a key that is still published.
 */
@Component
class SigningKeys {

    enum Status { ACTIVE, PUBLISHED, RETIRED }

    record KeyView(String kid, Status status, Instant createdAt, Instant retiredAt) {
    }

    /** The current tenant's keys: the one that signs, and every key a verifier may meet. */
    record TenantKeys(RSAKey active, List<JWK> published) {
    }

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox secrets;
    private final Cache<String, TenantKeys> cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();

    SigningKeys(TenantData data, PlatformTransactionManager transactions, SecretBox secrets) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.secrets = secrets;
    }

    TenantKeys current() {
        TenantDescriptor tenant = TenantContext.require();
        return cache.get(tenant.code(), code -> load(tenant));
    }

    /** A new key signs from now on; the previous one stays published. */
    KeyView rotate() {
        TenantDescriptor tenant = TenantContext.require();
        RSAKey key = generate(tenant);
        tx.executeWithoutResult(s -> {
            // two rotations at once take turns (the second demotes the first's key) instead of one failing on the unique index
            jdbc.sql("select pg_advisory_xact_lock(hashtext('huren-oidc-keys:' || current_schema()))").query((rs, n) -> 1).list();
            jdbc.sql("update oidc_signing_key set status = 'PUBLISHED' where status = 'ACTIVE'").update();
            insert(tenant, key);
        });
        cache.invalidate(tenant.code());
        return view(key.getKeyID());
    }

    /** A published key leaves the JWKS; tokens it signed no longer verify. The active key cannot be retired. */
    KeyView retire(String kid) {
        TenantDescriptor tenant = TenantContext.require();
        int changed = tx.execute(s -> jdbc.sql("update oidc_signing_key set status = 'RETIRED', retired_at = now() "
                + "where kid = ? and status = 'PUBLISHED'").param(kid).update());
        if (changed == 0) {
            KeyView existing = view(kid);
            throw ApiException.conflict("key-not-retirable", "key " + kid + " is " + existing.status()
                    + "; only a published (no longer active) key can be retired");
        }
        cache.invalidate(tenant.code());
        return view(kid);
    }

    /** The keys as operators see them; a tenant's first key is made on first use, and listing counts as use. */
    List<KeyView> listing() {
        current();
        return list();
    }

    List<KeyView> list() {
        return tx.execute(s -> jdbc.sql("select kid, status, created_at, retired_at from oidc_signing_key order by created_at desc")
                .query((rs, n) -> new KeyView(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list());
    }

    private KeyView view(String kid) {
        return list().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> ApiException.notFound("key-not-found", "no signing key " + kid + " of this tenant"));
    }

    private TenantKeys load(TenantDescriptor tenant) {
        List<Row> rows = rows();
        if (rows.stream().noneMatch(r -> r.status == Status.ACTIVE)) {
            // first use: two nodes may race here; the partial unique index lets one win, the other re-reads
            try {
                RSAKey fresh = generate(tenant);
                tx.executeWithoutResult(s -> insert(tenant, fresh));
            } catch (DuplicateKeyException raced) {
                // the other node's key is the active one
            }
            rows = rows();
        }
        RSAKey active = null;
        List<JWK> published = new java.util.ArrayList<>();
        for (Row r : rows) {
            try {
                published.add(JWK.parse(r.publicJwk));
                if (r.status == Status.ACTIVE) {
                    active = RSAKey.parse(secrets.open(r.privateSealed, context(tenant, r.kid)));
                }
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + r.kid + " of tenant " + tenant.code() + " is unreadable", e);
            }
        }
        if (active == null) {
            throw new IllegalStateException("tenant " + tenant.code() + " has no active signing key");
        }
        return new TenantKeys(active, List.copyOf(published));
    }

    private record Row(String kid, Status status, String publicJwk, String privateSealed) {
    }

    private List<Row> rows() {
        return tx.execute(s -> jdbc.sql("select kid, status, public_jwk, private_jwk_sealed from oidc_signing_key "
                        + "where status <> 'RETIRED' order by created_at desc")
                .query((rs, n) -> new Row(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list());
    }

    private void insert(TenantDescriptor tenant, RSAKey key) {
        jdbc.sql("insert into oidc_signing_key (kid, status, public_jwk, private_jwk_sealed, created_at) values (?, 'ACTIVE', ?, ?, ?)")
                .params(key.getKeyID(), key.toPublicJWK().toJSONString(), secrets.seal(key.toJSONString(), context(tenant, key.getKeyID())),
                        Timestamp.from(Instant.now()))
                .update();
    }

    /** The sealed private key opens only for this tenant and this key id. */
    private static String context(TenantDescriptor tenant, String kid) {
        return "tenant:" + tenant.code() + ":oidc-signing-key:" + kid;
    }

    private static RSAKey generate(TenantDescriptor tenant) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(tenant.code() + "-" + HexFormat.of().formatHex(random)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }
}
