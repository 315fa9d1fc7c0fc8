package cn.huren.server.democa;

import cn.huren.server.certificate.Crypto;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.certificate.Pem;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real certificate authority built on Bouncy Castle, for demo tenants and tests: RSA-2048,
 * ECDSA P-256 or SM2 (SM3withSM2) keys; root and intermediate CAs; end-entity certificates with the
 * holder's identity in the subject and in CA-private extension OIDs.
 */
public final class DemoCertificateAuthority {

    /** What goes into an end-entity certificate. */
    public record Subject(String commonName, String serialNumber, Map<String, String> privateOids, Instant notBefore,
                          Instant notAfter, boolean digitalSignature) {

        public static Subject of(String commonName, String serialNumber, Map<String, String> privateOids) {
            Instant now = Instant.now();
            return new Subject(commonName, serialNumber, privateOids, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true);
        }

        public Subject validity(Instant from, Instant until) {
            return new Subject(commonName, serialNumber, privateOids, from, until, digitalSignature);
        }

        public Subject withoutDigitalSignature() {
            return new Subject(commonName, serialNumber, privateOids, notBefore, notAfter, false);
        }
    }

    /** A certificate and its private key, as a USB key or a mobile app holds them. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        public String pem() {
            return DemoCertificateAuthority.pem(certificate);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyAlgorithm algorithm;
    private final X509Certificate certificate;
    private final PrivateKey key;

    private DemoCertificateAuthority(KeyAlgorithm algorithm, X509Certificate certificate, PrivateKey key) {
        this.algorithm = algorithm;
        this.certificate = certificate;
        this.key = key;
    }

    /** A CA whose certificate and key were kept (e.g. sealed in a tenant's schema). */
    public static DemoCertificateAuthority restore(KeyAlgorithm algorithm, X509Certificate certificate, PrivateKey key) {
        return new DemoCertificateAuthority(algorithm, certificate, key);
    }

    public static DemoCertificateAuthority root(String name, KeyAlgorithm algorithm) {
        KeyPair pair = keyPair(algorithm);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, name)
                .addRDN(BCStyle.CN, name + " Root CA").build();
        Instant now = Instant.now();
        X509Certificate cert = sign(algorithm, pair.getPrivate(), new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic()), true, true);
        return new DemoCertificateAuthority(algorithm, cert, pair.getPrivate());
    }

    public DemoCertificateAuthority intermediate(String name) {
        KeyPair pair = keyPair(algorithm);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, name)
                .addRDN(BCStyle.CN, name + " Issuing CA").build();
        Instant now = Instant.now();
        X509Certificate cert = sign(algorithm, key, new JcaX509v3CertificateBuilder(certificate, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1825))), subject, pair.getPublic()), true, true);
        return new DemoCertificateAuthority(algorithm, cert, pair.getPrivate());
    }

    public Issued issue(Subject s) {
        KeyPair pair = keyPair(algorithm);
        return new Issued(certify(s, pair.getPublic(), null), pair.getPrivate());
    }

    /**
     * Certifies a holder's own key (from a CSR): the subject says who, the private OIDs repeat the
     * identifier where Chinese CAs put it, and {@code crlUrl} (optional) becomes the CRL
     * distribution point.
     */
    public X509Certificate certify(Subject s, PublicKey holderKey, String crlUrl) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.CN, s.commonName());
        if (s.serialNumber() != null) {
            name.addRDN(BCStyle.SERIALNUMBER, s.serialNumber());
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(s.notBefore()),
                Date.from(s.notAfter()), name.build(), holderKey);
        try {
            for (Map.Entry<String, String> oid : s.privateOids().entrySet()) {
                builder.addExtension(new ASN1ObjectIdentifier(oid.getKey()), false, new DERUTF8String(oid.getValue()));
            }
            if (crlUrl != null) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(where), null, null)}));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sign(algorithm, key, builder, false, s.digitalSignature());
    }

    /** A CRL entry: when, and why as an RFC 5280 CRLReason code (e.g. {@code CRLReason.keyCompromise}). */
    public record Revoked(Instant at, int reason) {
    }

    private final java.util.Map<BigInteger, Revoked> revoked = new java.util.concurrent.ConcurrentHashMap<>();

    /** Revokes a certificate this CA issued; it appears on every CRL from now on. */
    public void revoke(X509Certificate issued) {
        revoked.put(issued.getSerialNumber(), new Revoked(Instant.now(), org.bouncycastle.asn1.x509.CRLReason.keyCompromise));
    }

    /** A real CRL signed by this CA (DER), valid from {@code thisUpdate} until {@code nextUpdate}. */
    public byte[] crl(Instant thisUpdate, Instant nextUpdate) {
        return crl(thisUpdate, nextUpdate, revoked, null);
    }

    /** A CRL listing {@code revoked} (by serial), numbered when {@code number} is given. */
    public byte[] crl(Instant thisUpdate, Instant nextUpdate, Map<BigInteger, Revoked> revoked, BigInteger number) {
        try {
            org.bouncycastle.cert.X509v2CRLBuilder builder = new org.bouncycastle.cert.X509v2CRLBuilder(
                    org.bouncycastle.asn1.x500.X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            revoked.forEach((serial, entry) -> builder.addCRLEntry(serial, Date.from(entry.at()), entry.reason()));
            if (number != null) {
                builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            }
            return builder.build(new JcaContentSignerBuilder(algorithm.signature()).setProvider(Crypto.BC).build(key)).getEncoded();
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("signing a CRL failed", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String pem() {
        return pem(certificate);
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** The CA's own key, for keeping it sealed; never leaves the server. */
    public PrivateKey privateKey() {
        return key;
    }

    public static String pem(X509Certificate certificate) {
        try {
            return Pem.certificate(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case RSA -> {
                    generator = KeyPairGenerator.getInstance("RSA", Crypto.BC);
                    generator.initialize(2048, RANDOM);
                }
                case EC -> {
                    generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
                    generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(KeyAlgorithm algorithm, PrivateKey signer, X509v3CertificateBuilder builder, boolean ca,
                                        boolean digitalSignature) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            int usage = ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : (digitalSignature ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation : KeyUsage.keyEncipherment);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            return new JcaX509CertificateConverter().setProvider(Crypto.BC)
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm.signature()).setProvider(Crypto.BC).build(signer)));
        } catch (java.io.IOException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("issuing a certificate failed", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(128, RANDOM);
    }
}
