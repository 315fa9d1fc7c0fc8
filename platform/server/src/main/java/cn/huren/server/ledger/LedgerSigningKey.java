package cn.huren.server.ledger;

import cn.huren.server.support.SecretBox;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's ECDSA P-256 key that signs ledger checkpoints. Created once (by whichever node
 * gets there first), its private half sealed with the master key in {@code platform.signing_key}.
 */
@Component
class LedgerSigningKey {

    static final String KEY_ID = "ledger-1";
    static final String ALGORITHM = "SHA256withECDSA";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretBox secrets;
    private volatile PrivateKey privateKey;
    private volatile String publicKey;

    LedgerSigningKey(JdbcClient jdbc, SecretBox secrets, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Base64 of the DER (X.509 SubjectPublicKeyInfo) public key, for verifiers to pin. */
    String publicKey() {
        load();
        return publicKey;
    }

    String sign(byte[] payload) {
        load();
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    boolean verify(byte[] payload, String signatureBase64) {
        load();
        try {
            java.security.PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private synchronized void load() {
        if (privateKey != null) {
            return;
        }
        try {
            if (jdbc.sql("select count(*) from platform.signing_key where id = ?").param(KEY_ID).query(Long.class).single() == 0) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                jdbc.sql("""
                        insert into platform.signing_key (id, algorithm, public_key, private_key, created_at)
                        values (?, ?, ?, ?, ?) on conflict (id) do nothing""")
                        .params(KEY_ID, ALGORITHM, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                                secrets.seal(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), "signing-key:" + KEY_ID),
                                Timestamp.from(clock.instant()))
                        .update();
            }
            String[] row = jdbc.sql("select public_key, private_key from platform.signing_key where id = ?").param(KEY_ID)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            byte[] der = Base64.getDecoder().decode(secrets.open(row[1], "signing-key:" + KEY_ID));
            this.privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            this.publicKey = row[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ledger signing key cannot be loaded", e);
        }
    }
}
