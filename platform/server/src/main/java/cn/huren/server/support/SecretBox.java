package cn.huren.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key ({@code HUREN_MASTER_KEY}, base64
 * of 32 bytes, or a key generated into the data directory on first start). The context string
 * (e.g. tenant and field) is bound as associated data, so a ciphertext cannot be moved elsewhere.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${huren.master-key:}") String masterKey, @Value("${huren.data-dir:./data}") String dataDir,
              @Value("${huren.database.embedded:false}") boolean embeddedDatabase) {
        this.key = new SecretKeySpec(loadKey(masterKey, Path.of(dataDir), embeddedDatabase), "AES");
    }

    private static byte[] loadKey(String configured, Path dataDir, boolean embeddedDatabase) {
        if (StringUtils.hasText(configured)) {
            return decodeKey(configured.trim(), "HUREN_MASTER_KEY");
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).trim(), file.toString());
            }
            if (!embeddedDatabase) {
                // several nodes share an external database: a key generated per node would not open the others' secrets
                throw new IllegalStateException("HUREN_MASTER_KEY must be set when an external database is used "
                        + "(the same base64 32-byte key on every node); e.g. openssl rand -base64 32");
            }
            Files.createDirectories(dataDir);
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            log.warn("Generated a new master key in {}; set HUREN_MASTER_KEY in production and keep a copy", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + source + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("the master key in " + source + " must be 32 bytes (base64), got " + bytes.length);
        }
        return bytes;
    }

    /**
     * A 32-byte key for one purpose (e.g. a tenant's login-challenge seals), derived from the master key
     * by HMAC-SHA256 over a labelled purpose, so every node derives the same key and no purpose's key
     * reveals another's or the master key.
     */
    public byte[] derive(String purpose) {
        return Hashes.hmacSha256(key.getEncoded(), ("huren-derive:v1:" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isSealed(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    public String seal(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret cannot be decrypted: wrong master key or tampered value", e);
        }
    }
}
