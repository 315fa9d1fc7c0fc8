package cn.huren.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The simulated USB key or phone: one private key and its certificate chain in a PKCS#12 file,
 * opened with a PIN. Bouncy Castle's PKCS12 store, since the JDK's cannot hold SM2 keys.
 */
final class Medium {

    /** The PIN does not open the file (or it is no PKCS#12 file). */
    static final class WrongPin extends Exception {
        WrongPin(String message) {
            super(message);
        }
    }

    private static final String ALIAS = "huren";

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    Medium(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a medium holds at least its own certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    static Medium open(Path p12, char[] pin) throws WrongPin, IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12", Signatures.BC);
            store.load(in, pin);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, pin);
            Certificate[] chain = store.getCertificateChain(ALIAS);
            if (key == null || chain == null) {
                throw new WrongPin(p12 + " holds no key of the device simulator");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : chain) {
                certificates.add((X509Certificate) c);
            }
            return new Medium(key, certificates);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new WrongPin("wrong PIN for " + p12);
            }
            throw new WrongPin(p12 + " is not a PKCS#12 file (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new WrongPin("wrong PIN for " + p12 + " (" + e.getMessage() + ")");
        }
    }

    /** Writes the file whole or not at all. */
    void save(Path p12, char[] pin) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", Signatures.BC);
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, pin, chain.toArray(new Certificate[0]));
            Path dir = p12.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".huren-device", ".p12");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, pin);
            }
            Files.move(tmp, p12, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + p12 + ": " + e.getMessage(), e);
        }
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    List<X509Certificate> chain() {
        return chain;
    }

    PrivateKey key() {
        return key;
    }

    Signatures.Kind kind() {
        return Signatures.kind(certificate().getPublicKey());
    }

    byte[] sign(byte[] message) {
        return Signatures.sign(key, kind(), message);
    }

    /** Base64 of the certificate's DER, as the login API takes it. */
    String certificateBase64() {
        try {
            return Base64.getEncoder().encodeToString(certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The medium's hardware id (介质硬件号): stable for this key, unique among keys. */
    String mediumId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getPublicKey().getEncoded());
            return "HUREN-SIM-" + HexFormat.of().withUpperCase().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
